from odoo import _, api, models


class ResUsers(models.Model):
    """The to-do of a SIAE on ``/my``: conventions to sign, refused offers, new applications.

    Every count runs as the portal user (``self.env`` is theirs: the record rules of
    security/ hold), one grouped query per line, and is limited to the user's own SIAE even
    where a rule would show more (published offers are public).
    """

    _inherit = "res.users"

    @api.multi
    def _pepites_portal_todo(self):
        lines = super(ResUsers, self)._pepites_portal_todo()
        siae = self.pepites_siae_id
        if not siae or not self.has_group("pepites_partners.group_pepites_siae"):
            return lines
        lines += self._pepites_todo_conventions(siae)
        lines += self._pepites_todo_refused_offers(siae)
        lines += self._pepites_todo_new_applications(siae)
        return lines

    @api.multi
    def _pepites_todo_conventions(self, siae):
        Immersion = self.env["pepites.immersion"]
        count = Immersion.search_count(
            [("host_siae_id", "=", siae.id)] + Immersion._pepites_awaiting_host_domain())
        return [{"sequence": 10, "count": count, "url": "/my/immersions",
                 "label": _("PMSMP conventions waiting for your signature")}]

    @api.multi
    def _pepites_todo_refused_offers(self, siae):
        """One line for the refused offers, with INAÉ's reasons (a SIAE has few of them:
        a refused offer goes back to draft as soon as it is edited and submitted again)."""
        offers = self.env["hr.job"].search_read(
            [("siae_id", "=", siae.id), ("pepites_state", "=", "refused")],
            ["name", "refusal_reason"], order="write_date desc, id desc")
        if not offers:
            return []
        notes = [_("“%s”: %s") % (offer["name"], offer["refusal_reason"])
                 if offer["refusal_reason"] else "“%s”" % offer["name"] for offer in offers]
        url = "/my/offers/%d" % offers[0]["id"] if len(offers) == 1 else "/my/offers"
        return [{"sequence": 20, "count": len(offers), "url": url, "note": "\n".join(notes),
                 "label": _("Offers refused by INAÉ: correct them and submit them again")}]

    @api.multi
    def _pepites_todo_new_applications(self, siae):
        """One line per offer that received applications its SIAE has not decided on yet
        (``hr.applicant._pepites_new_domain``, the one rule of /my/offers too)."""
        Applicant = self.env["hr.applicant"]
        rows = Applicant.read_group(
            [("siae_id", "=", siae.id)] + Applicant._pepites_new_domain(),
            ["job_id"], ["job_id"], orderby="job_id")
        return [{"sequence": 30, "count": row["job_id_count"],
                 "url": "/my/offers/%d" % row["job_id"][0],
                 "label": _("New applications to “%s”") % row["job_id"][1]}
                for row in rows if row["job_id"]]
