import base64

from odoo.exceptions import AccessError, UserError

from .common import BadgesCase

CSV = """email;name;evidence_url;narrative
bob.durand@example.org;Bob Durand;https://preuves.example.org/bob;Tutorat
NOUVELLE.Personne@Example.org;Nouvelle Personne;;
pas-une-adresse;Quelqu'un;;
inconnu@example.org;;;
bob.durand@example.org;Bob Durand;;
carla@example.org;Carla Nunes;ftp://mauvaise-preuve;
"""


class TestIssueWizard(BadgesCase):

    def wizard(self, **values):
        values.setdefault("badge_class_id", self.hosted.id)
        return self.env["pepites.badge.issue.wizard"].sudo(self.users["staff"]).create(values)

    def test_issue_to_selected_contacts(self):
        """Staff issue a badge to selected contacts; a contact without e-mail is skipped and
        reported, the others are issued."""
        wizard = self.wizard(partner_ids=[(6, 0, (self.bob | self.carla | self.no_email).ids)],
                             evidence_narrative="Session de mars")
        wizard.action_issue()
        self.assertEqual((wizard.issued_count, wizard.skipped_count, wizard.failed_count), (2, 1, 0))
        issued = wizard.line_ids.mapped("assertion_id")
        self.assertEqual(issued.mapped("recipient_partner_id"), self.bob | self.carla)
        self.assertEqual(set(issued.mapped("evidence_narrative")), {"Session de mars"})

    def test_csv_with_broken_rows(self):
        """A CSV is reported row by row: good rows issued once (a new contact is created for
        an unknown address with a name), duplicates and invalid addresses skipped, rows that
        cannot be issued failed."""
        wizard = self.wizard(source="csv", csv_file=base64.b64encode(CSV.encode("utf-8")))
        wizard.action_issue()
        by_row = {line.row: line for line in wizard.line_ids}
        self.assertEqual(by_row[2].status, "issued")
        self.assertEqual(by_row[2].assertion_id.evidence_url, "https://preuves.example.org/bob")
        self.assertEqual(by_row[3].status, "issued")
        self.assertEqual(by_row[3].partner_id.email, "nouvelle.personne@example.org")
        self.assertEqual(by_row[4].status, "skipped")
        self.assertEqual(by_row[5].status, "failed")
        self.assertEqual(by_row[6].status, "skipped")
        self.assertEqual(by_row[7].status, "failed")
        self.assertEqual((wizard.issued_count, wizard.skipped_count, wizard.failed_count), (2, 2, 2))
        self.assertEqual(self.hosted.assertion_count, 2)
        again = self.wizard(source="csv", csv_file=base64.b64encode(CSV.encode("utf-8")))
        again.action_issue()
        self.assertEqual(again.issued_count, 0)
        self.assertEqual(self.hosted.assertion_count, 2)

    def test_csv_latin1_and_comma(self):
        """A Latin-1 CSV separated by commas, with French headers, is read."""
        data = "courriel,nom\ncarla@example.org,Carla Nuñes\n".encode("latin-1")
        wizard = self.wizard(source="csv", csv_file=base64.b64encode(data))
        wizard.action_issue()
        self.assertEqual(wizard.issued_count, 1)

    def test_bad_file_or_nothing_to_issue(self):
        """A file that is not a CSV with an e-mail column, or no recipient, is refused with a
        clear message and nothing is written."""
        with self.assertRaises(UserError):
            self.wizard(source="csv", csv_file=base64.b64encode(b"\x89PNG\r\n binary")).action_issue()
        with self.assertRaises(UserError):
            self.wizard(source="csv", csv_file=base64.b64encode(b"name;city\nA;B\n")).action_issue()
        with self.assertRaises(UserError):
            self.wizard(source="csv").action_issue()
        with self.assertRaises(UserError):
            self.wizard().action_issue()
        self.assertEqual(self.hosted.assertion_count, 0)

    def test_retired_class_refused(self):
        """The wizard refuses a retired badge."""
        self.hosted.action_retire()
        with self.assertRaises(UserError):
            self.wizard(partner_ids=[(6, 0, self.bob.ids)]).action_issue()

    def test_wizard_is_for_staff_only(self):
        """The issuing wizard matches CSV addresses with every contact of PEPITES: a partner API
        user allowed to issue (the wizard is a transient model, open to every user in Odoo 11)
        cannot use it to issue to, and learn the name of, whoever has an address; it uses
        issue_to (issue 12, item 3)."""
        data = base64.b64encode(b"email;name\ncarla@example.org;X\n")
        for role in ("api", "siae"):
            # outsiders may not even open the wizard (pepites_partners' allow-list)
            with self.assertRaises(AccessError, msg=role):
                self.env["pepites.badge.issue.wizard"].sudo(self.users[role]).create({
                    "badge_class_id": self.siae_class.id, "source": "csv", "csv_file": data,
                }).action_issue()
        self.assertFalse(self.carla.badge_assertion_ids)
