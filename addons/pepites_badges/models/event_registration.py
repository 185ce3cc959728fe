from odoo import models


class EventRegistration(models.Model):
    """Glue: marking attendance (registration "done") runs the "event attended" award rules,
    with the event as source. Registrations without a contact award nothing."""

    _inherit = "event.registration"

    def button_reg_close(self):
        res = super(EventRegistration, self).button_reg_close()
        attended = self.filtered(lambda r: r.state == "done" and r.partner_id)
        for event in attended.mapped("event_id"):
            self.env["pepites.badge.award.rule"]._award(
                "event_attended", event,
                attended.filtered(lambda r: r.event_id == event).mapped("partner_id"))
        return res
