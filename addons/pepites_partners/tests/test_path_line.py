from odoo.tests.common import TransactionCase


class TestPathLine(TransactionCase):
    """The view of a person's path is rebuilt when, and only when, its sources changed."""

    def comment(self):
        self.env.cr.execute("SELECT obj_description(to_regclass('pepites_path_line'), "
                            "'pg_class')")
        return self.env.cr.fetchone()[0]

    def test_view_rebuilt_only_when_its_query_changed(self):
        """At the end of every registry load the view is checked against the sources of the
        addons loaded (its comment is the digest of its query): nothing is done when they
        agree; a view built from other sources (an addon updated alone, before the addons
        loaded after it) is rebuilt with all of them."""
        Line = self.env["pepites.path.line"]
        self.assertTrue(self.comment())
        self.assertFalse(Line._path_build_view())
        self.env.cr.execute("COMMENT ON VIEW pepites_path_line IS 'stale'")
        self.assertTrue(Line._path_build_view())
        self.assertNotEqual(self.comment(), "stale")
        self.assertFalse(Line._path_build_view())
        kinds = {source["kind"] for source in Line._path_sources()}
        self.assertEqual(kinds, {value for value, _label in Line._fields["kind"].selection})
        codes = [source["code"] for source in Line._path_sources()]
        self.assertEqual(len(codes), len(set(codes)), "each source has its own code")
