"""Outsiders follow only the records they may change.

Core Odoo 11 lets anyone subscribe themselves to a record they can merely read: siae1 followed
siae2's published offer and, through the offer's "new applicant" subtype, was then subscribed to
that offer's next applicant and received the staff's messages on it (issue 12, item 2). For
public, portal and partner-API users, following (and leaving) a record now needs the write right
on it; the superuser (``sudo()`` code, e.g. the SIAE subscribed to its own offer on submission)
and internal users keep core's behaviour.
"""
from odoo import SUPERUSER_ID, api, models
from odoo.exceptions import AccessError


def has_access(records, operation):
    """True when the current user may ``operation`` (``"read"``, ``"write"``…) every record of
    ``records``: the access rights of their model and the record rules, without raising."""
    if not records.check_access_rights(operation, raise_exception=False):
        return False
    try:
        records.check_access_rule(operation)
    except AccessError:
        return False
    return True


class MailThread(models.AbstractModel):
    _inherit = "mail.thread"

    @api.multi
    def _pepites_outsider_may_follow(self):
        """True unless the current user is an outsider who may not write every record of
        ``self``."""
        if self.env.uid == SUPERUSER_ID:
            return True
        if self.env["ir.model.access"]._pepites_outsider_role(self.env.uid) is None:
            return True
        return has_access(self, "write")

    @api.multi
    def message_subscribe(self, partner_ids=None, channel_ids=None, subtype_ids=None, force=True):
        """Outsiders subscribe no one to a record they cannot write.

        Like core's own refusal of a self-subscription to an unreadable record, the call
        subscribes nobody and returns False, so that posting a message on a record one may only
        read (which subscribes its author) still works.
        """
        if (partner_ids or channel_ids) and not self._pepites_outsider_may_follow():
            return False
        return super(MailThread, self).message_subscribe(
            partner_ids=partner_ids, channel_ids=channel_ids, subtype_ids=subtype_ids,
            force=force)

    @api.multi
    def message_unsubscribe(self, partner_ids=None, channel_ids=None):
        """Outsiders unsubscribe no one from a record they cannot write.

        :raises AccessError: for an outsider without the write right on every record.
        """
        if (partner_ids or channel_ids) and not self._pepites_outsider_may_follow():
            self.check_access_rights("write")
            self.check_access_rule("write")
        return super(MailThread, self).message_unsubscribe(
            partner_ids=partner_ids, channel_ids=channel_ids)
