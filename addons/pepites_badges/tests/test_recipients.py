"""Who a caller of issue_to may issue badges to: people it may already read, or people it
supplies itself by e-mail and name; its errors name no one it cannot read (issue 12, item 3)."""
import xmlrpc.client

from odoo.exceptions import UserError
from odoo.tests import common

from odoo.addons.pepites_partners.tests.common import PepitesHttpCase

from .common import BadgesCase, BadgesFixtures


@common.at_install(False)
@common.post_install(True)
class TestRecipientsOverXmlRpc(BadgesFixtures, PepitesHttpCase):

    def setUp(self):
        super(TestRecipientsOverXmlRpc, self).setUp()
        self.create_fixtures(self, "http://%s:%d" % (common.HOST, common.PORT))
        self.api = self.users["api"]
        Partner = self.env["res.partner"]
        # a PMSMP beneficiary and other people of PEPITES the partner has nothing to do with
        self.strangers = Partner.browse([
            Partner.create({"name": "Denise Beneficiaire%d" % index,
                            "email": "denise%d@example.org" % index}).id for index in range(5)])

    def counts(self):
        self.env.cr.execute("SELECT (SELECT count(*) FROM pepites_badge_assertion), "
                            "(SELECT count(*) FROM mail_mail), (SELECT count(*) FROM res_partner)")
        return self.env.cr.fetchone()

    def issue_as(self, user, recipients, class_ids=None):
        return self.xmlrpc(user, "pepites.badge.class", "issue_to",
                           class_ids or self.siae_class.ids, recipients)

    def test_people_the_partner_cannot_read_are_refused_without_their_names(self):
        """The partner API user, allowed to issue its issuer's badges, cannot issue to (and so
        e-mail) people it cannot read; walking ids gets "N unknown or inaccessible recipients"
        with the ids it sent, never a name, and nothing is written."""
        before = self.counts()
        people = self.strangers | self.carla | self.bob | self.no_email | self.alice
        names = people.mapped("name") + ["Sans Adresse"]
        walked = people.ids + [999999]
        for recipients in ([self.carla.id], [self.no_email.id], walked,
                           [self.api.partner_id.id, self.carla.id]):
            with self.assertRaises(xmlrpc.client.Fault) as caught:
                self.issue_as(self.api, recipients)
            fault = caught.exception
            self.assertEqual(fault.faultCode, 2, fault.faultString[-300:])  # a UserError
            for name in names:
                self.assertNotIn(name, fault.faultString)
        # the last call: how many, and the ids the partner sent
        self.assertIn("1 ", fault.faultString)
        self.assertIn(str(self.carla.id), fault.faultString)
        self.assertEqual(self.counts(), before)
        self.assertFalse(self.env["mail.mail"].search([("email_to", "=", "carla@example.org")]))

    def test_partner_issues_to_people_it_reads_or_supplies(self):
        """The partner issues to a contact it may read (its own organisation's) and to people
        it names by e-mail and name: these become contacts marked as supplied by it, found
        again by their address on the next call, and never matched with someone else of
        PEPITES who has that address."""
        own = self.api.partner_id
        ids = self.issue_as(self.api, [own.id, {"email": " Eva.Roux@Example.org ",
                                                "name": "Eva  Roux"},
                                       {"email": "carla@example.org", "name": "C. Nunes"}])
        assertions = self.env["pepites.badge.assertion"].browse(ids)
        self.assertEqual(len(assertions), 3)
        recipients = assertions.mapped("recipient_partner_id")
        self.assertIn(own, recipients)
        self.assertNotIn(self.carla, recipients)
        supplied = recipients - own
        self.assertEqual(sorted(supplied.mapped("email")),
                         ["carla@example.org", "eva.roux@example.org"])
        self.assertEqual(set(supplied.mapped("badge_supplier_id")), {own.commercial_partner_id})
        self.assertIn("Eva Roux", supplied.mapped("name"))
        self.assertTrue(all(supplied.mapped("lang")), "the award e-mail needs a language")
        self.assertFalse(self.carla.badge_assertion_ids)
        # again: the same contacts, who already hold the badge
        count = self.env["res.partner"].search_count([])
        self.assertEqual(self.issue_as(self.api, [{"email": "eva.roux@example.org",
                                                   "name": "Eva Roux"}]), [])
        self.assertEqual(self.env["res.partner"].search_count([]), count)
        again = self.issue_as(self.api, [{"email": "EVA.ROUX@example.org", "name": "Eva"}],
                              class_ids=self.siae_class.ids)
        self.assertEqual(again, [])
        # what the partner reads back names only the people it gave
        names = self.xmlrpc(self.api, "pepites.badge.assertion", "name_get", ids)
        self.assertNotIn("Carla Nunes", str(names))

    def test_bad_supplied_people_write_nothing(self):
        """A supplied person without a name, with an invalid address, with unknown keys, or
        a value of another type is refused with a clear fault; nothing is written."""
        before = self.counts()
        for recipients in ([{"email": "x@example.org"}],
                           [{"email": "pas-une-adresse", "name": "X"}],
                           [{"email": "x@example.org", "name": "X", "id": self.carla.id}],
                           [{"email": "x@example.org", "name": "X" * 200}],
                           [{"email": ["x@example.org"], "name": "X"}],
                           [{"email": "y@example.org", "name": "Y"}, self.carla.id],
                           [[self.carla.id]]):
            with self.assertRaises(xmlrpc.client.Fault, msg=str(recipients)[:80]):
                self.issue_as(self.api, recipients)
        self.assertEqual(self.counts(), before)


class TestRecipientsOfSiaeIssuer(BadgesCase):

    def test_siae_issuer_user_issues_to_its_people_only(self):
        """A SIAE portal user allowed to issue its structure's badges issues them to the people
        of its structure, not to another SIAE's person nor to anyone else."""
        siae_user = self.users["siae"]
        self.siae_issuer.issuer_user_ids |= siae_user
        Class = self.env["pepites.badge.class"].sudo(siae_user)
        ids = Class.issue_to(self.siae_class.ids, (self.bob | self.alice).ids)
        self.assertEqual(len(ids), 2)
        other = self.users["other_holder"].partner_id
        for people in (other, self.carla):
            with self.assertRaises(UserError) as caught:
                Class.issue_to(self.siae_class.ids, people.ids)
            self.assertNotIn(people.name, caught.exception.name)
        self.assertFalse((other | self.carla).mapped("badge_assertion_ids"))
