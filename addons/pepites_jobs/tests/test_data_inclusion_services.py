"""data·inclusion services (issue 18): a SIAE hosting PMSMP immersions also offers the
immersion service, valid against the encoded schema; a SIAE that hosts none does not."""
from odoo.tests.common import at_install, post_install

from odoo.addons.pepites_partners.data_inclusion import schema

from .events_common import PathwaysHttpCase, immersion_values, today


@at_install(False)
@post_install(True)
class TestImmersionService(PathwaysHttpCase):

    def test_immersion_service(self):
        """siae_a hosts an immersion: its services are the job and the immersion, each valid,
        mobilised by professionals (a prescriber signs the convention); siae_b offers the job
        only; a cancelled immersion offers nothing; no person of the immersion is exported."""
        self.env["pepites.immersion"].create(immersion_values(self))
        cancelled = self.env["pepites.immersion"].create(immersion_values(
            self, host_siae_id=self.siae_b.id, tutor_id=False, date_start=today(40),
            date_end=today(50)))
        cancelled.write({"state": "cancelled"})
        response = self.url_open("/data-inclusion/v1/services")
        self.assertEqual(response.status_code, 200)
        rows = response.json()
        for row in rows:
            self.assertEqual(schema.validate_service(row), [], row)
        ids = {row["id"] for row in rows}
        siae_a, siae_b = ("pepites--siae-%d" % siae.id for siae in (self.siae_a, self.siae_b))
        self.assertLessEqual({siae_a + "--emploi-insertion", siae_a + "--immersion",
                              siae_b + "--emploi-insertion"}, ids)
        self.assertNotIn(siae_b + "--immersion", ids)
        immersion = [row for row in rows if row["id"] == siae_a + "--immersion"][0]
        self.assertEqual((immersion["structure_id"], immersion["mobilisable_par"]),
                         (siae_a, ["professionnels"]))
        self.assertIn("choisir-un-metier--decouvrir-un-metier-ou-un-secteur-dactivite",
                      immersion["thematiques"])
        for personal in (self.person.name, self.tutor_a.name, self.prescriber.name):
            self.assertNotIn(personal, response.text)
