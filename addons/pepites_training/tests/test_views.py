from .common import TrainingCase


class TestBackOfficeViews(TrainingCase):
    def test_staff_opens_every_screen(self):
        """Every window action of the addon loads its views and first records as INAÉ staff."""
        actions = self.env["ir.actions.act_window"].search([
            ("id", "in", self.env["ir.model.data"].search([
                ("module", "=", "pepites_training"),
                ("model", "=", "ir.actions.act_window")]).mapped("res_id"))])
        self.assertGreaterEqual(len(actions), 15)
        for action in actions:
            model = self.env[action.res_model].sudo(self.user_staff)
            modes = [mode.strip() for mode in action.view_mode.split(",")]
            views = model.load_views([(False, mode) for mode in modes] + [(False, "search")])
            self.assertEqual(set(views["fields_views"]), set(modes) | {"search"}, action.name)
            fields = [name for name in views["fields_views"][modes[0]]["fields"]]
            model.search_read([], fields, limit=5)

    def test_menus_visible_to_staff(self):
        """The Campus menus are shown to INAÉ staff."""
        root = self.env.ref("pepites_training.menu_pepites_campus")
        staff_menus = self.env["ir.ui.menu"].sudo(self.user_staff).search(
            [("id", "child_of", root.id)])
        self.assertGreaterEqual(len(staff_menus), 6)
