from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..openbadges_engine import holder_name

#: how a holder's name appears on the public verification page of their badges (issue 16)
BADGE_NAME_DISPLAYS = [
    (holder_name.FULL, "Full name"),
    (holder_name.INITIALS, "Initials"),
    (holder_name.NONE, "No name"),
]


class ResPartner(models.Model):
    """Badges held by a contact, and who supplied the contact to issue them."""

    _inherit = "res.partner"

    badge_supplier_id = fields.Many2one(
        "res.partner", string="Supplied for badges by", readonly=True, index=True, copy=False,
        ondelete="set null", groups="pepites_partners.group_pepites_user",
        help="The organisation that named this person by e-mail to issue them badges over "
             "XML-RPC: it may issue them badges again by this address, and reads nothing of "
             "the contact.")
    badge_assertion_ids = fields.One2many("pepites.badge.assertion", "recipient_partner_id",
                                          string="Badges")
    badge_count = fields.Integer(string="Badges held", compute="_compute_badge_count")
    badge_external_ids = fields.One2many("pepites.badge.external", "partner_id",
                                         string="Badges from elsewhere",
                                         groups="pepites_partners.group_pepites_user",
                                         help="Open Badges earned elsewhere, imported after "
                                              "verification (issue 17).")
    # on the person, not per badge: one choice, made once on /my/badges, for all the badges a
    # person holds (and those issued later); initials by default (see holder_name's docstring)
    badge_name_display = fields.Selection(
        BADGE_NAME_DISPLAYS, string="Name on the badge verification pages",
        default=holder_name.DEFAULT,
        help="What the public verification page of this person's badges shows of their name "
             "(the Open Badges document never holds it). Chosen by the holder on /my/badges.")

    @api.depends("badge_assertion_ids")
    def _compute_badge_count(self):
        counts = self.ids and self.env["pepites.badge.assertion"]._count_by(
            "recipient_partner_id", self.ids) or {}
        for partner in self:
            partner.badge_count = counts.get(partner.id, 0)

    @api.model
    def _pepites_privacy_models(self):
        """The badges a person holds (issue 15), and those they imported (issue 17)."""
        return super(ResPartner, self)._pepites_privacy_models() + [
            "pepites.badge.assertion", "pepites.badge.external"]

    def _badge_shown_name(self):
        """The name the verification page of this holder's badges shows (None: no name)."""
        self.ensure_one()
        return holder_name.shown_name(self.name, self.badge_name_display or holder_name.DEFAULT)

    @api.model
    def _portal_set_badge_name_display(self, display):
        """Save the logged-in holder's choice ``display`` for their own contact, and only it.

        :raises UserError: on a value that is not one of the choices (nothing is written)
        """
        if display not in holder_name.DISPLAYS:
            raise UserError(_("Choose how your name appears: full name, initials or no name."))
        # sudo: a portal user may not write contacts; this writes the one field of the
        # caller's own contact (the trust boundary is the session's user, not a parameter)
        partner_sudo = self.env.user.partner_id.sudo()
        partner_sudo.write({"badge_name_display": display})
        return partner_sudo

    def action_view_badges(self):
        self.ensure_one()
        return self.env["pepites.badge.assertion"]._action_list(
            [("recipient_partner_id", "=", self.id)], {"default_recipient_partner_id": self.id})

    def action_import_external_badge(self):
        """Open the wizard importing a badge earned elsewhere onto this person's record."""
        self.ensure_one()
        action = self.env.ref("pepites_badges.pepites_badge_external_import_wizard_action").read()[0]
        action["context"] = {"default_partner_id": self.id}
        return action
