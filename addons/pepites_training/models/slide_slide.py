from odoo import _, models
from odoo.exceptions import AccessError


class SlideSlide(models.Model):
    """Slides learners complete: the website records it per partner."""

    _inherit = "slide.slide"

    def pepites_mark_completed(self):
        """Record that the current user completed these slides (from the website).

        The user must be logged in and able to see the slides (channel visibility and record
        rules are checked as the user). The completion itself is written as superuser: learners
        have no write access to completions, which would let them complete modules at will.

        :return: ``{"completed": [slide ids now completed by the user], "modules": [names of
            modules the user just completed]}``
        :raises AccessError: for the public user, or a slide the user cannot see
        """
        user = self.env.user
        if user._is_public():
            raise AccessError(_("Log in to record your progress."))
        self.check_access_rights("read")
        self.check_access_rule("read")
        slides = self.filtered(lambda slide: slide.website_published
                               and slide.channel_id.website_published)
        if len(slides) != len(self):
            raise AccessError(_("This content is not published."))
        completion_sudo = self.env["pepites.slide.completion"].sudo()
        module_completion_sudo = self.env["pepites.module.completion"].sudo()
        before = set(module_completion_sudo.search(
            [("partner_id", "=", user.partner_id.id), ("state", "=", "completed")]).ids)
        completion_sudo._record(slides.sudo(), user.partner_id.sudo())
        done_now = module_completion_sudo.search(
            [("partner_id", "=", user.partner_id.id), ("state", "=", "completed"),
             ("id", "not in", list(before))])
        completed = completion_sudo.search([("partner_id", "=", user.partner_id.id),
                                            ("slide_id", "in", self.ids)])
        return {"completed": completed.mapped("slide_id").ids,
                "modules": done_now.mapped("module_id.name")}

    def pepites_is_completed(self):
        """Whether the current user completed this slide (for the slide page)."""
        self.ensure_one()
        user = self.env.user
        completions = self.env["pepites.slide.completion"]
        if user._is_public() or not completions.check_access_rights("read", raise_exception=False):
            return False
        # reading one's own completion; learners have read access to their own rows
        return bool(completions.search_count(
            [("partner_id", "=", user.partner_id.id), ("slide_id", "=", self.id)]))
