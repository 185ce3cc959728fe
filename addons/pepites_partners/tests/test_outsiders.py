"""The outsiders' allow-list (``outsiders.py``) and its enforcement in ``ir.model.access``."""
import logging
import os
from contextlib import contextmanager

from odoo.exceptions import AccessError
from odoo.tests.common import at_install, post_install

from odoo.addons.pepites_partners import outsiders

from .common import PepitesCase

MODES = ("read", "write", "create", "unlink")


class _Records(logging.Handler):
    def __init__(self):
        super(_Records, self).__init__(logging.DEBUG)
        self.records = []

    def emit(self, record):
        self.records.append(record)


@contextmanager
def captured_logs(name="odoo"):
    """Every record logged under ``name`` (whatever the configured levels) while in the block."""
    logger = logging.getLogger(name)
    handler, level = _Records(), logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        yield handler.records
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


class OutsidersCase(PepitesCase):

    @classmethod
    def setUpClass(cls):
        super(OutsidersCase, cls).setUpClass()
        cls.user_public = cls.env.ref("base.public_user")
        cls.users_by_role = {"public": cls.user_public, "portal": cls.user_portal,
                             "siae": cls.user_siae_a, "api": cls.user_partner_api}
        # a model no outsider role may touch, which core opens to everyone (group-less ACL line)
        cls.unlisted = "ir.filters"

    def grant_everything(self, model):
        """An ACL line granting every mode of ``model`` to everyone (no group)."""
        self.env["ir.model.access"].create({
            "name": "test: everything to everyone", "model_id": self.env["ir.model"]._get(model).id,
            "perm_read": True, "perm_write": True, "perm_create": True, "perm_unlink": True})


