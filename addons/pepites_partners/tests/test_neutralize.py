"""A restored copy of the database contacts no one (issue 13, "Backups that restore").

``make restore`` calls ``pepites.database._neutralize`` on every database but production; the
restore itself is tested end to end in ``tests/addons/pepites_ops``.
"""
from odoo.addons.base.ir.ir_mail_server import MailDeliveryException
from odoo.tests.common import SavepointCase

from ..models.pepites_database import (COPY_OF_PARAM, CRONS_CONTACTING, CRONS_KEPT,
                                       NEUTRALIZED_PARAM)


class TestNeutralize(SavepointCase):

    @classmethod
    def setUpClass(cls):
        super(TestNeutralize, cls).setUpClass()
        cls.params = cls.env["ir.config_parameter"]
        cls.server = cls.env["ir.mail_server"].create({
            "name": "INAÉ SMTP", "smtp_host": "127.0.0.1", "smtp_port": 9})
        cls.queued = cls._mail("queued before the restore")
        cls.env.ref("mail.ir_cron_mail_scheduler_action").active = True
        cls.params.set_param("web.base.url", "https://pepites.example.org")

    @classmethod
    def _mail(cls, subject):
        return cls.env["mail.mail"].create({
            "subject": subject, "email_to": "beneficiary@example.org", "body_html": "<p>x</p>"})

    def test_copy_is_marked_and_silenced(self):
        """After the neutralisation no mail server is active, the queue is cancelled, every cron
        but the kept ones is inactive, the copy has an identity of its own and says what it is a
        copy of."""
        uuid, secret = self.params.get_param("database.uuid"), self.params.get_param(
            "database.secret")
        kept = {xmlid: self.env.ref(xmlid, raise_if_not_found=False) for xmlid in CRONS_KEPT}
        kept_active = {xmlid: cron.active for xmlid, cron in kept.items() if cron}
        self.assertFalse(self.env["pepites.database"]._is_neutralized())
        done = self.env["pepites.database"]._neutralize(
            copy_of="pepites_prod", base_url="http://127.0.0.1:8069")
        self.assertTrue(self.env["pepites.database"]._is_neutralized())
        self.assertEqual(self.params.get_param(NEUTRALIZED_PARAM), "True")
        self.assertFalse(self.env["ir.mail_server"].search([]))
        self.assertFalse(self.server.active)
        self.assertEqual(self.queued.state, "cancel")
        self.assertGreaterEqual(done["queued e-mails cancelled"], 1)
        for xmlid in CRONS_CONTACTING:
            cron = self.env.ref(xmlid, raise_if_not_found=False)
            if cron:
                self.assertFalse(cron.active, "%s still active on a copy" % xmlid)
        kept_ids = [cron.id for cron in kept.values() if cron]
        self.assertFalse(self.env["ir.cron"].search([("id", "not in", kept_ids)]),
                         "a cron outside CRONS_KEPT is still active on a copy")
        for xmlid, active in kept_active.items():
            self.assertEqual(kept[xmlid].active, active, "%s changed" % xmlid)
        self.assertNotEqual(self.params.get_param("database.uuid"), uuid)
        self.assertNotEqual(self.params.get_param("database.secret"), secret)
        self.assertEqual(self.params.get_param("web.base.url"), "http://127.0.0.1:8069")
        copy_of = self.params.get_param(COPY_OF_PARAM)
        self.assertIn("pepites_prod", copy_of)
        self.assertIn("https://pepites.example.org", copy_of)
        # idempotent: a second run changes nothing more and does not fail
        self.env["pepites.database"]._neutralize(copy_of="pepites_prod")
        self.assertEqual(self.params.get_param("web.base.url"), "http://127.0.0.1:8069")

    def test_no_mail_leaves_a_copy(self):
        """On a neutralised copy a mail is not sent even when an admin re-enables a server: it
        ends in exception with the reason, and no SMTP connection is attempted."""
        self.env["pepites.database"]._neutralize(copy_of="pepites_prod")
        self.server.active = True
        mail = self._mail("created on the copy")
        mail.send()
        self.assertEqual(mail.state, "exception")
        # the reason alone (French or English), not the exception's tuple
        self.assertRegex(mail.failure_reason, r"^(This database|Cette base)[^(]*neutralis")
        with self.assertRaises(MailDeliveryException):
            self.env["ir.mail_server"].connect(mail_server_id=self.server.id)
        with self.assertRaises(MailDeliveryException):
            self.env["ir.mail_server"].send_email(
                self.env["ir.mail_server"].build_email(
                    "inae@example.org", ["beneficiary@example.org"], "x", "x"))

    def test_production_sends(self):
        """A database that was never neutralised sends as before (test mode: no real SMTP)."""
        mail = self._mail("production")
        mail.send()
        self.assertEqual(mail.state, "sent")

    def test_every_cron_classified(self):
        """Every cron of the database is either known to contact people (CRONS_CONTACTING) or
        known to be harmless (CRONS_KEPT): a new cron must be classified before it ships."""
        data = self.env["ir.model.data"].search([("model", "=", "ir.cron")])
        unclassified = sorted("%s.%s" % (d.module, d.name) for d in data
                              if "%s.%s" % (d.module, d.name) not in CRONS_CONTACTING
                              and "%s.%s" % (d.module, d.name) not in CRONS_KEPT)
        self.assertFalse(unclassified, "crons neither in CRONS_CONTACTING nor CRONS_KEPT of "
                                       "pepites_partners/models/pepites_database.py")
