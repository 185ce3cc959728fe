from odoo.exceptions import ValidationError

from .common import BadgesCase


class TestAwardRules(BadgesCase):
    """The rule engine is generic: a hook passes its trigger, the source records and the
    recipients. Here the sources are contacts standing for any record."""

    @classmethod
    def setUpClass(cls):
        super(TestAwardRules, cls).setUpClass()
        Rule = cls.env["pepites.badge.award.rule"]
        Rule.search([]).write({"active": False})  # the demo rules
        cls.source = cls.env["res.partner"].create({"name": "Rallye de Gironde", "is_company": True})
        cls.unrelated = cls.env["res.partner"].create({"name": "Autre source", "is_company": True})
        cls.rule = Rule.create({
            "name": "Rallye suivi", "trigger": "event_attended", "badge_class_id": cls.repeatable.id,
            "condition_domain": "[('id', '=', %d)]" % cls.source.id,
            "evidence_narrative": "A participé à %s."})
        cls.rule_module = Rule.create({
            "name": "Module", "trigger": "module_completed", "badge_class_id": cls.hosted.id})

    def test_award_matching_rule(self):
        """A trigger awards the rule's badge to the recipients, with the rule, the source and
        its evidence; the other triggers' rules do nothing."""
        Rule = self.env["pepites.badge.award.rule"].sudo(self.users["holder"])
        awarded = Rule._award("event_attended", self.source, self.bob | self.carla)
        self.assertEqual(len(awarded), 2)
        self.assertEqual(awarded.mapped("award_rule_id"), self.rule)
        self.assertEqual(set(awarded.mapped("source_ref")), {"res.partner,%d" % self.source.id})
        self.assertEqual(set(awarded.mapped("evidence_narrative")), {"A participé à Rallye de Gironde."})
        self.assertFalse(self.hosted.assertion_count)
        self.assertEqual(self.rule.assertion_count, 2)

    def test_condition_and_idempotence(self):
        """A source outside the rule's condition awards nothing; the same source awards a
        repeatable badge once per person; a recipient without e-mail is skipped."""
        Rule = self.env["pepites.badge.award.rule"]
        self.assertFalse(Rule._award("event_attended", self.unrelated, self.bob))
        self.assertEqual(len(Rule._award("event_attended", self.source, self.bob | self.no_email)), 1)
        self.assertFalse(Rule._award("event_attended", self.source, self.bob))
        other_source = self.source.copy({"name": "Rallye bis"})
        self.rule.condition_domain = "[('name', 'like', 'Rallye')]"
        self.assertEqual(len(Rule._award("event_attended", other_source, self.bob)), 1)

    def test_unpublished_class_or_archived_rule_awards_nothing(self):
        """A retired badge or an archived rule awards nothing and does not fail the caller."""
        Rule = self.env["pepites.badge.award.rule"]
        self.repeatable.action_retire()
        self.assertFalse(Rule._award("event_attended", self.source, self.bob))
        self.repeatable.action_publish()
        self.rule.active = False
        self.assertFalse(Rule._award("event_attended", self.source, self.bob))

    def test_invalid_condition_refused(self):
        """A condition that is not a domain is refused."""
        with self.assertRaises(ValidationError):
            self.rule.condition_domain = "import os"
