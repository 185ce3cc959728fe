from odoo.exceptions import AccessError, UserError

from .common import JobsCase, create_offer


class TestApplicantDecision(JobsCase):
    """The SIAE accepts or refuses the applications to its offers (hr.applicant.portal_decide);
    the applicant is told by a queued e-mail to their own address, logged in the chatter."""

    @classmethod
    def setUpClass(cls):
        super(TestApplicantDecision, cls).setUpClass()
        cls.siae1.phone = "05 59 12 34 56"
        cls.offer1 = create_offer(cls, cls.siae1, "published", name="ETI maraîchage Pau")
        cls.offer2 = create_offer(cls, cls.siae2, "published", name="CIP Recyclerie")
        Applicant = cls.env["hr.applicant"]
        cls.lea = Applicant.create({
            "name": "Candidature Léa", "partner_name": "Léa Petit",
            "email_from": "lea@example.test", "job_id": cls.offer1.id})
        cls.omar = Applicant.create({
            "name": "Candidature Omar", "partner_name": "Omar Diallo",
            "email_from": "omar@example.test", "job_id": cls.offer1.id})
        cls.tom = Applicant.create({
            "name": "Candidature Tom", "partner_name": "Tom Roux",
            "email_from": "tom@example.test", "job_id": cls.offer2.id})

    def decide(self, applicant, user, *args, **kwargs):
        """``portal_decide`` as ``user``, in French."""
        return applicant.sudo(user).with_context(lang="fr_FR").portal_decide(*args, **kwargs)

    def mails(self, applicant):
        return self.env["mail.mail"].search([("model", "=", "hr.applicant"),
                                             ("res_id", "=", applicant.id)])

    def test_new_by_default(self):
        """A new application is "new" until its SIAE decides, and _pepites_new_domain finds
        it."""
        Applicant = self.env["hr.applicant"]
        self.assertEqual(self.lea.pepites_siae_status, "new")
        new = Applicant.search(Applicant._pepites_new_domain())
        self.assertIn(self.lea, new)
        self.decide(self.lea, self.user_siae1, "accept")
        self.assertNotIn(self.lea, Applicant.search(Applicant._pepites_new_domain()))
        self.assertIn(self.omar, Applicant.search(Applicant._pepites_new_domain()))

    def test_accept_queues_the_mail_to_the_applicant(self):
        """Accepted: one mail queued (not sent), to the applicant's address only, in French,
        with the next steps and the SIAE's contact; it stays in the chatter, by the SIAE
        user."""
        self.decide(self.lea, self.user_siae1, "accept")
        self.assertEqual(self.lea.pepites_siae_status, "accepted")
        self.assertTrue(self.lea.pepites_decision_date)
        mail = self.mails(self.lea)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertEqual(mail.email_to, "lea@example.test")
        self.assertFalse(mail.recipient_ids)
        self.assertFalse(mail.email_cc)
        self.assertEqual(mail.subject, "Votre candidature à l'offre ETI maraîchage Pau chez "
                                       "Jardins du Béarn (test) : acceptée")
        self.assertIn("Bonne nouvelle", mail.body_html)
        self.assertIn(self.siae1.phone, mail.body_html)
        self.assertIn("contact@jardins-bearn.test", mail.body_html)
        for other in ("Omar", "Tom Roux", "Claire Martin", "pj_siae1@example.test"):
            self.assertNotIn(other, mail.body_html)
        message = mail.mail_message_id
        self.assertEqual(message.author_id, self.user_siae1.partner_id)
        self.assertIn(message, self.lea.message_ids)
        self.assertFalse(message.partner_ids, "no follower is notified")
        mail.unlink()  # what the queue does once the mail is sent (auto_delete)
        self.assertTrue(message.exists(), "the e-mail stays in the chatter")

    def test_refuse_gives_the_reason_in_neutral_words(self):
        """Refused: the reason in neutral words, the SIAE's message (escaped), encouragement
        and the link to /jobs."""
        self.decide(self.lea, self.user_siae1, "refuse", reason="profile",
                    message="Merci <b>Léa</b>, gardez courage.")
        self.assertEqual(self.lea.pepites_siae_status, "refused")
        self.assertEqual(self.lea.pepites_refusal_reason, "profile")
        mail = self.mails(self.lea)
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.email_to, "lea@example.test")
        self.assertEqual(mail.subject, "Votre candidature à l'offre ETI maraîchage Pau chez "
                                       "Jardins du Béarn (test)")
        self.assertIn("un autre parcours", mail.body_html)
        self.assertIn("Merci &lt;b&gt;Léa&lt;/b&gt;, gardez courage.", mail.body_html)
        self.assertIn("/jobs", mail.body_html)
        self.assertNotIn("Omar", mail.body_html)

    def test_no_mail_when_the_status_does_not_change(self):
        """The same decision twice: a French message, nothing written, nothing sent."""
        self.decide(self.lea, self.user_siae1, "refuse", reason="filled")
        date = self.lea.pepites_decision_date
        with self.assertRaisesRegex(UserError, "est déjà refusée"):
            self.decide(self.lea, self.user_siae1, "refuse", reason="other")
        self.assertEqual(self.lea.pepites_refusal_reason, "filled")
        self.assertEqual(self.lea.pepites_decision_date, date)
        self.assertEqual(len(self.mails(self.lea)), 1)

    def test_decision_may_change(self):
        """Refused then accepted (the candidate rang back), and the reverse: each decision is
        told; the reason of an accepted application is cleared."""
        self.decide(self.lea, self.user_siae1, "refuse", reason="unreachable")
        self.decide(self.lea, self.user_siae1, "accept")
        self.assertEqual(self.lea.pepites_siae_status, "accepted")
        self.assertFalse(self.lea.pepites_refusal_reason)
        self.decide(self.lea, self.user_siae1, "refuse", reason="filled")
        self.assertEqual(len(self.mails(self.lea)), 3)

    def test_bad_reason_writes_nothing(self):
        """A reason not in the list, or no reason: a French message, nothing written or
        sent."""
        for reason in ("insulte", "", None):
            with self.assertRaisesRegex(UserError, "Choisissez le motif du refus"):
                self.decide(self.lea, self.user_siae1, "refuse", reason=reason)
        with self.assertRaisesRegex(UserError, "Décision inconnue"):
            self.decide(self.lea, self.user_siae1, "hire")
        with self.assertRaisesRegex(UserError, "trop long"):
            self.decide(self.lea, self.user_siae1, "refuse", reason="other",
                        message="x" * 1001)
        self.assertEqual(self.lea.pepites_siae_status, "new")
        self.assertFalse(self.mails(self.lea))

    def test_only_the_siae_of_the_offer(self):
        """siae1 cannot decide on siae2's applications, nor the partner API user on any;
        nothing written or sent. INAÉ staff may."""
        for user, applicant in ((self.user_siae1, self.tom), (self.user_siae2, self.lea),
                                (self.user_partner, self.lea)):
            with self.assertRaises(AccessError):
                self.decide(applicant, user, "accept")
            with self.assertRaises(AccessError):
                self.decide(self.omar | applicant, user, "accept")
        with self.assertRaises(AccessError):
            self.decide(self.env["hr.applicant"].browse(999999), self.user_siae1, "accept")
        for applicant in (self.lea, self.omar, self.tom):
            self.assertEqual(applicant.pepites_siae_status, "new")
            self.assertFalse(self.mails(applicant))
        # SIAE users still write no applicant directly
        with self.assertRaises(AccessError):
            self.lea.sudo(self.user_siae1).write({"pepites_siae_status": "accepted"})
        self.decide(self.tom, self.user_staff, "accept")
        self.assertEqual(self.tom.pepites_siae_status, "accepted")

    def test_applicant_without_email(self):
        """No address: nothing queued, a note in the chatter says the applicant was not
        told."""
        self.omar.email_from = False
        self.decide(self.omar, self.user_siae1, "accept")
        self.assertFalse(self.mails(self.omar))
        self.assertIn("n'a pas été prévenu", self.omar.message_ids[0].body)
