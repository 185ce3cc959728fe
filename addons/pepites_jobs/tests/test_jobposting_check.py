"""The JobPosting builder (jsonld.py) against the project's own encoding of Google's guidelines
(jobposting_check.py), without a database."""
import copy
import unittest

from .. import jobposting_check, jsonld
from ..models.hr_job import CONTRACT_TYPES

#: an offer with everything the board knows, as hr.job._job_posting passes it
FULL = {
    "id": 7, "url": "https://jobs.example/jobs/detail/7", "title": "Encadrant technique",
    "description": "<p>Encadrer une équipe</p>", "date_posted": "2026-11-20",
    "valid_through": "2026-12-15", "contract_type": "cdd", "weekly_hours": 24,
    "employer": "Jardins du Béarn", "siret": "440 123 453 00019",
    "employer_urls": ["https://jobs.example/siae/jardins-du-bearn-3"], "street": "8 impasse des Artisans",
    "city": "Pau", "postal_code": "64000", "region": "Nouvelle-Aquitaine",
    "rome_code": "K1203", "salary_min": 1900.0, "salary_max": 2200.0, "positions": 2,
    "start_date": "2027-01-04", "industry": "Encadrement technique"}


class TestJobPostingCheck(unittest.TestCase):

    def posting(self, **changes):
        return jsonld.job_posting(dict(FULL, **changes))

    def test_full_offer_passes_without_warning(self):
        """An offer with every field gives every required and recommended property, in
        schema.org's vocabulary."""
        posting = self.posting()
        self.assertEqual(jobposting_check.check(posting), ([], []))
        self.assertEqual(posting["hiringOrganization"], {
            "@type": "Organization", "name": "Jardins du Béarn",
            "sameAs": "https://jobs.example/siae/jardins-du-bearn-3",
            "identifier": {"@type": "PropertyValue", "name": "SIRET", "value": "44012345300019"}})
        self.assertEqual(posting["jobLocation"], {"@type": "Place", "address": {
            "@type": "PostalAddress", "streetAddress": "8 impasse des Artisans",
            "addressLocality": "Pau", "postalCode": "64000",
            "addressRegion": "Nouvelle-Aquitaine", "addressCountry": "FR"}})
        self.assertEqual(posting["baseSalary"], {
            "@type": "MonetaryAmount", "currency": "EUR", "value": {
                "@type": "QuantitativeValue", "unitText": "MONTH",
                "minValue": 1900, "maxValue": 2200}})
        self.assertIs(posting["directApply"], True)
        self.assertEqual(posting["identifier"]["value"], "7")

    def test_partial_offer_warns_only(self):
        """An offer elsewhere than its employer's town, without salary nor web site, is still
        accepted: only recommended properties are missing."""
        errors, warnings = jobposting_check.check(self.posting(
            street=None, postal_code="640", salary_min=0, salary_max=0, employer_urls=[],
            siret="123"))
        self.assertEqual(errors, [])
        self.assertEqual(set(warnings), {
            "baseSalary missing", "hiringOrganization.sameAs missing",
            "jobLocation.address.streetAddress missing",
            "jobLocation.address.postalCode missing"})

    def test_same_as_page_then_website(self):
        """The employer's ``sameAs`` is its public page on PEPITES; with the web site the SIAE
        chose to publish, both (page first), and the check accepts the list."""
        posting = self.posting(employer_urls=["https://jobs.example/siae/jardins-du-bearn-3",
                                              "https://jardins-bearn.example"])
        self.assertEqual(posting["hiringOrganization"]["sameAs"], [
            "https://jobs.example/siae/jardins-du-bearn-3", "https://jardins-bearn.example"])
        self.assertEqual(jobposting_check.check(posting), ([], []))

    def test_employment_types(self):
        """Every contract type of an offer maps to Google's employmentType values; the
        working time comes from the weekly hours (35 h: article L3121-27)."""
        for contract_type, _label in CONTRACT_TYPES:
            for hours in (0, 20, 35):
                values = jsonld.employment_types(contract_type, hours)
                self.assertTrue(values)
                self.assertTrue(set(values) <= set(jobposting_check.EMPLOYMENT_TYPES))
        self.assertEqual(jsonld.employment_types("cdi", 34.5), ["PART_TIME"])
        self.assertEqual(jsonld.employment_types("interim", 35), ["FULL_TIME", "TEMPORARY"])
        self.assertEqual(jsonld.employment_types("alternance", 35), ["FULL_TIME", "INTERN"])

    def test_single_salary(self):
        """A salary with the same lower and upper bound is one value."""
        amount = self.posting(salary_min=1900, salary_max=1900)["baseSalary"]["value"]
        self.assertEqual(amount, {"@type": "QuantitativeValue", "unitText": "MONTH",
                                  "value": 1900})
        amount = self.posting(salary_min=0, salary_max=2000)["baseSalary"]["value"]
        self.assertEqual(amount["maxValue"], 2000)
        self.assertNotIn("minValue", amount)

    def test_required_properties(self):
        """Each required property missing is an error; each recommended one a warning."""
        for key in jobposting_check.REQUIRED:
            posting = self.posting()
            del posting[key]
            self.assertIn("%s missing" % key, jobposting_check.check(posting)[0])
        for key in jobposting_check.RECOMMENDED:
            posting = self.posting()
            del posting[key]
            errors, warnings = jobposting_check.check(posting)
            self.assertEqual(errors, [])
            self.assertIn("%s missing" % key, warnings)

    def test_bad_values(self):
        """Values outside the vocabulary or the formats are errors."""
        def errors(mutate):
            posting = self.posting()
            mutate(posting)
            return jobposting_check.check(posting)[0]
        cases = [
            lambda p: p.update(employmentType=["CDI"]),
            lambda p: p.update(employmentType="temps plein"),
            lambda p: p.update(datePosted="20/11/2026"),
            lambda p: p.update(validThrough="2026-11-01T23:59:59+01:00"),
            lambda p: p.update(directApply="oui"),
            lambda p: p.update(title=" "),
            lambda p: p.update(description=""),
            lambda p: p.update(identifier="7"),
            lambda p: p["baseSalary"].update(currency="€"),
            lambda p: p["baseSalary"]["value"].update(unitText="mois"),
            lambda p: p["baseSalary"]["value"].update(minValue=3000),
            lambda p: p["baseSalary"]["value"].update(minValue="1900"),
            lambda p: p["jobLocation"]["address"].update(addressCountry="France"),
            lambda p: p["jobLocation"]["address"].update(postalCode="64"),
            lambda p: p["jobLocation"].update({"@type": "Text"}),
            lambda p: p["hiringOrganization"].update(sameAs="jardins-bearn"),
            lambda p: p["hiringOrganization"].update(sameAs=["https://a.example", "b"]),
            lambda p: p["hiringOrganization"].update(sameAs=[None]),
            lambda p: p["hiringOrganization"]["identifier"].update(value="1234"),
            lambda p: p.update(hiringOrganization="Jardins du Béarn"),
            lambda p: p.update(description="<p>Écrire à claire.martin@jardins.test</p>"),
        ]
        for number, mutate in enumerate(cases):
            self.assertTrue(errors(mutate), "case %d passed the check" % number)

    def test_builder_never_invents(self):
        """The builder does not mutate what it is given, and says nothing it does not know."""
        values = copy.deepcopy(FULL)
        posting = jsonld.job_posting(dict(values, contract_type=None, weekly_hours=0,
                                          region=None, valid_through=None))
        self.assertEqual(values, FULL)
        self.assertEqual(posting["employmentType"], ["OTHER"])
        self.assertNotIn("validThrough", posting)
        self.assertNotIn("addressRegion", posting["jobLocation"]["address"])
