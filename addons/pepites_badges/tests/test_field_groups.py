from odoo.exceptions import AccessError

from .common import BadgesCase


class TestAssertionFieldGroups(BadgesCase):
    """The recipient's e-mail and salt of an assertion (``groups=`` INAÉ staff) stay hidden
    from SIAE, holders and partner API users on every path, not only ``read``: siae1 grouped
    its people's assertions by ``recipient_email`` and read the addresses in the groups
    (pepites_partners/models/base.py)."""

    @classmethod
    def setUpClass(cls):
        super(TestAssertionFieldGroups, cls).setUpClass()
        Class = cls.env["pepites.badge.class"]
        cls.alice_badge = cls.env["pepites.badge.assertion"].browse(
            Class.issue_to(cls.hosted.ids, cls.alice.ids))
        cls.api_badge = cls.env["pepites.badge.assertion"].browse(
            Class.sudo(cls.users["api"]).issue_to(
                cls.siae_class.ids, [{"email": cls.carla.email, "name": cls.carla.name}]))

    def test_recipient_email_and_salt_hidden_on_every_path(self):
        """read_group (grouped by, or among the fields), search, ordering and export of the
        e-mail or the salt are refused; grouping by an allowed field still works."""
        for login in ("siae", "holder", "api"):
            Assertion = self.env["pepites.badge.assertion"].sudo(self.users[login])
            for name in ("recipient_email", "recipient_salt"):
                for oracle in (
                        lambda: Assertion.read_group([], [name], [name]),
                        lambda: Assertion.read_group([], ["audience", name], ["audience"]),
                        lambda: Assertion.search([(name, "ilike", "alice")]),
                        lambda: Assertion.search([], order=name),
                        lambda: Assertion.search([], limit=1).export_data([name])):
                    with self.assertRaises(AccessError, msg="%s %s" % (login, name)):
                        oracle()
            groups = Assertion.read_group([], ["audience"], ["audience"])
            self.assertEqual(sum(group["audience_count"] for group in groups),
                             Assertion.search_count([]))

    def test_staff_group_by_recipient_email(self):
        """INAÉ staff, who may read the e-mail, still group by it."""
        Assertion = self.env["pepites.badge.assertion"].sudo(self.users["staff"])
        groups = Assertion.read_group([("id", "=", self.alice_badge.id)],
                                      ["recipient_email"], ["recipient_email"])
        self.assertEqual([group["recipient_email"] for group in groups],
                         [self.alice_badge.recipient_email])
