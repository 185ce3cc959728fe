"""Generic ORM methods that read around the access rights, on the models that hold people's
data, as siae1 and partner1: read_group and search on fields reserved to some groups
(``groups=``), export_data of such fields and of paths to them, name_search (issue 12, items 2
and 4, "The matrix covers everything"). message_subscribe and message_post on another SIAE's
offer are rows of elevating.METHODS (test_elevating_methods).

Expected: refused, or empty; never a value. Each check runs through the ORM (as the user) and
over XML-RPC (where the outsiders' RPC allow-list refuses some methods altogether).
"""
import logging

from odoo.exceptions import AccessError, UserError
from odoo.tests.common import SavepointCase, at_install, post_install
from odoo.tools import mute_logger

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from . import engine
from .cast import build_assertion, build_cast, build_immersion, build_orientation
from .rpc import call, short

_logger = logging.getLogger(__name__)

#: the models that hold the personal data of people in integration paths
PERSONAL_MODELS = ("res.partner", "hr.applicant", "pepites.immersion", "pepites.orientation",
                   "event.registration", "pepites.badge.assertion")

#: export paths from each model to a restricted field of another (``{model: [path]}``)
PATHS = {
    "res.partner": ["parent_id/signup_token", "commercial_partner_id/signup_token",
                    "child_ids/signup_token", "user_ids/signup_token"],
    "hr.applicant": ["partner_id/signup_token"],
    "pepites.immersion": ["beneficiary_id/signup_token", "host_siae_id/signup_token"],
    "pepites.orientation": ["person_id/signup_token", "siae_id/signup_token"],
    "event.registration": ["partner_id/signup_token"],
    "pepites.badge.assertion": ["recipient_partner_id/signup_token"],
}

ROLES = ("siae1", "partner1")


def restricted_fields(model):
    """The fields of ``model`` reserved to some groups (``groups=``) that outsiders lack, the
    stored ones (read_group and search work on those)."""
    return sorted(name for name, field in model._fields.items()
                  if field.groups and field.store and field.type not in ("one2many",
                                                                         "many2many"))


def readable_ids(Model):
    """The ids of the records ``Model``'s user may read (none without the read right)."""
    try:
        return Model.search([]).ids
    except AccessError:
        return []


def char_fields(model, names):
    """Those of ``names`` that hold text (a secret string can be searched on them)."""
    return [name for name in names if model._fields[name].type in ("char", "text")]


class SecretsMixin(object):
    """Records siae1 and partner1 may read, whose restricted fields hold secret markers."""

    def plant_secrets(self):
        c = self.cast
        S = c.sudo_env
        self.secrets = []

        def secret(kind):
            value = c.token(kind, "secret")
            self.secrets.append(value)
            return value

        token_values = {"signup_type": "signup", "signup_expiration": "2099-01-01 00:00:00"}
        # siae1's structure and an employee (siae1 reads them), siae2's structure (partner1
        # reads the SIAE directory)
        employee = c.person(c.siae1, "SEC")
        for partner in (c.siae1, employee, c.siae2):
            partner.write(dict(token_values, signup_token=secret("TOK")))
        applicant = S["hr.applicant"].create({
            "name": "Candidature secrète", "partner_name": "Candidat", "job_id": c.job1_pub.id,
            "partner_id": employee.id, "email_from": employee.email})
        S["pepites.immersion"].create(dict(build_immersion(c, "secret"),
                                           beneficiary_id=employee.id))
        S["pepites.orientation"].create(dict(build_orientation(c, "secret"),
                                             person_id=employee.id))
        S["event.registration"].create({"event_id": c.event_pub.id, "partner_id": employee.id,
                                        "name": employee.name, "email": employee.email})
        for issued_by_partner1 in (False, True):
            values = build_assertion(issued_by_partner1)(c, "secret")
            holder = c.person(c.siae1, "SEH")
            values.update(recipient_partner_id=holder.id, recipient_email="%s@x.example" % (
                secret("EMAIL").lower()), recipient_salt=secret("SALT"))
            S["pepites.badge.assertion"].create(values)
        self.applicant = applicant
        self.employee = employee

    def found(self, answer):
        """The secret markers in an answer."""
        text = short(answer, 10 ** 6).upper()
        return sorted(value for value in self.secrets if value.upper() in text)

    @staticmethod
    def grouped_values(groups, field_name):
        """The values of ``field_name`` a read_group answer reveals."""
        if not isinstance(groups, list):
            return []
        return [group.get(field_name) for group in groups if group.get(field_name)]


