import random

from odoo import api, models

FIRST_NAMES = ["Amina", "Bruno", "Chantal", "David", "Élodie", "Farid", "Gaëlle", "Hugo", "Inès",
               "Jérôme", "Karima", "Laurent", "Marie", "Nadia", "Olivier", "Patricia", "Quentin",
               "Rachid", "Sophie", "Thierry", "Valérie", "Yannick", "Zoé", "Mamadou", "Léa"]
LAST_NAMES = ["Martin", "Bernard", "Dubois", "Laborde", "Etcheverry", "Diallo", "Lacoste",
              "Moreau", "Fournier", "Garcia", "Lambert", "Bonnet", "Dupuy", "Mercier", "Roux",
              "Perrin", "Marty", "Faure", "Girard", "Bousquet"]


class PepitesBadgeClass(models.Model):
    """Demo generator: a few hundred badges issued to people of the demo SIAE."""

    _inherit = "pepites.badge.class"

    @api.model
    def _demo_issue_privacy_badge(self, partner_id):
        """Issue the first published badge for salariés to the demo person who has a record of
        every kind (issue 15), with its baked image."""
        badge = self.search([("audience", "=", "salarie"), ("state", "=", "published")],
                            order="id", limit=1)
        partner = self.env["res.partner"].browse(partner_id)
        if badge and partner.email:
            badge._issue_batch([{"partner_id": partner.id, "email": partner.email,
                                 "evidence_narrative": "Évaluée en situation de travail."}],
                               send_mail=False)
        return True

    @api.model
    def _demo_issue_badges(self, salaries_per_siae=6, seed=2026):
        """Create salariés en parcours in the demo SIAE and issue them (and the SIAE staff)
        badges of the demo catalogue, through the bulk path, without e-mails; revoke a few and
        let a few expire. Deterministic (seeded)."""
        rng = random.Random(seed)
        Partner = self.env["res.partner"].with_context(tracking_disable=True)
        siaes = Partner.search([("is_siae", "=", True), ("is_company", "=", True)], order="id",
                               limit=40)
        staff_classes = self.search([("audience", "=", "staff"), ("state", "=", "published")])
        salarie_classes = self.search([("audience", "=", "salarie"), ("state", "=", "published")])
        if not siaes or not staff_classes or not salarie_classes:
            return False
        plans = {}
        for index, siae in enumerate(siaes):
            staff = Partner.search([("parent_id", "=", siae.id), ("is_company", "=", False),
                                    ("email", "!=", False)])
            for person in staff:
                for badge in rng.sample(list(staff_classes), rng.randint(1, 3)):
                    plans.setdefault(badge, []).append(person)
            for number in range(salaries_per_siae):
                first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
                person = Partner.create({
                    "name": "%s %s" % (first, last), "parent_id": siae.id, "type": "other",
                    "function": "Salarié(e) en parcours",
                    "email": "%s.%s.%d%d@exemple-siae.fr" % (
                        _ascii(first), _ascii(last), index, number)})
                sector_classes = [b for b in salarie_classes
                                  if b.sector_id and b.sector_id in siae.sector_ids] \
                    or list(salarie_classes)
                chosen = set(rng.sample(sector_classes, min(len(sector_classes), rng.randint(1, 2))))
                if rng.random() < 0.5:
                    chosen.add(rng.choice(list(salarie_classes)))
                for badge in chosen:
                    plans.setdefault(badge, []).append(person)
        issued = self.env["pepites.badge.assertion"]
        for badge, people in plans.items():
            results = badge._issue_batch(
                [{"partner_id": p.id, "email": p.email,
                  "evidence_narrative": "Évalué en situation de travail à %s."
                  % p.parent_id.name} for p in people], send_mail=False)
            issued |= issued.browse([r["assertion_id"] for r in results if r["assertion_id"]])
        issued = issued.sorted("id")
        for assertion in issued[:4]:
            assertion.action_revoke("Badge attribué par erreur (démonstration)")
        for assertion in issued.filtered(lambda a: a.badge_class_id.expiry_months)[:5]:
            assertion.sudo().write({"issued_on": "2021-03-15 09:00:00",
                                    "expires_on": "2023-03-15 09:00:00"})
        return len(issued)


def _ascii(text):
    import unicodedata
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()
