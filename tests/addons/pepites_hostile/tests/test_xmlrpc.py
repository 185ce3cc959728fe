import ast
import xmlrpc.client

from odoo.tests import common

from . import cases
from .common import TALLY, HostileCase, print_tally, watch_errors

#: the loggers where Odoo 11 reports the errors a case declares (see cases.py)
EXPECTED_LOGGERS = {cases.CORE: ("odoo.sql_db", "odoo.http")}
#: what each expectation accepts from :func:`fault_kind`
ACCEPTED_KINDS = {cases.USER: ("user", "validation"), cases.ACCESS: ("access",),
                  cases.CORE: ("internal",)}


def _message(text):
    """The message of an Odoo exception whose str() is its ``(name, value)`` tuple."""
    text = text.strip()
    if text.startswith("("):
        try:
            return ast.literal_eval(text)[0]
        except (ValueError, SyntaxError, IndexError):
            return text
    return text


def fault_kind(fault):
    """``(kind, message)`` of an XML-RPC fault of Odoo 11: ``user`` (UserError, code 2),
    ``access`` (AccessError, code 4), ``validation`` (ValidationError: code 1 and a traceback
    whose last line is the exception) or ``internal`` (any other exception)."""
    if fault.faultCode == 2:
        return "user", _message(fault.faultString)
    if fault.faultCode == 4:
        return "access", _message(fault.faultString)
    if fault.faultCode == 3:
        return "denied", fault.faultString
    last = [line for line in fault.faultString.splitlines() if line.strip()][-1]
    for name, kind in (("odoo.exceptions.ValidationError: ", "validation"),
                       ("odoo.exceptions.UserError: ", "user"),
                       ("odoo.exceptions.AccessError: ", "access")):
        if last.startswith(name):
            return kind, _message(last[len(name):])
    return "internal", last


@common.at_install(False)
@common.post_install(True)
class TestHostileXmlrpc(HostileCase):
    """Bad input over XML-RPC, as each role: a fault with a clear message, nothing written."""

    def run_rpc(self, case):
        spec = case.spec
        user = self.users[spec["user"]]
        args = self.resolve(spec["args"])
        kwargs = dict(self.resolve(spec["kwargs"]))
        # like the web client, the caller says its language
        kwargs.setdefault("context", {"lang": "fr_FR"})
        row = spec["row"] and (spec["row"][0], self.resolve(spec["row"][1]))
        before, row_before = self.counts(), row and self.snapshot(*row)
        fault = result = None
        with watch_errors(EXPECTED_LOGGERS.get(case.expect, ())) as (unexpected, expected):
            try:
                result = self.rpc(user, spec["model"], spec["method"], *args, **kwargs)
            except xmlrpc.client.Fault as error:
                fault = error
        self.assert_no_unexpected_errors(unexpected, case.name)
        self.assertEqual(self.counts(), before, "%s: rows were written" % case.name)
        if row:
            self.assertEqual(self.snapshot(*row), row_before, "%s: the row changed" % case.name)
        if case.expect == cases.NOOP:
            self.assertIsNone(fault, "%s: %s" % (case.name, fault and fault.faultString[-300:]))
            self.assertFalse(result, "%s: returned %r" % (case.name, result))
            return
        self.assertIsNotNone(fault, "%s: accepted (returned %r)" % (case.name, result))
        kind, message = fault_kind(fault)
        self.assertIn(kind, ACCEPTED_KINDS[case.expect], "%s: %s fault instead of %s: %s" % (
            case.name, kind, case.expect, message[-500:]))
        if case.expect == cases.CORE:
            # the traceback's last lines name the bad value (for PostgreSQL, before its caret)
            self.assertIn(case.message, fault.faultString, case.name)
            self.assertTrue(expected, "%s: the core error was not logged" % case.name)
            return
        self.assert_message(message, case.message, case.name)

    def test_xmlrpc_inputs(self):
        """Each generated bad input over XML-RPC gets the fault its case expects, with the
        French message, no unexpected ERROR line and no row written or changed."""
        for case in cases.xmlrpc_cases():
            with self.subTest(case=case.name):
                TALLY[(case.path, case.family)] += 1
                self.run_rpc(case)
        print_tally("xmlrpc")
