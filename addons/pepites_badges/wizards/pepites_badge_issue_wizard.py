import base64

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..openbadges_engine import csv_rows, identity

ROW_STATUSES = [("issued", "Issued"), ("skipped", "Skipped"), ("failed", "Failed")]


class PepitesBadgeIssueWizard(models.TransientModel):
    """Issue a badge to a selection of contacts or to the rows of a CSV file
    (``email, name, evidence_url, narrative``), then report issued / skipped / failed rows."""

    _name = "pepites.badge.issue.wizard"
    _description = "Issue badges"
    _order = "id desc"

    badge_class_id = fields.Many2one("pepites.badge.class", string="Badge", required=True,
                                     domain=[("state", "=", "published")])
    source = fields.Selection([("partners", "Selected contacts"), ("csv", "CSV file")],
                              required=True, default="partners")
    partner_ids = fields.Many2many("res.partner", string="Recipients")
    csv_file = fields.Binary(string="CSV file")
    csv_filename = fields.Char()
    evidence_url = fields.Char(string="Evidence URL")
    evidence_narrative = fields.Text(string="Evidence")
    state = fields.Selection([("draft", "Draft"), ("done", "Done")], default="draft")
    line_ids = fields.One2many("pepites.badge.issue.wizard.line", "wizard_id", string="Report")
    issued_count = fields.Integer(compute="_compute_counts", string="Issued")
    skipped_count = fields.Integer(compute="_compute_counts", string="Skipped")
    failed_count = fields.Integer(compute="_compute_counts", string="Failed")

    @api.model
    def default_get(self, fields_list):
        values = super(PepitesBadgeIssueWizard, self).default_get(fields_list)
        if self.env.context.get("active_model") == "res.partner" \
                and self.env.context.get("active_ids"):
            values["partner_ids"] = [(6, 0, self.env.context["active_ids"])]
        return values

    @api.depends("line_ids.status")
    def _compute_counts(self):
        for wizard in self:
            statuses = wizard.line_ids.mapped("status")
            wizard.issued_count = statuses.count("issued")
            wizard.skipped_count = statuses.count("skipped")
            wizard.failed_count = statuses.count("failed")

    def _recipients_from_csv(self):
        """Rows of the CSV as recipients: known contacts by e-mail, new contacts for the others.

        :raises UserError: on a file that is not a CSV with an e-mail column
        """
        try:
            rows = csv_rows.parse(base64.b64decode(self.csv_file or b""))
        except csv_rows.CsvFormatError:
            raise UserError(_("The file must be a CSV file whose first line names the columns, "
                              "with at least \"email\" (and optionally name, evidence_url, "
                              "narrative)."))
        # each address validated once: the verdict goes with the recipient to the bulk create
        checked = {r["row"]: identity.is_valid_email(r["email"]) for r in rows}
        valid = {identity.normalize_email(r["email"]) for r in rows if checked[r["row"]]}
        by_email = {}
        if valid:
            self.env.cr.execute(
                """SELECT DISTINCT ON (lower(email)) lower(email), id FROM res_partner
                   WHERE active AND lower(email) = ANY(%s) ORDER BY lower(email), id""",
                (list(valid),))
            by_email = dict(self.env.cr.fetchall())
        Partner = self.env["res.partner"]
        recipients = []
        for row in rows:
            email = identity.normalize_email(row["email"])
            recipient = {"row": row["row"], "email": row["email"],
                         "evidence_url": row["evidence_url"] or self.evidence_url,
                         "evidence_narrative": row["narrative"] or self.evidence_narrative,
                         "partner_id": by_email.get(email), "email_valid": checked[row["row"]]}
            if email in valid and not recipient["partner_id"]:
                if not row["name"]:
                    recipient["error"] = _("Unknown contact: give their name.")
                else:
                    partner = Partner.create({"name": row["name"], "email": email})
                    by_email[email] = recipient["partner_id"] = partner.id
            recipients.append(recipient)
        return recipients

    def action_issue(self):
        """Issue the badge and show the report; good rows are issued once, bad rows reported.

        :raises AccessError: when the user is not INAÉ staff or may not issue the badge
        :raises UserError: when the badge cannot be issued, or nothing to issue was given
        """
        self.ensure_one()
        # a transient model is open to every user in Odoo 11: the back office's wizard matches
        # CSV addresses with every contact of PEPITES, which is for INAÉ staff only (partners
        # issue through issue_to, on the people they may read or supply)
        if not self.env.user.has_group("pepites_partners.group_pepites_user"):
            raise AccessError(_("Only INAÉ staff issue badges from the back office."))
        self.badge_class_id._check_issue_access()
        self.badge_class_id._check_issuable()
        if self.source == "csv":
            if not self.csv_file:
                raise UserError(_("Choose the CSV file."))
            recipients = self._recipients_from_csv()
        else:
            if not self.partner_ids:
                raise UserError(_("Choose the recipients."))
            # the contacts' addresses and départements: one grouped read (prefetch)
            recipients = [{"row": index, "partner_id": partner.id, "email": partner.email,
                           "department_id": partner.department_id.id or None,
                           "evidence_url": self.evidence_url,
                           "evidence_narrative": self.evidence_narrative}
                          for index, partner in enumerate(self.partner_ids, start=1)]
        to_issue = [r for r in recipients if not r.get("error")]
        # the class was found issuable above: once a run
        results = {id(r): res for r, res in zip(to_issue, self.env[
            "pepites.badge.assertion"]._issue_bulk(self.badge_class_id, to_issue))}
        lines = []
        for recipient in recipients:
            result = results.get(id(recipient)) or {
                "status": "failed", "message": recipient.get("error"), "assertion_id": False}
            lines.append((0, 0, {
                "row": recipient["row"], "email": recipient.get("email"),
                "partner_id": recipient.get("partner_id"), "status": result["status"],
                "message": result["message"], "assertion_id": result["assertion_id"]}))
        self.write({"state": "done", "line_ids": lines})
        return {"type": "ir.actions.act_window", "res_model": self._name, "res_id": self.id,
                "view_mode": "form", "target": "new", "name": _("Badges issued")}

    def action_view_assertions(self):
        return self.env["pepites.badge.assertion"]._action_list(
            [("id", "in", self.line_ids.mapped("assertion_id").ids)])


class PepitesBadgeIssueWizardLine(models.TransientModel):
    """One row of the issuing report."""

    _name = "pepites.badge.issue.wizard.line"
    _description = "Badge issuing report line"
    _order = "row, id"

    wizard_id = fields.Many2one("pepites.badge.issue.wizard", required=True, ondelete="cascade")
    row = fields.Integer()
    email = fields.Char(string="E-mail")
    partner_id = fields.Many2one("res.partner", string="Recipient")
    status = fields.Selection(ROW_STATUSES, required=True)
    message = fields.Char()
    assertion_id = fields.Many2one("pepites.badge.assertion", string="Badge")
