from odoo.exceptions import AccessError

from .common import PepitesCase, create_user


class TestFieldGroups(PepitesCase):
    """A field's ``groups=`` holds on every path that reveals its value (models/base.py):
    ``read_group``, ``export_data``, search domains and orderings, not only ``read``.

    ``res.partner.signup_token`` (``base.group_erp_manager`` in auth_signup) is the secret of
    an invitation or a password reset: whoever knows it sets the account's password.
    """

    @classmethod
    def setUpClass(cls):
        super(TestFieldGroups, cls).setUpClass()
        cls.colleague = cls.env["res.partner"].create(
            {"name": "Colette Invitée", "parent_id": cls.siae_a.id,
             "email": "colette@siae-a.example.org"})
        cls.colleague.signup_prepare()
        cls.token = cls.colleague.signup_token
        cls.user_access_admin = create_user(
            cls.env, "test_access_admin", ["base.group_user", "base.group_erp_manager"])
        cls.outsiders = (cls.user_siae_a, cls.user_portal, cls.user_partner_api)

    def as_user(self, user):
        return self.env["res.partner"].sudo(user)

    def test_read_group_on_restricted_field_refused(self):
        """Grouping by the token, or by its month, or asking for it among the fields, is
        refused to portal and API users: each group's label was the token itself."""
        for user in self.outsiders:
            Partner = self.as_user(user)
            for fields, groupby in ((["signup_token"], ["signup_token"]),
                                    (["is_company", "signup_token"], ["is_company"]),
                                    (["signup_expiration"], ["signup_expiration:month"]),
                                    (["is_company"], "signup_token"),
                                    (["is_company", "signup_token:count"], ["is_company"])):
                with self.assertRaises(AccessError, msg="%s %s" % (user.login, groupby)):
                    Partner.read_group([("id", "=", self.colleague.id)], fields, groupby)

    def test_read_group_ordering_and_default_fields(self):
        """Ordering groups by the token is refused; without a field list only the fields the
        user may read are aggregated, so grouping on an allowed field keeps working."""
        Partner = self.as_user(self.user_siae_a)
        with self.assertRaises(AccessError):
            Partner.read_group([], ["is_company"], ["is_company"], orderby="signup_token")
        groups = Partner.read_group([("id", "=", self.siae_a.id)], [], ["is_company"])
        self.assertEqual([group["is_company_count"] for group in groups], [1])

    def test_search_on_restricted_field_refused(self):
        """A domain on the token is an oracle (found or not found, one character at a time):
        refused in search, search_count, name_search, search_read and read_group, directly and
        through a relation; ordering by it too."""
        oracles = (
            lambda P: P.search([("signup_token", "=", self.token)]),
            lambda P: P.search_count([("signup_token", "=like", self.token[:3] + "%")]),
            lambda P: P.search([("child_ids.signup_token", "!=", False)]),
            lambda P: P.search(["|", ("id", "=", 0), ("signup_expiration", "<", "2100-01-01")]),
            lambda P: P.name_search("Colette", [("signup_token", "=", self.token)]),
            lambda P: P.search_read([("signup_token", "=", self.token)], ["name"]),
            lambda P: P.read_group([("signup_token", "=", self.token)], ["is_company"],
                                   ["is_company"]),
            lambda P: P.search([], order="signup_token desc"),
        )
        for user in self.outsiders:
            for oracle in oracles:
                with self.assertRaises(AccessError):
                    oracle(self.as_user(user))

    def test_export_of_restricted_field_refused(self):
        """Exporting the token or the signup link (which carries it), directly or through the
        contact's company or its contacts, is refused before any value is read; exporting
        allowed fields through the same relations still works. Core's export computes a
        non-stored field such as ``signup_url`` without checking its ``groups``."""
        Partner = self.as_user(self.user_siae_a)
        colleague, siae = Partner.browse(self.colleague.id), Partner.browse(self.siae_a.id)
        for records, path in ((colleague, "signup_token"), (colleague, "signup_expiration"),
                              (colleague, "signup_url"), (siae, "child_ids/signup_url"),
                              (colleague, "parent_id/signup_token"),
                              (siae, "child_ids/signup_token"),
                              (colleague, "parent_id/child_ids/signup_type")):
            with self.assertRaises(AccessError, msg=path):
                records.export_data(["name", path])
        rows = colleague.export_data(["name", "parent_id/name"])["datas"]
        self.assertEqual(rows, [["Colette Invitée", "SIAE Test A"]])

    def test_signup_url_hidden_from_outsiders(self):
        """The computed signup link carries the token: a SIAE user read its colleague's link
        and could set their password. Internal users keep reading it."""
        with self.assertRaises(AccessError):
            self.as_user(self.user_siae_a).browse(self.colleague.id).read(["signup_url"])
        url = self.as_user(self.user_staff).browse(self.colleague.id).signup_url
        self.assertIn(self.token, url)

    def test_users_with_the_group_and_superuser_keep_every_path(self):
        """Members of the field's group, and the superuser, still search, group, order and
        export on it."""
        for Partner in (self.as_user(self.user_access_admin), self.env["res.partner"]):
            self.assertEqual(Partner.search([("signup_token", "=", self.token)]), self.colleague)
            groups = Partner.read_group([("id", "=", self.colleague.id)], ["signup_token"],
                                        ["signup_token"])
            self.assertEqual(groups[0]["signup_token"], self.token)
            self.assertTrue(Partner.search([("id", "=", self.colleague.id)],
                                           order="signup_token"))
            rows = Partner.browse(self.colleague.id).export_data(["parent_id/name",
                                                                  "signup_token"])["datas"]
            self.assertEqual(rows, [["SIAE Test A", self.token]])

    def test_unrestricted_fields_unchanged_for_outsiders(self):
        """Fields without ``groups`` are searched, grouped and exported as before."""
        Partner = self.as_user(self.user_siae_a)
        self.assertEqual(Partner.search([("parent_id.name", "=", "SIAE Test A"),
                                         ("name", "=", "Colette Invitée")]), self.colleague)
        groups = Partner.read_group([("id", "in", [self.siae_a.id, self.colleague.id])],
                                    ["is_company"], ["is_company"])
        self.assertEqual(sorted(group["is_company_count"] for group in groups), [1, 1])
