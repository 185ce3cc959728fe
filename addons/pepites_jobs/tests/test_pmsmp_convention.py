"""The PMSMP convention's signature rule (pmsmp_convention.py) without a database."""
import itertools
import unittest

from .. import pmsmp_convention



class TestSignatureRule(unittest.TestCase):

    def test_any_order_signed_at_the_last_signature(self):
        """Whatever the order of the three signatures, the convention is signed by the last
        one and not before."""
        for order in itertools.permutations(pmsmp_convention.SIGNATORIES):
            signed = {}
            for position, party in enumerate(order, 1):
                values = pmsmp_convention.signature_values(party, signed, "2026-12-0%d"
                                                           % position)
                signed[party] = values[pmsmp_convention.SIGNATORIES[party]]
                self.assertEqual(values.get("state"), "signed" if position == 3 else None,
                                 order)
            self.assertTrue(pmsmp_convention.is_complete(signed))

    def test_three_signatories(self):
        """The beneficiary, the host and the prescriber sign; nobody else."""
        self.assertEqual(list(pmsmp_convention.SIGNATORIES),
                         ["beneficiary", "host", "prescriber"])
        self.assertFalse(pmsmp_convention.is_signatory("tutor"))

    def test_back_to_draft_erases_every_signature(self):
        """A convention back to draft has no signature left."""
        values = pmsmp_convention.unsigned_values()
        for party, field in pmsmp_convention.SIGNATORIES.items():
            self.assertIs(values[field], False)
            for detail in pmsmp_convention.SIGNATURE_DETAILS:
                self.assertIs(values["%s_signed_%s" % (party, detail)], False)

    def test_signing_order(self):
        """Nobody signs a draft (its content may still change) nor a closed convention;
        each party once; the three parties in any order while it waits for signatures."""
        self.assertEqual(pmsmp_convention.refusal("host", "draft", {}), "not_sent")
        for state in ("signed", "validated", "in_progress", "done", "cancelled"):
            self.assertEqual(pmsmp_convention.refusal("host", state, {}), "closed")
        self.assertEqual(pmsmp_convention.refusal("host", "to_sign", {"host": "d"}),
                         "already_signed")
        self.assertEqual(pmsmp_convention.refusal("tutor", "to_sign", {}), "unknown")
        for party in pmsmp_convention.SIGNATORIES:
            self.assertIsNone(pmsmp_convention.refusal(party, "to_sign", {}))

    def test_signature_records_its_details(self):
        """A signature writes who, when and from where next to its date; an unknown detail
        is refused."""
        values = pmsmp_convention.signature_values(
            "prescriber", {}, "2026-12-04",
            {"by_id": 7, "at": "2026-12-04 17:00:00", "ip": "192.0.2.8", "agent": "Firefox"})
        self.assertEqual(values, {
            "prescriber_signed_date": "2026-12-04", "prescriber_signed_by_id": 7,
            "prescriber_signed_at": "2026-12-04 17:00:00", "prescriber_signed_ip": "192.0.2.8",
            "prescriber_signed_agent": "Firefox"})
        with self.assertRaises(ValueError):
            pmsmp_convention.signature_values("host", {}, "2026-12-04", {"password": "x"})
