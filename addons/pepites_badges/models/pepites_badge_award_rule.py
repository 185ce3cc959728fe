import logging

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

_logger = logging.getLogger(__name__)

#: trigger -> model of the record that caused it (the "source" a rule's condition filters)
TRIGGERS = [
    ("module_completed", "Training module completed"),
    ("event_attended", "Event attended"),
    ("vae_block_validated", "VAE block validated"),
]
TRIGGER_MODELS = {
    "module_completed": "pepites.training.module",
    "event_attended": "event.event",
    "vae_block_validated": "pepites.vae.block.result",
}


class PepitesBadgeAwardRule(models.Model):
    """Awards a badge automatically when something happens elsewhere (a training module
    completed, an event attended, a VAE block validated).

    Other addons call one method from their hook, e.g. in ``pepites.training.module``::

        def _on_module_completed(self, partners):
            res = super()._on_module_completed(partners)
            self.env["pepites.badge.award.rule"]._award("module_completed", self, partners)
            return res
    """

    _name = "pepites.badge.award.rule"
    _description = "Badge award rule"
    _order = "trigger, sequence, id"

    name = fields.Char(required=True)
    sequence = fields.Integer(default=10)
    trigger = fields.Selection(TRIGGERS, required=True, index=True)
    source_model = fields.Char(string="Source model", compute="_compute_source_model")
    badge_class_id = fields.Many2one("pepites.badge.class", string="Badge awarded", required=True,
                                     ondelete="restrict", index=True)
    condition_domain = fields.Char(
        string="Condition", default="[]",
        help="Domain on the source record (the module, the event, the VAE block result) that "
             "must match, e.g. [('id', 'in', [12, 13])]. Empty: always.")
    partner_domain = fields.Char(
        string="Recipient condition", default="[]",
        help="Domain on the recipient contacts, e.g. [('parent_id.is_siae', '=', True)].")
    evidence_narrative = fields.Text(
        string="Evidence narrative",
        help="Published as the evidence of the badge; \"%s\" is replaced by the name of the "
             "source record.")
    active = fields.Boolean(default=True)
    assertion_ids = fields.One2many("pepites.badge.assertion", "award_rule_id", string="Badges")
    assertion_count = fields.Integer(string="Badges awarded", compute="_compute_assertion_count")

    @api.depends("trigger")
    def _compute_source_model(self):
        for rule in self:
            rule.source_model = TRIGGER_MODELS.get(rule.trigger)

    def _compute_assertion_count(self):
        counts = self.env["pepites.badge.assertion"]._count_by("award_rule_id", self.ids,
                                                              revoked=None)
        for rule in self:
            rule.assertion_count = counts.get(rule.id, 0)

    @api.constrains("condition_domain", "partner_domain")
    def _check_domains(self):
        """:raises ValidationError: when a condition is not a valid domain (a list)."""
        for rule in self:
            for text in (rule.condition_domain, rule.partner_domain):
                try:
                    domain = safe_eval(text or "[]")
                except Exception:
                    domain = None
                if not isinstance(domain, list):
                    raise ValidationError(_("The condition \"%s\" of the rule %s is not a valid "
                                            "domain.") % (text, rule.name))

    @api.model
    def _award(self, trigger, sources, partners):
        """Award the badges of the active rules of ``trigger`` to ``partners`` for ``sources``.

        The single entry point of the hooks of other addons. Runs on the issuer's behalf
        whoever triggered it; never fails the caller's operation: a badge that cannot be issued
        (retired class, recipient without e-mail, already held) is skipped and logged.

        :param str trigger: one of :data:`TRIGGERS`
        :param sources: the records that caused it (``TRIGGER_MODELS[trigger]``)
        :param partners: ``res.partner`` recordset of the recipients
        :return: the new ``pepites.badge.assertion`` records
        """
        # sudo: awarding is a system action; the triggering user (a trainer, a portal user
        # closing an event registration) needs no issuing right
        rules_sudo = self.sudo().search([("trigger", "=", trigger)])
        assertions = self.env["pepites.badge.assertion"].sudo()
        if not rules_sudo or not sources or not partners:
            return assertions
        partners_sudo = partners.sudo()
        for rule in rules_sudo:
            badge = rule.badge_class_id
            if badge.state != "published" or not badge.active:
                _logger.info("award rule %s: badge %s is not published, skipped", rule.id, badge.id)
                continue
            matching = sources.sudo().search(
                [("id", "in", sources.ids)] + safe_eval(rule.condition_domain or "[]"))
            recipients = partners_sudo.search(
                [("id", "in", partners_sudo.ids)] + safe_eval(rule.partner_domain or "[]"))
            for source in matching:
                narrative = rule.evidence_narrative and (
                    rule.evidence_narrative.replace("%s", source.display_name)
                    if "%s" in rule.evidence_narrative else rule.evidence_narrative)
                results = badge._issue_batch(
                    [{"partner_id": p.id, "email": p.email, "evidence_narrative": narrative,
                      "department_id": p.department_id.id or None} for p in recipients],
                    award_rule=rule, source_ref="%s,%d" % (source._name, source.id))
                assertions |= assertions.browse(
                    [r["assertion_id"] for r in results if r["status"] == "issued"])
        return assertions
