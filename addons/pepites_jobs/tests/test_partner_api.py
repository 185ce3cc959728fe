import os
import re
import xmlrpc.client

import odoorpc

from odoo.modules.module import get_module_path
from odoo.tests import common

from .common import PASSWORD, JobsHttpCase, create_offer


@common.at_install(False)
@common.post_install(True)
class TestPartnerApi(JobsHttpCase):
    """Partners read the published offers and the SIAE directory over XML-RPC, nothing else."""

    def setUp(self):
        super(TestPartnerApi, self).setUp()
        self.published = create_offer(self, self.siae2, "published", name="CIP réemploi",
                                      job_family_id=self.family_cip.id)
        self.draft = create_offer(self, self.siae2, name="Brouillon")
        self.applicant = self.env["hr.applicant"].create({
            "name": "Candidature", "partner_name": "Léa Petit", "email_from": "lea@example.test",
            "job_id": self.published.id})
        self.db = common.get_db_name()

    def call(self, model, method, *args, **kwargs):
        return self.rpc(self.user_partner, model, method, *args, **kwargs)

    def test_reads_published_offers(self):
        """search_read returns the published offers, not the drafts, with the offer fields."""
        offers = self.call("hr.job", "search_read", [("siae_id", "=", self.siae2.id)],
                           ["name", "siae_id", "rome_code", "pepites_state", "date_expire"])
        self.assertEqual([offer["id"] for offer in offers], [self.published.id])
        self.assertEqual(offers[0]["rome_code"], "K1801")
        self.assertEqual(offers[0]["siae_id"][1], "Recyclerie de Gironde (test)")
        everything = self.call("hr.job", "read", [self.published.id])[0]
        for field in ("application_ids", "application_count", "pepites_application_count",
                      "refusal_reason", "document_ids"):
            self.assertNotIn(field, everything)

    def test_reads_siae_directory_not_people(self):
        """The SIAE directory fields are readable; the people of a SIAE are not."""
        siae = self.call("res.partner", "read", [self.siae2.id],
                         ["name", "siret", "siae_kind", "department_id", "city"])[0]
        self.assertEqual(siae["siret"], self.siae2.siret)
        self.assertEqual(siae["siae_kind"], "ei")
        people = self.call("res.partner", "search",
                           [("id", "=", self.user_siae2.partner_id.id)])
        self.assertEqual(people, [])

    def test_nothing_else(self):
        """Applications, drafts, writes and workflow actions are refused."""
        for model, method, args in (
                ("hr.applicant", "search_read", [[]]),
                ("hr.applicant", "read", [[self.applicant.id], ["partner_name"]]),
                ("hr.job", "read", [[self.draft.id], ["name"]]),
                ("hr.job", "write", [[self.published.id], {"name": "Piraté"}]),
                ("hr.job", "create", [{"name": "Fausse offre", "siae_id": self.siae2.id}]),
                ("hr.job", "action_mark_filled", [[self.published.id]]),
                ("hr.job", "read", [[self.published.id], ["application_ids"]])):
            with self.assertRaises(xmlrpc.client.Fault, msg="%s.%s" % (model, method)):
                self.call(model, method, *args)
        self.assertEqual(self.published.name, "CIP réemploi")
        self.assertEqual(self.published.pepites_state, "published")

    def test_documented_odoorpc_example(self):
        """The OdooRPC example of readme/USAGE.rst runs as written against the server."""
        path = os.path.join(get_module_path("pepites_jobs"), "readme", "USAGE.rst")
        with open(path, encoding="utf-8") as usage:
            text = usage.read()
        block = text.split(".. code-block:: python\n\n", 1)[1]
        lines = []
        for line in block.splitlines():
            if line and not line.startswith("    "):
                break
            lines.append(line[4:])
        code = "\n".join(lines)
        code = re.sub(r"^HOST, PORT, PROTOCOL = .*$",
                      'HOST, PORT, PROTOCOL = "127.0.0.1", %d, "jsonrpc"' % common.PORT,
                      code, flags=re.M)
        code = re.sub(r"^DATABASE, LOGIN, PASSWORD = .*$",
                      "DATABASE, LOGIN, PASSWORD = %r, %r, %r" % (self.db, "pj_partner",
                                                                  PASSWORD),
                      code, flags=re.M)
        self.published.write({"pepites_department_id": self.department_33.id})
        namespace = {}
        self._before_request()
        try:
            exec(compile(code, path, "exec"), namespace)
        finally:
            self._after_request()
        self.assertIsInstance(namespace["odoo"], odoorpc.ODOO)
        ids = [offer["id"] for offer in namespace["offers"]]
        self.assertIn(self.published.id, ids)
        self.assertNotIn(self.draft.id, ids)
        employers = {employer["id"]: employer for employer in namespace["employers"]}
        self.assertEqual(employers[self.siae2.id]["siret"], self.siae2.siret)
