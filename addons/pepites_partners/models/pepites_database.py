"""A restored copy of the PEPITES database contacts no one.

A copy restored from a backup (to train staff, rehearse an upgrade, look into a problem) holds the
programme's real people: applicants, PMSMP beneficiaries, registrants, badge holders. As it
stands, its crons would e-mail them (award mails, event reminders, the mail queue itself), fetch
and answer INAÉ's mailboxes and report to odoo.com under production's identity. ``make restore``
calls :meth:`PepitesDatabase._neutralize` on every database but production
(``scripts/ops.py``); this module is the one place that knows what a copy must not do, and
``ir.mail_server`` (``models/ir_mail_server.py``) refuses to send from a database it has marked.
"""
import datetime
import uuid

from odoo import api, models

#: set on a neutralised copy; ir.mail_server refuses to send while it is set (Odoo 16 and later
#: use the same key for the same purpose)
NEUTRALIZED_PARAM = "database.is_neutralized"
#: what the copy was made from (database, public URL, backup), for whoever opens it
COPY_OF_PARAM = "pepites.copy_of"

#: crons that contact people or call out: inactive on a copy (xml id -> why)
CRONS_CONTACTING = {
    "mail.ir_cron_mail_scheduler_action": "sends the queued e-mails",
    "mail.ir_cron_module_update_notification": "reports the database (uuid, users) to odoo.com",
    "fetchmail.ir_cron_mail_gateway_action": "logs in to INAÉ's mailboxes and acts on the replies",
    "calendar.ir_cron_scheduler_alarm": "e-mails (and texts, calendar_sms) meeting reminders",
    "event.event_mail_scheduler": "e-mails event registrants (confirmations, reminders)",
    "pepites_badges.ir_cron_badge_award_mails": "queues the award e-mails of bulk badge runs",
    "pepites_training.ir_cron_alternance_alerts": "schedules reminder activities, mailed to staff",
    "pepites_jobs.ir_cron_expire_offers": "expires offers: SIAE following them are notified",
}
#: crons that stay active on a copy: internal work that contacts no one (xml id -> why). Every
#: other cron, a user-made one included, is deactivated: a copy is denied by default.
CRONS_KEPT = {
    "base.autovacuum_job": "cleans internal data (sessions, old wizards, the filestore)",
    "pepites_kpi.ir_cron_kpi_snapshot": "snapshots the indicators in the database",
    "auditlog.ir_cron_auditlog_autovacuum": "deletes the audit trail's entries older than its "
                                            "term (pepites.audit_retention_days)",
    "pepites_partners.ir_cron_pepites_retention": "anonymises the personal data past their "
                                                  "retention term (issue 15): a copy keeps "
                                                  "them no longer than production; contacts "
                                                  "no one",
}


class PepitesDatabase(models.AbstractModel):
    """Operations on the database as a whole (no table): the neutralisation of copies."""

    _name = "pepites.database"
    _description = "PEPITES database operations"

    @api.model
    def _is_neutralized(self):
        """True on a copy neutralised by :meth:`_neutralize`."""
        # a database-wide flag, read whoever sends the mail (portal sign-up, cron, staff)
        params_sudo = self.env["ir.config_parameter"].sudo()
        return bool(params_sudo.get_param(NEUTRALIZED_PARAM))

    @api.model
    def _neutralize(self, copy_of="", base_url=None):
        """Make this database a copy that contacts no one; idempotent.

        Called as the superuser by ``scripts/ops.py restore`` on every restore but into the
        production database. It marks the database (:data:`NEUTRALIZED_PARAM`, then no mail
        leaves it whatever an admin re-enables), deactivates the outgoing and incoming mail
        servers, cancels the mail queue, deactivates every cron but :data:`CRONS_KEPT`, disables
        the IAP tokens (texts, partner autocomplete), gives the copy an identity of its own
        (``database.uuid``, ``database.secret``: production's links and sessions do not open it)
        and records what it is a copy of.

        :param str copy_of: what the copy was made from (shown in :data:`COPY_OF_PARAM`)
        :param str base_url: the copy's own ``web.base.url`` (links it builds point at it, not
            at production); unchanged when empty
        :return: what was done, ``{step: count or value}``
        """
        params = self.env["ir.config_parameter"]
        previous_url = params.get_param("web.base.url") or ""
        done = {}
        params.set_param(NEUTRALIZED_PARAM, "True")
        params.set_param(COPY_OF_PARAM, "copy of %s (web.base.url was %s), neutralised %s UTC" % (
            copy_of or self.env.cr.dbname, previous_url,
            datetime.datetime.utcnow().strftime("%Y-%m-%d %H:%M:%S")))
        servers = self.env["ir.mail_server"].search([])
        servers.write({"active": False})
        done["outgoing mail servers deactivated"] = len(servers)
        if "fetchmail.server" in self.env:
            incoming = self.env["fetchmail.server"].search([])
            incoming.write({"active": False})
            done["incoming mail servers deactivated"] = len(incoming)
        queued = self.env["mail.mail"].search([("state", "=", "outgoing")])
        queued.write({"state": "cancel"})
        done["queued e-mails cancelled"] = len(queued)
        kept = self.env["ir.cron"]
        for xmlid in CRONS_KEPT:
            kept |= self.env.ref(xmlid, raise_if_not_found=False) or self.env["ir.cron"]
        crons = self.env["ir.cron"].search([("id", "not in", kept.ids)])
        if crons:  # ir.cron's write locks its records first, and fails on none
            crons.write({"active": False})
        done["crons deactivated"] = len(crons)
        if "iap.account" in self.env:
            accounts = self.env["iap.account"].search([("account_token", "!=", False)])
            for account in accounts.filtered(lambda a: not a.account_token.endswith("+disabled")):
                account.account_token += "+disabled"
            done["IAP accounts disabled"] = len(accounts)
        for key in ("database.uuid", "database.secret"):
            params.set_param(key, str(uuid.uuid1() if key == "database.uuid" else uuid.uuid4()))
        if base_url:
            params.set_param("web.base.url", base_url)
            params.set_param("web.base.url.freeze", "True")
        done["web.base.url"] = params.get_param("web.base.url")
        return done
