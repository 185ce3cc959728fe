import logging
from xmlrpc.client import Fault

from odoo.tests.common import at_install, get_db_name, post_install
from odoo.tools import mute_logger

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from . import engine, matrix
from .cast import ROLES, build_cast
from .test_orm_matrix import write_value

try:
    from odoo.addons.pepites_partners import outsiders_rpc
except ImportError:  # before the outsiders' RPC allow-list: XML-RPC is expected to be the ORM
    outsiders_rpc = None

_logger = logging.getLogger(__name__)

#: the outsider role (outsiders.ROLES) of the record matrix's roles that log in over XML-RPC
OUTSIDER_ROLES = {"siae1": "siae", "siae2": "siae", "partner1": "api"}

#: the method each operation of a cell calls over XML-RPC (read: read and search_read)
RPC_METHODS = {"R": ("read", "search_read"), "W": ("write",), "C": ("create",),
               "U": ("unlink",)}


def rpc_cell(model, role, cell):
    """What XML-RPC lets ``role`` do of what the ORM lets it (``cell``): outsiders call only
    the methods ``outsiders_rpc.RPC_METHODS`` lists for their role; the others are refused
    before they run, like a missing access right."""
    outsider = OUTSIDER_ROLES.get(role)
    if outsiders_rpc is None or outsider is None:
        return cell
    return "".join(
        char if all(outsiders_rpc.rpc_allowed(model, method, outsider)
                    for method in RPC_METHODS[operation]) else "-"
        for operation, char in zip(engine.OPERATIONS, cell))

#: roles that log in over XML-RPC (the public user has no password and is inactive)
RPC_ROLES = tuple(role for role in ROLES if role != "public")

#: what the RPC layer says when the database refuses a delete the rights let through (restricting
#: foreign key), in English and in French (the demo users read French)
REFERENCED = ("other records still reference it", "d'autres enregistrements y font référence")


def fault_cell(operation, fault):
    """The cell's character for an XML-RPC fault, and a note unless it is an access denial."""
    message = fault.faultString or ""
    lines = message.strip().splitlines()
    if operation == "U" and any(text in message for text in REFERENCED):
        return "U", "U: refused by the database (referenced)"
    if lines and lines[-1].startswith("odoo.exceptions.ValidationError"):
        # Odoo 11 sends a ValidationError as a traceback: one raised by a constraint that met
        # an access refusal quotes the AccessError above it, but the ORM refused with the
        # ValidationError (its matrix says v)
        return "v", "%s: %s" % (operation, lines[-1][:200])
    if fault.faultCode == 4 or "AccessError" in message:
        return "-", None
    if fault.faultCode == 2 or "ValidationError" in message or "UserError" in message:
        return "v", "%s: %s" % (operation, message.strip().splitlines()[-1][:200])
    return "!", "%s: %s" % (operation, message.strip().splitlines()[-1][:200])


@at_install(False)
@post_install(True)
class TestXmlrpcMatrix(PepitesHttpCase):
    """The security matrix over real XML-RPC calls, as each role logs in (password = login)."""

    def setUp(self):
        super(TestXmlrpcMatrix, self).setUp()
        self.cast = build_cast(self.env)

    def call(self, user, model, method, *args, **kwargs):
        """``(True, result)`` or ``(False, fault)``."""
        try:
            return True, self.xmlrpc(user, model, method, *args, **kwargs)
        except Fault as fault:
            return False, fault

    def new_fixture(self, builder, model):
        fixture = builder(self.cast, "fixture")
        if isinstance(fixture, dict):
            fixture = self.cast.sudo_env[model].create(fixture)
        return fixture

    def test_public_has_no_xmlrpc_login(self):
        """The public user cannot authenticate over XML-RPC, with or without a password."""
        public = self.cast.users["public"]
        self._before_request()
        for password in ("public", "", public.login):
            self.assertFalse(self.xmlrpc_common.authenticate(get_db_name(), public.login,
                                                             password, {}))
        with self.assertRaises(Fault):
            self.xmlrpc_object.execute_kw(get_db_name(), public.id, "public", "res.partner",
                                          "search", [[]])

    def test_xmlrpc_matrix(self):
        """Over XML-RPC, every role that logs in can read (read and search_read), write,
        create and unlink exactly what the ORM matrix says, on the same representative records,
        except what the outsiders' RPC allow-list keeps from outsiders (see rpc_cell)."""
        actual, notes = {}, {}
        with mute_logger("odoo.sql_db"):
            for key, (builder, field_name) in sorted(matrix.SPECS.items()):
                model = key[0]
                fixture = self.new_fixture(builder, model)
                values = builder(self.cast, "create")
                value = write_value(fixture, field_name)
                actual[key] = {}
                for role in RPC_ROLES:
                    user = self.cast.users[role]
                    results = {}

                    def note(text):
                        notes.setdefault(key + (role,), []).append(text)

                    # read: read() and search_read() must agree
                    ok, answer = self.call(user, model, "read", [fixture.id], [field_name])
                    found, rows = self.call(user, model, "search_read", [("id", "=", fixture.id)],
                                            fields=[field_name])
                    seen = found and bool(rows)
                    if ok:
                        results["R"] = "R" if seen else "!"
                        if not seen:
                            note("R: read() works but search_read() does not find the record")
                    else:
                        results["R"], text = fault_cell("R", answer)
                        if seen:
                            results["R"] = "!"
                            note("R: search_read() finds what read() refuses")
                        if text:
                            note(text)
                    # write, create (fresh values after a success: unique keys), unlink (a fresh
                    # fixture after a success, for the next roles)
                    ok, answer = self.call(user, model, "write", [fixture.id], {field_name: value})
                    results["W"], text = ("W", None) if ok else fault_cell("W", answer)
                    text and note(text)
                    ok, answer = self.call(user, model, "create", values)
                    results["C"], text = ("C", None) if ok else fault_cell("C", answer)
                    text and note(text)
                    if ok:
                        values = builder(self.cast, "create")
                    ok, answer = self.call(user, model, "unlink", [fixture.id])
                    results["U"], text = ("U", None) if ok else fault_cell("U", answer)
                    text and note(text)
                    if ok:
                        fixture = self.new_fixture(builder, model)
                    actual[key][role] = engine.cell_string(results)
        engine.log_matrix("Security matrix, XML-RPC (%d rows x %d roles; public cannot log in)"
                          % (len(actual), len(RPC_ROLES)), actual, RPC_ROLES)
        expected = {key: {role: rpc_cell(key[0], role, cells[role]) for role in RPC_ROLES}
                    for key, cells in matrix.EXPECTED.items()}
        mismatches = engine.diff(expected, actual, notes)
        self.assertFalse(mismatches, "\n" + "\n".join(
            ["Security matrix (XML-RPC): %d problem(s)" % len(mismatches)] + mismatches))
