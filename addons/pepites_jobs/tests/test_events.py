from psycopg2 import IntegrityError

from odoo.exceptions import UserError, ValidationError
from odoo.tools import mute_logger

from .events_common import PathwaysCase, moment, person_values


class TestEvents(PathwaysCase):
    """Capacity, waiting list, double registrations, group registration, attendance."""

    def register(self, *people, **kwargs):
        return self.event._pepites_register([person_values(*p) for p in people], **kwargs)

    def test_capacity_then_waiting_list(self):
        """Two seats: the first two people are confirmed, the third goes to the waiting list
        and the event never counts more confirmed people than seats."""
        regs = self.register(("Anne", "anne@example.org"), ("Bob", "bob@example.org"),
                             ("Chloé", "chloe@example.org"))
        self.assertEqual(regs.mapped("state"), ["open", "open", "waiting"])
        self.assertEqual(self.event.seats_available, 0)
        self.assertEqual(self.event.seats_waiting, 1)
        self.assertTrue(regs[0].in_career_change)
        self.assertEqual(regs[0].current_job, "Comptable")

    def test_cancellation_promotes_first_waiting(self):
        """When a confirmed person cancels, the first person of the waiting list (in the order
        they registered) is confirmed; the second stays waiting."""
        regs = self.register(("Anne", "anne@example.org"), ("Bob", "bob@example.org"),
                             ("Chloé", "chloe@example.org"), ("Driss", "driss@example.org"))
        regs[0].button_reg_cancel()
        self.assertEqual(regs.mapped("state"), ["cancel", "open", "open", "waiting"])
        self.assertEqual(self.event.seats_available, 0)

    def test_confirmation_email_queued(self):
        """A confirmed registration queues the confirmation email of the event's mail
        scheduler to the person; the event also has its reminders scheduled."""
        reg = self.register(("Anne", "anne@example.org"))
        mails = self.env["mail.mail"].search([("email_to", "ilike", "anne@example.org")])
        self.assertTrue(mails, "no confirmation email for %s" % reg.email)
        self.assertEqual(
            sorted(self.event.event_mail_ids.mapped("interval_type")),
            ["after_sub", "before_event", "before_event"])

    def test_double_registration_refused(self):
        """The same email (whatever its case) cannot register twice to the same event:
        a clear error and nothing written; after a cancellation it can register again."""
        first = self.register(("Anne", "anne@example.org"))
        with self.assertRaises(UserError) as error, self.env.cr.savepoint():
            self.event.with_context(lang="fr_FR")._pepites_register(
                [person_values("Anne bis", "ANNE@example.org")])
        self.assertIn("déjà inscrit", error.exception.name)
        self.assertEqual(self.Registration.search_count([("event_id", "=", self.event.id)]), 1)
        first.button_reg_cancel()
        again = self.register(("Anne", "anne@example.org"))
        self.assertEqual(again.state, "open")

    def test_double_registration_enforced_by_database(self):
        """The database itself refuses a second live registration of one email to one event
        (partial unique index), whatever the code path."""
        self.register(("Anne", "anne@example.org"))
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError), \
                self.env.cr.savepoint():
            self.env.cr.execute(
                "INSERT INTO event_registration (event_id, name, email, state) "
                "VALUES (%s, 'Anne', 'Anne@Example.org', 'open')", (self.event.id,))

    def test_direct_create_duplicate_clear_error(self):
        """Creating a duplicate through the ORM (back office, XML-RPC) gives a clear error."""
        self.register(("Anne", "anne@example.org"))
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.Registration.create({"event_id": self.event.id, "name": "Anne",
                                      "email": "anne@example.org"})

    def test_bad_input(self):
        """A missing name, an invalid email or phone is refused with a clear message."""
        Registration = self.Registration.with_context(lang="fr_FR")
        with self.assertRaises(UserError):
            Registration._clean_registration_values({"name": "", "email": "a@example.org"})
        with self.assertRaises(UserError) as error:
            Registration._clean_registration_values({"name": "A", "email": "pas-un-email"})
        self.assertIn("invalide", error.exception.name)
        with self.assertRaises(UserError):
            Registration._clean_registration_values(
                {"name": "A", "email": "a@example.org", "phone": "<script>"})
        values = Registration._clean_registration_values(
            {"name": " Anne ", "email": "anne@example.org", "in_career_change": "1",
             "current_job": "Infirmière"})
        self.assertEqual(values["name"], "Anne")
        self.assertTrue(values["in_career_change"])

    def test_closed_event_refused(self):
        """A finished or cancelled event takes no registration."""
        self.event.button_cancel()
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.register(("Anne", "anne@example.org"))

    def test_counsellor_group_registration(self):
        """A CEP counsellor registers a group: seats first, the rest on the waiting list, each
        registration remembers who registered it and who referred the person."""
        regs = self.register(("Anne", "anne@example.org"), ("Bob", "bob@example.org"),
                             ("Chloé", "chloe@example.org"), registered_by=self.counsellor)
        self.assertEqual(regs.mapped("state"), ["open", "open", "waiting"])
        self.assertEqual(regs.mapped("registered_by_id"), self.counsellor)
        self.assertEqual(set(regs.mapped("referred_by")), {self.counsellor.name})

    def test_website_registration_known_address(self):
        """From a public form, an address already registered is not registered again: its
        answer is the state a new registration gets at its turn (not its own registration's),
        and its owner is mailed; the rest of the group is registered as usual."""
        anne = self.register(("Anne", "anne@example.org"))
        outcomes = self.event.with_context(lang="fr_FR")._pepites_register_website(
            [person_values("Anne B.", "ANNE@example.org"), person_values("Bob", "bob@example.org"),
             person_values("Chloé", "chloe@example.org")], registered_by=self.counsellor)
        self.assertEqual(outcomes, [{"name": "Anne B.", "state": "open"},
                                    {"name": "Bob", "state": "open"},
                                    {"name": "Chloé", "state": "waiting"}])
        registrations = self.Registration.search([("event_id", "=", self.event.id)])
        self.assertEqual(registrations.mapped("email"),
                         ["anne@example.org", "bob@example.org", "chloe@example.org"])
        self.assertEqual((anne.name, anne.registered_by_id), ("Anne", self.env["res.partner"]))
        mail = self.env["mail.mail"].search([("model", "=", "event.registration"),
                                             ("res_id", "=", anne.id),
                                             ("subject", "ilike", "déjà inscrit")])
        self.assertEqual(mail.email_to, "anne@example.org")
        # the same email twice in the group is still refused: it says nothing of others
        with self.assertRaises(UserError), self.env.cr.savepoint():
            self.event._pepites_register_website([person_values("D", "d@example.org"),
                                                  person_values("D", "D@example.org")])

    def test_group_all_or_nothing(self):
        """A group with one person already registered (or twice the same email) is refused
        as a whole: nobody of the group is registered."""
        self.register(("Bob", "bob@example.org"))
        for group in ([("Anne", "anne@example.org"), ("Bob", "bob@example.org")],
                      [("Anne", "anne@example.org"), ("Anne 2", "ANNE@example.org")]):
            with self.assertRaises(UserError), self.env.cr.savepoint():
                self.register(*group, registered_by=self.counsellor)
        self.assertEqual(self.Registration.search_count([("event_id", "=", self.event.id)]), 1)

    def test_attendance_acculturates_counsellors(self):
        """Marking the attendance of a counsellor at a RDV Découverte IAE makes them
        acculturated at the date of the event, found by their contact or their email."""
        other = self.env["res.partner"].create({
            "name": "Omar Conseiller", "email": "omar@cibc.example.org",
            "is_cep_counsellor": True})
        regs = self.discovery._pepites_register([
            person_values("Carole", "carole@cibc.example.org", partner_id=self.counsellor.id),
            person_values("Omar", "OMAR@cibc.example.org")])
        self.assertEqual(self.counsellor.cep_acculturation_state, "none")
        # the event took place yesterday
        self.discovery.write({"date_begin": moment(days=-1), "date_end": moment(days=-1, hours=3)})
        regs.button_reg_close()
        self.assertEqual(regs.mapped("state"), ["done", "done"])
        for counsellor in self.counsellor | other:
            self.assertEqual(counsellor.cep_acculturation_state, "acculturated")
            self.assertEqual(counsellor.cep_acculturation_date, self.discovery.date_begin[:10])

    def test_attendance_at_open_day_does_not_acculturate(self):
        """Only a RDV Découverte IAE acculturates counsellors."""
        reg = self.event._pepites_register([person_values(
            "Carole", "carole@cibc.example.org", partner_id=self.counsellor.id)])
        self.event.write({"date_begin": moment(days=-1), "date_end": moment(days=-1, hours=2)})
        reg.button_reg_close()
        self.assertEqual(reg.state, "done")
        self.assertEqual(self.counsellor.cep_acculturation_state, "none")

    def test_rally_circuit(self):
        """A rally day has an ordered circuit of SIAE stops within the event; a stop ending
        before it starts, or outside the event, is refused."""
        rally = self.Event.create({
            "name": "Rallye test", "pepites_kind": "rally", "pepites_department_id": self.dep_24.id,
            "date_begin": moment(days=5), "date_end": moment(days=5, hours=8),
            "stop_ids": [
                (0, 0, {"sequence": 2, "siae_id": self.siae_b.id, "capacity": 12,
                        "date_begin": moment(days=5, hours=3),
                        "date_end": moment(days=5, hours=5)}),
                (0, 0, {"sequence": 1, "siae_id": self.siae_a.id, "capacity": 15,
                        "date_begin": moment(days=5), "date_end": moment(days=5, hours=2)}),
            ]})
        self.assertEqual(rally.stop_ids.mapped("siae_id"), self.siae_a | self.siae_b)
        self.assertEqual(rally.stop_ids[0].siae_id, self.siae_a)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            rally.stop_ids[0].date_end = moment(days=4)
        with self.assertRaises(ValidationError), self.env.cr.savepoint():
            rally.stop_ids[0].date_end = moment(days=6)
