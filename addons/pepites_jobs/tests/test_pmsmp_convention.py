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
        self.assertEqual(pmsmp_convention.unsigned_values(), {
            "beneficiary_signed_date": False, "host_signed_date": False,
            "prescriber_signed_date": False})
