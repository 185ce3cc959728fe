"""Default deny for outsiders, model by model: every model of ``ir.model`` x outsider role x
read/write/create/unlink, against the allow-list ``pepites_partners/outsiders.py`` (issue 12,
"The matrix covers everything")."""
import logging

from odoo.tests.common import SavepointCase, at_install, post_install

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from . import engine
from .cast import build_cast
from .rpc import call, short

try:
    from odoo.addons.pepites_partners import outsiders
except ImportError:  # before the allow-list: the tests fail with a message, the others run
    outsiders = None

_logger = logging.getLogger(__name__)

#: access modes in the order of the cells, with their letter in ``outsiders.ALLOW``
MODES = (("read", "r", "R"), ("write", "w", "W"), ("create", "c", "C"), ("unlink", "u", "U"))

#: the outsider roles (``outsiders.ROLES``) and the matrix's user for each
ROLE_USERS = (("public", "public"), ("portal", "portal"), ("siae", "siae1"), ("api", "partner1"))

#: core models the issue found open to outsiders: checked over XML-RPC whatever the list says
RPC_SAMPLE = ("mail.mail", "mail.notification", "mail.followers", "calendar.attendee",
              "res.users.log", "survey.user_input_line", "hr.applicant.category")


def allowed_cell(model, role):
    """The cell ``outsiders.ALLOW`` expects, e.g. ``R---``."""
    modes = outsiders.allowed_modes(model, role)
    return "".join(cell if letter in modes else "-" for _mode, letter, cell in MODES)


class TestModelRights(SavepointCase):
    """Every model of the registry x outsider role x mode, through check_access_rights."""

    @classmethod
    def setUpClass(cls):
        super(TestModelRights, cls).setUpClass()
        cls.cast = build_cast(cls.env)

    def test_outsider_roles(self):
        """The matrix's users have the outsider roles it says (outsiders.role_of), and INAÉ
        staff is no outsider."""
        self.assertIsNotNone(outsiders, "addons/pepites_partners/outsiders.py is missing")
        users = self.cast.users
        for role, name in ROLE_USERS:
            self.assertEqual(outsiders.role_of(users[name]), role, name)
        self.assertEqual(tuple(outsiders.ROLES), tuple(role for role, _name in ROLE_USERS))
        self.assertIsNone(outsiders.role_of(users["staff"]))

    def test_every_model_matches_the_allow_list(self):
        """For every model of ir.model (abstract ones aside) and every outsider role,
        check_access_rights grants exactly the modes outsiders.ALLOW lists: default deny for
        core models too (mail.mail, mail.notification, calendar.attendee, res.users.log...)."""
        self.assertIsNotNone(outsiders, "addons/pepites_partners/outsiders.py is missing")
        users = self.cast.users
        names = self.env["ir.model"].sudo().search([]).mapped("model")
        skipped = {"abstract": 0, "not in the registry": 0}
        actual, problems = {}, []
        for name in sorted(names):
            if name not in self.env.registry:
                skipped["not in the registry"] += 1
                continue
            if self.env[name]._abstract:
                skipped["abstract"] += 1
                continue
            row = {}
            for role, user_name in ROLE_USERS:
                model = self.env[name].sudo(users[user_name])
                row[role] = "".join(
                    cell if model.check_access_rights(mode, raise_exception=False) else "-"
                    for mode, _letter, cell in MODES)
                expected = allowed_cell(name, role)
                if row[role] != expected:
                    problems.append("%-40s %-7s ALLOW says %s, got %s" % (
                        name, role, expected, row[role]))
            actual[(name, outsiders.ALLOW.get(name, ("", ""))[1][:60])] = row
        for name in sorted(set(outsiders.ALLOW) - set(names)):
            problems.append("%s: on outsiders.ALLOW but not a model of ir.model (typo? removed "
                            "model?)" % name)
        granted = {key: row for key, row in actual.items()
                   if any(cell != "----" for cell in row.values())}
        roles = tuple(role for role, _name in ROLE_USERS)
        engine.log_matrix(
            "Model rights of outsiders (%d models: %d with some right, shown; %d all denied; "
            "skipped: %d abstract, %d not in the registry)" % (
                len(actual), len(granted), len(actual) - len(granted), skipped["abstract"],
                skipped["not in the registry"]),
            granted, roles, labels=("model", "reason (outsiders.ALLOW)"))
        self.assertGreater(len(actual), 150, "ir.model lists too few models: %d" % len(actual))
        self.assertFalse(problems, "\n" + "\n".join(
            ["Model rights of outsiders: %d difference(s) with outsiders.ALLOW (fix the ACL "
             "lines or the list)" % len(problems)] + problems))


@at_install(False)
@post_install(True)
class TestModelRightsXmlrpc(PepitesHttpCase):
    """The same, asked over XML-RPC by siae1 and partner1 (the public user cannot log in)."""

    def test_check_access_rights_over_xmlrpc(self):
        """Over XML-RPC, check_access_rights answers for siae1 and partner1 what outsiders.ALLOW
        lists, on every model the list opens to some role and on the core models the issue
        found open (mail.mail, mail.notification, mail.followers, calendar.attendee,
        res.users.log, survey.user_input_line, hr.applicant.category)."""
        self.assertIsNotNone(outsiders, "addons/pepites_partners/outsiders.py is missing")
        cast = build_cast(self.env)
        models = sorted(set(name for name, (modes, _reason) in outsiders.ALLOW.items()
                            if any(modes.values())) | set(RPC_SAMPLE))
        roles = (("siae", "siae1"), ("api", "partner1"))
        actual, problems = {}, []
        for name in models:
            actual[(name, "")] = row = {}
            for role, user_name in roles:
                cells = []
                for mode, _letter, cell in MODES:
                    ok, answer = call(self, cast.users[user_name], name, "check_access_rights",
                                      mode, raise_exception=False)
                    if not ok:
                        problems.append("%s %s %s: %s" % (name, user_name, mode, short(answer)))
                    cells.append(cell if ok and answer else "-")
                row[user_name] = "".join(cells)
                if row[user_name] != allowed_cell(name, role):
                    problems.append("%-40s %-8s ALLOW says %s, XML-RPC answers %s" % (
                        name, user_name, allowed_cell(name, role), row[user_name]))
        engine.log_matrix("Model rights of outsiders over XML-RPC (%d models)" % len(actual),
                          actual, [user_name for _role, user_name in roles])
        self.assertFalse(problems, "\n" + "\n".join(
            ["Model rights over XML-RPC: %d problem(s)" % len(problems)] + problems))
