import base64

from odoo import api, models

#: the templates that carry the event's calendar file
ICS_TEMPLATES = ("pepites_jobs.mail_template_registration_confirmed",)


class MailTemplate(models.Model):
    """The confirmation of a registration to a discovery event carries the event's calendar
    file: a phone's mail app adds it to the calendar in one tap, even after the event's page
    is unpublished."""

    _inherit = "mail.template"

    @api.multi
    def generate_email(self, res_ids, fields=None):
        results = super(MailTemplate, self).generate_email(res_ids, fields=fields)
        if fields is not None and "attachment_ids" not in fields:
            return results
        templates = [self.env.ref(xmlid, raise_if_not_found=False) for xmlid in ICS_TEMPLATES]
        if self not in templates:
            return results
        many = isinstance(res_ids, (list, tuple))
        by_id = results if many else {res_ids: results}
        registrations = self.env["event.registration"].browse(list(by_id))
        for registration in registrations:
            filename, content = registration.event_id._pepites_ics()
            by_id[registration.id].setdefault("attachments", []).append(
                (filename, base64.b64encode(content)))
        return results