class TestOrmMethods(SecretsMixin, SavepointCase):
    """read_group, search, export_data and name_search through the ORM, as each outsider."""

    @classmethod
    def setUpClass(cls):
        super(TestOrmMethods, cls).setUpClass()
        cls.cast = build_cast(cls.env)
        cls.plant_secrets(cls)

    def attempt(self, function):
        """``(True, result)`` or ``(False, error)``, in a savepoint rolled back after."""
        cr = self.env.cr
        cr.execute("SAVEPOINT matrix_method")
        try:
            with mute_logger("odoo.sql_db"):
                return True, function()
        except (AccessError, UserError, ValueError, KeyError) as error:
            return False, error
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT matrix_method")
            self.env.clear()

    def test_restricted_fields_stay_hidden(self):
        """siae1 and partner1 get no value of a field reserved to other groups (signup_token,
        recipient_email, recipient_salt...) through read_group (grouped by it), search (a
        domain on it: an oracle), or export_data (the field, or a path to it such as
        parent_id/signup_token); name_search finds nothing they may not read."""
        c = self.cast
        actual, problems = {}, []
        for name in PERSONAL_MODELS:
            fields = restricted_fields(self.env[name])
            for role in ROLES:
                Model = self.env[name].sudo(c.users[role])
                readable = readable_ids(Model)
                cells = actual.setdefault((name, ", ".join(fields) or "-"), {})
                leaks = []
                for field_name in fields:
                    ok, groups = self.attempt(
                        lambda: Model.read_group([], [field_name], [field_name], lazy=False))
                    if ok and (self.grouped_values(groups, field_name) or self.found(groups)):
                        leaks.append("read_group %s: %s" % (field_name, self.found(groups) or
                                                            self.grouped_values(groups,
                                                                                field_name)))
                for field_name in char_fields(self.env[name], fields):
                    for secret in self.secrets:
                        ok, ids = self.attempt(
                            lambda: Model.search([(field_name, "=", secret)]).ids)
                        if ok and ids:
                            leaks.append("search %s = %s finds %s" % (field_name, secret, ids))
                paths = fields + PATHS[name]
                ok, exported = self.attempt(
                    lambda: Model.browse(readable).export_data(paths))
                if ok and self.found(exported):
                    leaks.append("export_data %s: %s" % (paths, self.found(exported)))
                hidden = set(self.env[name].search([]).ids) - set(readable)
                ok, names = self.attempt(lambda: Model.name_search("", limit=1000))
                unreadable = ok and sorted({row[0] for row in names} & hidden)
                if unreadable:
                    leaks.append("name_search finds %d record(s) search() hides: %s" % (
                        len(unreadable), unreadable[:5]))
                cells[role] = "LEAK" if leaks else "none"
                problems += ["%s as %s: %s" % (name, role, leak) for leak in leaks]
        self.assertTrue(self.env["res.partner"].sudo(c.users["siae1"]).search(
            [("id", "=", self.employee.id)]), "control: siae1 reads its employee")
        engine.log_matrix("Generic ORM methods on personal data, through the ORM (values "
                          "revealed)", actual, ROLES, labels=("model", "restricted fields"))
        self.assertFalse(problems, "\n" + "\n".join(
            ["Generic ORM methods: %d leak(s)" % len(problems)] + problems))


@at_install(False)
@post_install(True)
class TestOrmMethodsXmlrpc(SecretsMixin, PepitesHttpCase):
    """The same methods over XML-RPC, as siae1 and partner1."""

    def test_restricted_fields_stay_hidden_over_xmlrpc(self):
        """Over XML-RPC, read_group, search, export_data and name_search as siae1 and partner1
        on the models that hold people's data are refused or answer no restricted value and
        no record the caller may not read."""
        self.cast = c = build_cast(self.env)
        self.plant_secrets()
        actual, problems = {}, []
        for name in PERSONAL_MODELS:
            fields = restricted_fields(self.env[name])
            for role in ROLES:
                user = c.users[role]
                readable = readable_ids(self.env[name].sudo(user))
                cells = actual.setdefault((name, ", ".join(fields) or "-"), {})
                results, leaks = [], []
                for field_name in fields:
                    ok, groups = call(self, user, name, "read_group", [], [field_name],
                                      [field_name], lazy=False)
                    results.append("g" if ok else "-")
                    if ok and (self.grouped_values(groups, field_name) or self.found(groups)):
                        leaks.append("read_group %s: %s" % (field_name, short(groups)))
                for field_name in char_fields(self.env[name], fields):
                    ok, ids = call(self, user, name, "search", [(field_name, "in",
                                                                 self.secrets)])
                    results.append("s" if ok else "-")
                    if ok and ids:
                        leaks.append("search on %s finds %s" % (field_name, ids))
                ok, exported = call(self, user, name, "export_data", readable,
                                    fields + PATHS[name])
                results.append("e" if ok else "-")
                if ok and self.found(exported):
                    leaks.append("export_data: %s" % self.found(exported))
                hidden = set(self.env[name].search([]).ids) - set(readable)
                ok, names = call(self, user, name, "name_search", "", limit=1000)
                results.append("n" if ok else "-")
                unreadable = ok and sorted({row[0] for row in names} & hidden)
                if unreadable:
                    leaks.append("name_search finds %d record(s) search() hides" % len(
                        unreadable))
                cells[role] = "LEAK" if leaks else "none (%s)" % "".join(results)
                problems += ["%s as %s: %s" % (name, role, leak) for leak in leaks]
        engine.log_matrix("Generic ORM methods on personal data, over XML-RPC (values revealed;"
                          " g/s/e/n: read_group/search/export_data/name_search answered, -: "
                          "refused)", actual, ROLES, labels=("model", "restricted fields"))
        self.assertFalse(problems, "\n" + "\n".join(
            ["Generic ORM methods over XML-RPC: %d leak(s)" % len(problems)] + problems))
