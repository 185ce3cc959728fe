"""What a SIAE may change on its structure and its people, from the portal or over XML-RPC."""
import re
from xmlrpc.client import Fault

from odoo.exceptions import AccessError
from odoo.tests.common import at_install, post_install

from .common import PepitesCase, PepitesHttpCastCase

MESSAGE_FR = "Vous ne pouvez pas modifier ces champs depuis le portail"


class TestSiaeWritableFields(PepitesCase):
    """``res.partner`` lets a SIAE user write its structure and contacts (record rule); the
    model lets it write only the structure's public profile and its people's contact details."""

    def test_structure_keeps_what_inae_decides(self):
        """Type (``private`` hid the structure from INAÉ staff), SIAE flag and kind, SIRET,
        name, parent, company flag, archiving and users are refused on the structure; the
        public profile is written."""
        siae = self.siae_a.sudo(self.user_siae_a)
        for values in ({"type": "private"}, {"is_siae": False}, {"siae_kind": "ei"},
                       {"siret": "12345678901234"}, {"active": False},
                       {"parent_id": self.siae_b.id}, {"is_company": False},
                       {"user_ids": [(4, self.user_siae_b.id)]}, {"name": "SIAE Renommée"},
                       {"phone": "05 00 00 00 00", "type": "private"}):
            with self.assertRaises(AccessError, msg=str(values)):
                siae.write(values)
        siae.write({"phone": "05 56 11 22 33", "fte": 14, "website": "https://siae-a.example"})
        self.assertEqual((self.siae_a.type, self.siae_a.is_siae, self.siae_a.name,
                          self.siae_a.phone, self.siae_a.fte),
                         ("contact", True, "SIAE Test A", "05 56 11 22 33", 14))

    def test_people_stay_in_their_structure(self):
        """A SIAE user corrects its people's name and contact details but cannot move them to
        another structure, make them a company or a private address."""
        person = self.person_a.sudo(self.user_siae_a)
        for values in ({"parent_id": self.siae_b.id}, {"parent_id": False},
                       {"is_company": True}, {"type": "private"}, {"is_siae": True},
                       {"active": False}):
            with self.assertRaises(AccessError, msg=str(values)):
                person.write(values)
        person.write({"name": "Alice Martin", "function": "Encadrante technique",
                      "phone": "06 00 00 00 01"})
        self.assertEqual((self.person_a.name, self.person_a.parent_id, self.person_a.type),
                         ("Alice Martin", self.siae_a, "contact"))

    def test_context_does_not_lift_the_check(self):
        """The ``pepites_portal_sudo`` context key, which a portal user can send over RPC,
        no longer skips the check."""
        with self.assertRaises(AccessError):
            self.siae_a.sudo(self.user_siae_a).with_context(pepites_portal_sudo=True).write(
                {"type": "private"})
        self.assertEqual(self.siae_a.type, "contact")


@at_install(False)
@post_install(True)
class TestSiaeProfileHttp(PepitesHttpCastCase):
    """The same rule through the two doors a SIAE has: the `/my/siae` form and XML-RPC."""

    def test_form_ignores_fields_outside_the_profile(self):
        """Posting ``type``, ``is_siae``, ``name`` or ``parent_id`` to `/my/siae` changes none
        of them; the profile fields of the same post are saved."""
        self.authenticate("test_siae_a", "test_siae_a")
        page = self.url_open("/my/siae")
        token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)
        response = self.url_open("/my/siae", data={
            "csrf_token": token, "city": "Bègles", "type": "private", "is_siae": "",
            "name": "Autre nom", "parent_id": str(self.siae_b.id), "active": ""})
        self.assertEqual(response.status_code, 200)
        self.siae_a.invalidate_cache()
        self.assertEqual((self.siae_a.city, self.siae_a.type, self.siae_a.is_siae,
                          self.siae_a.name, self.siae_a.parent_id.id, self.siae_a.active),
                         ("Bègles", "contact", True, "SIAE Test A", False, True))

    def test_xmlrpc_refuses_fields_outside_the_profile_in_french(self):
        """Over XML-RPC the SIAE user gets a French refusal for each field INAÉ decides, on its
        structure and on its people, and nothing is written; its profile fields go through."""
        for record, values in ((self.siae_a, {"type": "private"}),
                               (self.siae_a, {"name": "SIAE Renommée"}),
                               (self.siae_a, {"parent_id": self.siae_b.id}),
                               (self.siae_a, {"is_company": False}),
                               (self.siae_a, {"active": False}),
                               (self.siae_a, {"user_ids": [(5,)]}),
                               (self.person_a, {"parent_id": self.siae_b.id}),
                               (self.person_a, {"type": "private"})):
            with self.assertRaisesRegex(Fault, MESSAGE_FR):
                self.xmlrpc(self.user_siae_a, "res.partner", "write", [record.id], values,
                            context={"lang": "fr_FR", "pepites_portal_sudo": True})
        self.siae_a.invalidate_cache()
        self.person_a.invalidate_cache()
        self.assertEqual((self.siae_a.type, self.siae_a.name, self.siae_a.active,
                          self.siae_a.parent_id.id, self.person_a.parent_id, self.person_a.type),
                         ("contact", "SIAE Test A", True, False, self.siae_a, "contact"))
        self.xmlrpc(self.user_siae_a, "res.partner", "write", [self.siae_a.id],
                    {"phone": "05 56 99 99 99", "siae_presentation": "Chantier d'insertion"})
        self.siae_a.invalidate_cache()
        self.assertEqual(self.siae_a.phone, "05 56 99 99 99")