class TestOutsiders(OutsidersCase):

    def test_roles(self):
        """Each share user has one role; the superuser and internal users have none."""
        role = self.env["ir.model.access"]._pepites_outsider_role
        for expected, user in self.users_by_role.items():
            self.assertEqual(role(user.id), expected)
        self.assertIsNone(role(self.user_staff.id))
        self.assertIsNone(role(self.user_manager.id))
        self.assertIsNone(role(self.env.ref("base.user_root").id))

    def test_role_follows_group_changes(self):
        """A portal user made a SIAE user gets the SIAE role at once (the role is cached per
        user, and the cache is cleared with the groups)."""
        role = self.env["ir.model.access"]._pepites_outsider_role
        self.assertEqual(role(self.user_portal.id), "portal")
        self.user_portal.write({"groups_id": [
            (4, self.env.ref("pepites_partners.group_pepites_siae").id)]})
        self.assertEqual(role(self.user_portal.id), "siae")

    def test_unlisted_model_refused_to_every_role_despite_core_acl(self):
        """A model not on the list is refused to each outsider role, for every mode, even when
        an ACL line grants it to everyone; the refusal is Odoo's AccessError and no ERROR is
        logged."""
        self.assertNotIn(self.unlisted, outsiders.ALLOW)
        self.grant_everything(self.unlisted)
        for role, user in self.users_by_role.items():
            Model = self.env[self.unlisted].sudo(user)
            for mode in MODES:
                self.assertFalse(Model.check_access_rights(mode, raise_exception=False),
                                 "%s may %s %s" % (role, mode, self.unlisted))
                with captured_logs() as records, self.assertRaises(AccessError) as refusal:
                    Model.check_access_rights(mode)
                self.assertIn(self.unlisted, refusal.exception.name)
                self.assertFalse([r for r in records if r.levelno >= logging.ERROR])
            with self.assertRaises(AccessError):
                Model.search([])
            with self.assertRaises(AccessError):
                Model.create({})

    def test_listed_mode_granted(self):
        """A mode the list names still works: a SIAE user reads and edits its own structure,
        a partner-API user reads the SIAE directory."""
        self.assertIn("w", outsiders.allowed_modes("res.partner", "siae"))
        self.siae_a.sudo(self.user_siae_a).write({"fte": 13})
        self.assertEqual(self.siae_a.fte, 13)
        self.assertIn("r", outsiders.allowed_modes("res.partner", "api"))
        self.assertEqual(self.siae_b.sudo(self.user_partner_api).read(["name"])[0]["name"],
                         "SIAE Test B")

    def test_listed_mode_needs_the_acl_line_too(self):
        """The list grants nothing by itself: a listed mode without an ACL line is refused."""
        self.assertNotIn("c", outsiders.allowed_modes("res.partner", "siae"))
        self.assertIn("w", outsiders.allowed_modes("res.partner", "siae"))
        self.env.ref("pepites_partners.access_res_partner_siae_portal").perm_write = False
        self.assertFalse(self.env["res.partner"].sudo(self.user_siae_a).check_access_rights(
            "write", raise_exception=False))

    def test_sudo_unaffected(self):
        """Code that elevates to the superuser keeps its access (e.g. the badge pages' sudo)."""
        self.grant_everything(self.unlisted)
        filters_sudo = self.env[self.unlisted].sudo(self.user_siae_a).sudo()
        self.assertTrue(filters_sudo.check_access_rights("read"))
        created = filters_sudo.create({"name": "Filtre", "model_id": "res.partner"})
        self.assertIn(created, filters_sudo.search([]))

    def test_internal_users_unaffected(self):
        """INAÉ staff keep core's rights on models the list does not name."""
        self.assertTrue(self.env[self.unlisted].sudo(self.user_staff).check_access_rights("read"))
        self.assertTrue(self.env["mail.mail"].sudo(self.user_staff).check_access_rights("create"))

    def test_discovery_logs_instead_of_refusing(self):
        """With PEPITES_OUTSIDERS_DISCOVER=1 the refusal becomes one INFO line per role, model
        and mode, and the ACL alone decides (to build the list from real runs)."""
        previous = os.environ.get("PEPITES_OUTSIDERS_DISCOVER")
        os.environ["PEPITES_OUTSIDERS_DISCOVER"] = "1"
        try:
            self.env["ir.model.access"].clear_caches()
            Model = self.env[self.unlisted].sudo(self.user_siae_b)
            with captured_logs("odoo.addons.pepites_partners") as records:
                self.assertTrue(Model.check_access_rights("read"))
            lines = [r for r in records if "would refuse" in r.getMessage()]
            self.assertEqual(len(lines), 1)
            self.assertIn("siae read on %s" % self.unlisted, lines[0].getMessage())
            self.assertEqual(lines[0].levelno, logging.INFO)
        finally:
            if previous is None:
                del os.environ["PEPITES_OUTSIDERS_DISCOVER"]
            else:
                os.environ["PEPITES_OUTSIDERS_DISCOVER"] = previous
            self.env["ir.model.access"].clear_caches()
        with self.assertRaises(AccessError):
            self.env[self.unlisted].sudo(self.user_siae_b).check_access_rights("read")

    def test_list_well_formed(self):
        """Every entry names known roles, modes among "rwcu" and a reason that names the record
        rules bounding the rows (or says why none is needed)."""
        for model, (modes_by_role, reason) in outsiders.ALLOW.items():
            self.assertTrue(set(modes_by_role) <= set(outsiders.ROLES), model)
            for modes in modes_by_role.values():
                self.assertTrue(modes and set(modes) <= set("rwcu"), model)
            self.assertGreater(len(reason), 20, model)


@at_install(False)
@post_install(True)
class TestOutsidersExact(OutsidersCase):
    """Once every PEPITES addon is installed: the modes granted are exactly those listed."""

    def test_granted_modes_are_exactly_the_listed_ones(self):
        """For every model of the registry and every outsider role, check_access_rights is True
        only for the modes the list names; with every PEPITES addon installed, exactly for them
        (the ACL lines grant each of them: the list says what outsiders really get)."""
        complete = bool(self.env["ir.module.module"].search_count(
            [("name", "=", "pepites_kpi"), ("state", "=", "installed")]))
        wrong = []
        for model in sorted(self.env.registry):
            if self.env[model]._abstract:
                continue
            for role, user in self.users_by_role.items():
                Model = self.env[model].sudo(user)
                granted = "".join(
                    outsiders.MODES[mode] for mode in MODES
                    if Model.check_access_rights(mode, raise_exception=False))
                listed = "".join(m for m in "rwcu" if m in outsiders.allowed_modes(model, role))
                if set(granted) - set(listed) or (complete and granted != listed):
                    wrong.append("%s %s: granted %r, listed %r" % (model, role, granted, listed))
        self.assertFalse(wrong, "\n".join(wrong))
