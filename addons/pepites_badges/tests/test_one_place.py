"""Each rule of issuing and publishing badges lives in one place (issue 14): the assertion model
writes its table, one URL builder, one document builder, a cache dropped badge by badge."""
import base64
import json
from unittest.mock import patch

from ..openbadges_engine import identity, urls, verification
from ..models import pepites_badge_assertion as assertion_module
from .common import BadgesCase


class TestOnePlace(BadgesCase):

    def test_urls_come_from_the_builder(self):
        """Every id of the documents is the builder's URL on the public URL."""
        Issuer = self.env["pepites.badge.issuer"]
        badge = self.issue(self.signed, self.bob)
        base = self.ob_base_url
        self.assertEqual(Issuer._badge_url("class", self.signed.uuid), self.signed.public_url)
        self.assertEqual(self.signed._ob_json()["image"],
                         urls.url(base, "class_image", self.signed.uuid))
        self.assertEqual(badge.ob_id, urls.url(base, "assertion", badge.uuid))
        self.assertEqual(badge.verify_url, urls.url(base, "verify", badge.uuid))
        self.assertEqual(badge._ob_json()["verification"]["creator"],
                         urls.url(base, "key", self.inae.active_key_id.id))
        self.assertEqual(self.inae._ob_json()["revocationList"],
                         urls.url(base, "revocations", self.inae.id))

    def test_one_document_builder(self):
        """The document baked at issue time, the record's and the hosted route's query are the
        same builder's output, to the byte."""
        badge = self.issue(self.hosted, self.bob, evidence_url="https://preuves.example.org/b",
                           narrative="Tutorat")
        _kind, baked, _token = verification.read_badge(base64.b64decode(badge.baked_image))
        status, hosted = self.env["pepites.badge.assertion"]._public_document(badge.uuid)
        self.assertEqual(status, 200)
        values = {name: badge.sudo()[name] for name in assertion_module.DOCUMENT_FIELDS}
        built = badge._ob_document(values)
        self.assertEqual(json.dumps(hosted, ensure_ascii=False),
                         json.dumps(built, ensure_ascii=False))
        self.assertEqual(baked, built)
        self.assertEqual(badge._ob_json(), built)

    def test_write_drops_only_that_badge(self):
        """Writing one badge drops its hosted answer only: the other badges' cached answers and
        the other models' caches stay (they were all cleared by every write before)."""
        Assertion = self.env["pepites.badge.assertion"].sudo()
        first, second = self.issue(self.repeatable, self.bob | self.carla)
        cache = self.registry.cache
        sentinel = ("pepites_badges.test_sentinel", first.id)
        cache[sentinel] = "kept"
        self.assertEqual(Assertion._hosted_response(first.uuid)[0], 200)
        self.assertEqual(Assertion._hosted_response(second.uuid)[0], 200)
        first.sudo().write({"mail_state": "queued"})  # not part of the document
        self.assertIn((assertion_module.HOSTED_CACHE, first.uuid), cache)
        first.sudo(self.users["manager"]).action_revoke("Erreur de saisie")
        self.assertNotIn((assertion_module.HOSTED_CACHE, first.uuid), cache)
        self.assertIn((assertion_module.HOSTED_CACHE, second.uuid), cache)
        self.assertEqual(cache.get(sentinel), "kept")
        status, body = Assertion._hosted_response(first.uuid)
        self.assertEqual((status, json.loads(body)["revocationReason"]),
                         (410, "Erreur de saisie"))

    def test_credential_kept_until_its_badge_changes(self):
        """The OB 3.0 credential served (JSON with its proof, VC-JWT) is kept like the hosted
        document: the same answer from the cache, dropped when its badge is written or deleted,
        the other badge's kept; an unknown uuid is not cached."""
        Assertion = self.env["pepites.badge.assertion"].sudo()
        first, second = self.issue(self.repeatable, self.bob | self.carla)
        cache = self.registry.cache
        document, token = Assertion._ob3_served(first.uuid)
        self.assertEqual(token, first._ob3_token())
        self.assertEqual(json.loads(document), first._ob3_data_integrity())
        self.assertEqual(json.loads(document)["proof"]["cryptosuite"], "eddsa-rdfc-2022")
        Assertion._ob3_served(second.uuid)
        self.assertEqual(assertion_module.cached_ob3(self.registry, first.uuid),
                         (document, token))
        first.sudo().write({"mail_state": "queued"})  # not part of the credential
        self.assertIn((assertion_module.OB3_CACHE, first.uuid), cache)
        first.sudo(self.users["manager"]).action_revoke("Erreur de saisie")
        self.assertNotIn((assertion_module.OB3_CACHE, first.uuid), cache)
        self.assertIn((assertion_module.OB3_CACHE, second.uuid), cache)
        self.assertEqual(Assertion._ob3_served(first.uuid), (document, token),
                         "a revoked credential is still served (its status list says revoked)")
        gone = second.uuid
        second.sudo().unlink()
        self.assertNotIn((assertion_module.OB3_CACHE, gone), cache)
        self.assertIsNone(Assertion._ob3_served(gone))
        self.assertNotIn((assertion_module.OB3_CACHE, gone), cache)

    def test_issue_to_reads_and_checks_once(self):
        """issue_to reads the recipients by id with one query and validates each address once,
        even for several classes at a time (it read them three times, checked them twice)."""
        Class = self.env["pepites.badge.class"].sudo(self.users["staff"])
        queries = []
        execute = self.env.cr.execute

        def spy(query, params=None, log_exceptions=None):
            queries.append(str(query))
            return execute(query, params)

        with patch.object(self.env.cr, "execute", spy), \
                patch.object(identity, "is_valid_email", wraps=identity.is_valid_email) as check:
            ids = Class.issue_to((self.hosted | self.repeatable).ids, (self.bob | self.carla).ids
                                 + [{"email": "Zoe@Example.org", "name": "Zoé"}])
        self.assertEqual(len(ids), 6)
        by_id = [q for q in queries if "FROM res_partner WHERE id = ANY" in " ".join(q.split())]
        self.assertEqual(len(by_id), 1, by_id)
        self.assertEqual(check.call_count, 3)

    def test_wizard_checks_once(self):
        """The wizard checks that the class is issuable once, and each CSV address once."""
        csv = "email;name\nbob.durand@example.org;Bob\npas-une-adresse;X\n"
        wizard = self.env["pepites.badge.issue.wizard"].sudo(self.users["staff"]).create({
            "badge_class_id": self.hosted.id, "source": "csv",
            "csv_file": base64.b64encode(csv.encode())})
        BadgeClass = type(self.env["pepites.badge.class"])
        with patch.object(BadgeClass, "_check_issuable", autospec=True,
                          side_effect=BadgeClass._check_issuable) as issuable, \
                patch.object(identity, "is_valid_email", wraps=identity.is_valid_email) as check:
            wizard.action_issue()
        self.assertEqual((wizard.issued_count, wizard.skipped_count), (1, 1))
        self.assertEqual(issuable.call_count, 1)
        self.assertEqual(check.call_count, 2)

    def test_counts_of_badges(self):
        """Classes, issuers and contacts count their badges with one rule (active ones; all of
        them for an issuer)."""
        first, _second = self.issue(self.repeatable, self.bob | self.carla)
        first.sudo(self.users["manager"]).action_revoke("Erreur")
        self.repeatable.invalidate_cache()
        self.assertEqual(self.repeatable.assertion_count, 1)
        self.assertEqual((self.bob.badge_count, self.carla.badge_count), (0, 1))
        Assertion = self.env["pepites.badge.assertion"]
        self.assertEqual(Assertion._count_by("badge_class_id", self.repeatable.ids, revoked=None),
                         {self.repeatable.id: 2})
