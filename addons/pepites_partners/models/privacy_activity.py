from odoo import _, api, fields, models
from odoo.exceptions import UserError

from .pepites_sql_guard import Unique, sql_constraints

#: the purposes of PEPITES's processing (the codes every addon uses, issue 15)
PURPOSES = [
    ("recruitment", "Recruitment (offers, applications, CVs)"),
    ("events", "Discovery events and registrations"),
    ("pmsmp", "Orientations and PMSMP immersions"),
    ("poei", "POEI"),
    ("training", "Training, alternance, VAE, AFEST, Campus"),
    ("badges", "Open Badges"),
    ("indicators", "Programme indicators"),
]
#: the legal bases of article 6 of the GDPR
LEGAL_BASES = [
    ("consent", "Consent"),
    ("contract", "Contract"),
    ("legal_obligation", "Legal obligation"),
    ("public_interest", "Task in the public interest"),
    ("legitimate_interest", "Legitimate interest"),
]
#: where a person may complain (article 77 of the GDPR)
CNIL_URL = "https://www.cnil.fr/fr/plaintes"


class PrivacyActivity(models.Model):
    """The register of processing activities (article 30 of the GDPR) on OCA ``privacy``: one
    activity per purpose of PEPITES, with what the law asks the register to say.

    The information notice of the public forms (``pepites_partners.privacy_notice``) reads the
    purpose and the retention of its activity here, so the register and what people are told
    cannot disagree; the version of the notice (``pepites_notice_version``) is stored with each
    consent, and INAÉ bumps it when it changes the text.
    """

    # pepites.sql.guard: a second activity of a purpose is refused in French before the
    # database's UNIQUE (no ERROR line in the log)
    _name = "privacy.activity"
    _inherit = ["privacy.activity", "pepites.sql.guard"]
    _order = "pepites_purpose, name"

    pepites_purpose = fields.Selection(PURPOSES, string="Purpose code", index=True, copy=False,
                                       help="The purpose the forms and the retention rules "
                                            "refer to.")
    pepites_legal_basis = fields.Selection(LEGAL_BASES, string="Legal basis")
    pepites_purpose_text = fields.Text(
        string="Purpose", help="Why the data is processed, as the forms tell people.")
    pepites_data_categories = fields.Text(string="Categories of data")
    pepites_subject_categories = fields.Text(string="Categories of people")
    pepites_recipients = fields.Text(string="Recipients")
    pepites_retention = fields.Text(
        string="Retention", help="How long the data is kept, as the forms tell people.")
    pepites_notice_version = fields.Char(
        string="Version of the notice", required=True, default="1",
        help="Stored with each consent given on a form. Change it whenever the purpose or the "
             "retention told to people changes.")

    _sql_guard = [
        Unique("pepites_purpose_unique", "pepites_purpose",
               message="There is already a processing activity for this purpose."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.model
    def _pepites_activity(self, purpose):
        """The activity of ``purpose``, as superuser.

        :raises UserError: when INAÉ has no (active) activity for it: a form must not collect
            data it cannot inform people about
        """
        # trust boundary: the notice of a public form shows the register's public facts
        # (purpose, legal basis, recipients, retention) to visitors, who cannot read it
        activity_sudo = self.sudo().search([("pepites_purpose", "=", purpose)], limit=1)
        if not activity_sudo:
            raise UserError(_("The register of processing activities has no activity for "
                              "\"%s\": this form is closed.") % purpose)
        return activity_sudo

    @api.model
    def _pepites_notice(self, purpose):
        """What the notice of a form says (the template holds no logic).

        :returns: dict ``name``, ``purpose``, ``legal_basis``, ``recipients``, ``retention``,
            ``version``, ``controller`` (name and address), ``contact`` (where to exercise
            one's rights), ``cnil_url``
        """
        activity_sudo = self._pepites_activity(purpose)
        controller = activity_sudo.controller_id
        address = ", ".join(part for part in (
            controller.street, controller.street2,
            " ".join(p for p in (controller.zip, controller.city) if p)) if part)
        bases = dict(self._fields["pepites_legal_basis"]._description_selection(self.env))
        return {
            "name": activity_sudo.name,
            "purpose": activity_sudo.pepites_purpose_text or activity_sudo.name,
            "legal_basis": bases.get(activity_sudo.pepites_legal_basis, ""),
            "recipients": activity_sudo.pepites_recipients or "",
            "retention": activity_sudo.pepites_retention or "",
            "version": activity_sudo.pepites_notice_version,
            "controller": controller.name,
            "address": address,
            "contact": self._pepites_privacy_contact(),
            "cnil_url": CNIL_URL,
        }

    @api.model
    def _pepites_register_public(self):
        """The register as the privacy policy page lists it: every active activity with a
        purpose code, in the order of the purposes.

        :returns: list of dicts ``name``, ``purpose``, ``legal_basis``, ``data``,
            ``subjects``, ``recipients``, ``retention``
        """
        # trust boundary: the privacy policy is public and shows what the law requires to
        # tell people (article 13); visitors cannot read the register itself
        activities_sudo = self.sudo().search([("pepites_purpose", "!=", False)])
        bases = dict(self._fields["pepites_legal_basis"]._description_selection(self.env))
        order = [code for code, _label in PURPOSES]
        return [{
            "name": activity.name,
            "purpose": activity.pepites_purpose_text or "",
            "legal_basis": bases.get(activity.pepites_legal_basis, ""),
            "data": activity.pepites_data_categories or "",
            "subjects": activity.pepites_subject_categories or "",
            "recipients": activity.pepites_recipients or "",
            "retention": activity.pepites_retention or "",
        } for activity in activities_sudo.sorted(
            key=lambda activity: order.index(activity.pepites_purpose))]

    @api.model
    def _pepites_privacy_contact(self):
        """The address where people exercise their rights: the parameter
        ``pepites_partners.privacy_contact`` (INAÉ's data protection contact), else the
        company's email."""
        contact = self.env["ir.config_parameter"].sudo().get_param(
            "pepites_partners.privacy_contact")
        return contact or self.env.user.company_id.sudo().email or ""

    @api.model
    def _pepites_consent(self, purpose, given, message=None):
        """The consent values to store with a record created from a public form.

        :param str purpose: code of the activity whose notice the form showed
        :param given: the form's consent box (``"1"``/``"on"`` when ticked)
        :param str message: the (translated) refusal, when the form says it otherwise
        :returns: dict ``pepites_consent_version``, ``pepites_consent_date``
        :raises UserError: when the box was not ticked (nothing is written)
        """
        if given not in ("1", "on", "true", True):
            raise UserError(message or _(
                "Tick the box to accept that your personal data is processed as described "
                "above: without it, the form cannot be sent."))
        return {
            "pepites_consent_version": self._pepites_activity(purpose).pepites_notice_version,
            "pepites_consent_date": fields.Datetime.now(),
        }
