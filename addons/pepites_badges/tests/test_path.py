from odoo.exceptions import AccessError

from .common import BadgesCase


class TestPath(BadgesCase):
    """The badges a person received are steps of their path (pepites.path.line)."""

    def test_badges_on_the_path(self):
        """Each badge received is a line naming its badge, with its state (a revoked one says
        so), opening the assertion; its holder and their SIAE do not read the path."""
        first = self.issue(self.hosted, self.bob)
        second = self.issue(self.signed, self.bob)
        second.sudo(self.users["manager"]).action_revoke("Erreur de destinataire")
        lines = self.bob.sudo(self.users["staff"]).with_context(
            lang="fr_FR").pepites_path_line_ids
        self.assertEqual(lines.mapped("kind"), ["badge", "badge"])
        self.assertEqual(sorted(lines.mapped("description")),
                         sorted([self.hosted.name, self.signed.name]))
        states = {line.res_id: line.state_label for line in lines}
        self.assertEqual(states, {first.id: "Valide", second.id: "Révoqué"})
        action = lines.filtered(lambda line: line.res_id == first.id).action_open_record()
        self.assertEqual((action["res_model"], action["res_id"]),
                         ("pepites.badge.assertion", first.id))
        for role in ("holder", "siae", "api"):
            with self.assertRaises(AccessError):
                lines.sudo(self.users[role]).read(["description"])
