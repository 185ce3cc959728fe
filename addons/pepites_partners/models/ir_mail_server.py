"""No e-mail leaves a neutralised copy of the database.

Deactivating the mail servers is not enough: with none active, Odoo 11 falls back on the
``smtp_server`` of its configuration file (localhost:25 by default), and an admin of the copy may
re-enable a server. While the copy's flag is set (``pepites.database._neutralize``), connecting
to an SMTP server and sending are refused, so queued mails end "in exception" with the reason.
"""
from odoo import _, api, models
from odoo.addons.base.ir.ir_mail_server import MailDeliveryException


class MailNeutralized(MailDeliveryException):
    """The refusal of a neutralised copy; ``str()`` is the reason alone, which ``mail.mail``
    stores as the failure reason staff read."""

    def __str__(self):
        return self.value


class IrMailServer(models.Model):
    _inherit = "ir.mail_server"

    @api.model
    def _pepites_check_may_send(self):
        """:raises MailNeutralized: on a neutralised copy of the database"""
        if self.env["pepites.database"]._is_neutralized():
            raise MailNeutralized(
                _("E-mail not sent"),
                _("This database is a neutralised copy restored from a backup: it never sends "
                  "e-mails."))

    @api.model
    def connect(self, *args, **kwargs):
        """Refuse to open an SMTP connection from a neutralised copy."""
        self._pepites_check_may_send()
        return super(IrMailServer, self).connect(*args, **kwargs)

    @api.model
    def send_email(self, message, *args, **kwargs):
        """Refuse to send from a neutralised copy (also when a caller passes its own SMTP
        session or server)."""
        self._pepites_check_may_send()
        return super(IrMailServer, self).send_email(message, *args, **kwargs)
