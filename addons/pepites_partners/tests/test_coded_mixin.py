from .common import PepitesCase


class TestCodedMixin(PepitesCase):
    """``pepites.coded.mixin``: a record shown with its code and found by it."""

    def test_department_found_by_code_and_by_name(self):
        """A département is found by the start of its code or by its name (any case), and
        shown as "33 - Gironde", as before the mixin."""
        Department = self.env["pepites.department"]
        self.assertEqual(Department.name_search("33"), [(self.dep_33.id, "33 - Gironde")])
        self.assertIn((self.dep_33.id, "33 - Gironde"), Department.name_search("gIRONDE"))
        self.assertEqual(self.dep_33.display_name, "33 - Gironde")
        self.assertFalse(Department.name_search("33", args=[("id", "=", self.dep_24.id)]))

    def test_search_respects_the_domain_and_the_limit(self):
        """The code search is added to the caller's domain, never replaces it."""
        Department = self.env["pepites.department"]
        found = Department.name_search("", args=[("code", "in", ("24", "33"))], limit=1)
        self.assertEqual(len(found), 1)
        self.assertEqual(Department.name_search("2", args=[("code", "!=", "24")]),
                         [(d.id, d.display_name) for d in Department.search(
                             [("code", "=like", "2%"), ("code", "!=", "24")])])
