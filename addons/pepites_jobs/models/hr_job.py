import datetime
import itertools

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools.translate import html_translate

from odoo.addons.pepites_partners.models.pepites_job_family import ROME_CODE, check_rome_codes
from odoo.addons.pepites_partners.models.pepites_sql_guard import Ordered, Range, sql_constraints
from odoo.addons.pepites_partners.models.pepites_workflow_mixin import workflow_action

from .. import board_rule, feeds, portal_offer_form
from ..board_rule import board_today
from ..feeds import FeedError, end_of_publication, html_to_text
from ..jsonld import FULL_TIME_HOURS, job_posting, script_json
from ..offer_html import clean_offer_html

#: the moderation life of an offer, separate from hr.job's own `state` (recruiting or not)
OFFER_STATES = [
    ("draft", "Draft"),
    ("submitted", "Submitted"),
    ("published", "Published"),
    ("refused", "Refused"),
    ("filled", "Filled"),
    ("expired", "Expired"),
    ("archived", "Archived"),
]

CONTRACT_TYPES = [
    ("cdi", "Permanent contract (CDI)"),
    ("cdd", "Fixed-term contract (CDD)"),
    ("alternance", "Work-study contract (alternance)"),
    ("interim", "Temporary work (intérim)"),
    ("other", "Other"),
]

#: the states in which a SIAE may still change its offer's content (INAÉ neither reviews nor
#: shows it)
SIAE_EDITABLE_STATES = ("draft", "refused")
#: what a SIAE portal user may write on an offer of their own SIAE, in draft or refused state;
#: states, publication dates and visibility change through the action_* methods only
SIAE_OFFER_FIELDS = frozenset([
    "name", "job_family_id", "rome_code", "contract_type", "weekly_hours", "salary_min",
    "salary_max", "city", "pepites_department_id", "date_start", "date_expire",
    "no_of_recruitment", "profile", "website_description",
])

#: a change of one of these is a change partners' feeds must send again
FEED_FIELDS = frozenset([
    "name", "siae_id", "job_family_id", "rome_code", "contract_type", "weekly_hours",
    "pepites_department_id", "city", "date_published", "date_expire", "website_description",
    "pepites_state", "website_published",
])

#: fields an offer needs before it is submitted or published
REQUIRED_TO_PUBLISH = (
    "name", "siae_id", "job_family_id", "rome_code", "contract_type", "weekly_hours",
    "city", "pepites_department_id", "website_description",
)

#: the HTML fields of an offer shown on its public page: written by anyone but INAÉ staff, they
#: go through offer_html.clean_offer_html (no style, class, id, data-oe-*…)
OFFER_HTML_FIELDS = ("website_description", "profile")

#: who may read the figures and notes that are not for partners nor the public
INTERNAL_OR_SIAE = "base.group_user,pepites_partners.group_pepites_siae"


#: the conditions of the board rule (board_rule.ON_BOARD) that do not depend on the day, as
#: the ORM writes the board's domain in SQL (PostgreSQL uses a partial index only when the
#: query's conditions imply its predicate): the predicate of ``hr_job_pepites_board_idx``
BOARD_INDEX_PREDICATE = ("siae_id IS NOT NULL AND pepites_state = 'published' "
                         "AND website_published")


def fill_siae_names(cr):
    """Fill ``hr_job.siae_name`` (the employer's stored name) in one UPDATE: the migration of
    databases made before 11.0.1.0.1, run before the update so that Odoo finds the column and
    does not recompute it offer by offer."""
    cr.execute("ALTER TABLE hr_job ADD COLUMN IF NOT EXISTS siae_name VARCHAR")
    cr.execute("""UPDATE hr_job j SET siae_name = p.name FROM res_partner p
                   WHERE p.id = j.siae_id AND j.siae_name IS DISTINCT FROM p.name""")
    return cr.rowcount


class HrJob(models.Model):
    """A job offer of a SIAE on the JobBoard INAÉ 2.0 is a core job position.

    An offer has an employer SIAE (``siae_id``); positions without one (INAÉ's own, Odoo's
    demo) keep the core behaviour and stay off the board and the feeds. ``pepites_state`` is
    the moderation life of the offer; an offer is on the board (``website_published``) only
    while published and not past its expiry date.
    """

    _name = "hr.job"
    _inherit = ["hr.job", "pepites.sql.guard", "pepites.workflow.mixin"]

    siae_id = fields.Many2one(
        "res.partner", string="Employer (SIAE)", index=True, ondelete="restrict",
        domain=[("is_siae", "=", True)], default=lambda self: self._default_siae_id(),
        track_visibility="onchange")
    siae_kind = fields.Selection(related="siae_id.siae_kind", store=True, readonly=True,
                                 string="SIAE kind")
    # the employer's name, stored: the lists and the board show it without reading the SIAE's
    # contact (Odoo reads the 70 columns of res.partner to name a many2one: at region scale
    # that made the back-office list of offers 4x the stock list; bench/bench_pages.py)
    siae_name = fields.Char(related="siae_id.name", store=True, readonly=True,
                            string="Employer (SIAE)")
    job_family_id = fields.Many2one("pepites.job.family", string="Job family", index=True,
                                    ondelete="restrict", track_visibility="onchange")
    rome_code = fields.Char(string="ROME code", size=5,
                            help="One letter and four digits, e.g. K1203 for a technical "
                                 "integration supervisor. Defaults to the job family's.")
    contract_type = fields.Selection(CONTRACT_TYPES, string="Contract type", index=True)
    weekly_hours = fields.Float(string="Weekly hours", digits=(4, 1))
    is_part_time = fields.Boolean(string="Part time", compute="_compute_is_part_time",
                                  store=True)
    salary_min = fields.Float(string="Monthly gross salary from (€)", digits=(10, 0))
    salary_max = fields.Float(string="Monthly gross salary up to (€)", digits=(10, 0))
    city = fields.Char(string="City")
    pepites_department_id = fields.Many2one(
        "pepites.department", string="Département", index=True, ondelete="restrict",
        help="Defaults to the SIAE's département.")
    date_start = fields.Date(string="Start date")
    date_published = fields.Date(string="Published on", readonly=True, copy=False, index=True,
                                 track_visibility="onchange")
    date_expire = fields.Date(string="Expires on", copy=False, index=True,
                              track_visibility="onchange",
                              help="Last day on the board. Left empty, the offer stays "
                                   "published for the default window when INAÉ publishes it.")
    profile = fields.Html(string="Profile sought", translate=html_translate)
    # the core default is Odoo's sample sales job; an offer starts empty
    website_description = fields.Html(default=False)
    description_text = fields.Text(
        string="Plain-text description", compute="_compute_description_text", store=True,
        help="The description without markup, as the feeds send it.")
    pepites_state = fields.Selection(
        OFFER_STATES, string="Offer status", default="draft", required=True, index=True,
        copy=False, track_visibility="onchange", group_expand="_expand_pepites_states")
    refusal_reason = fields.Text(string="Refusal reason", readonly=True, copy=False,
                                 track_visibility="onchange", groups=INTERNAL_OR_SIAE)
    view_count = fields.Integer(string="Page views", readonly=True, copy=False, default=0,
                                groups=INTERNAL_OR_SIAE)
    pepites_application_count = fields.Integer(
        string="Applications received", compute="_compute_pepites_application_count",
        store=True, groups=INTERNAL_OR_SIAE)
    feed_date = fields.Datetime(string="Updated in the feeds", readonly=True, copy=False,
                                default=fields.Datetime.now,
                                help="Last change that partners' feeds send again.")
    date_unpublished = fields.Datetime(
        string="Left the board on", readonly=True, copy=False, index=True,
        help="When the offer last stopped being public: the feeds list it as removed.")
    # the core fields about applications hold or reveal personal data
    application_ids = fields.One2many(groups=INTERNAL_OR_SIAE)
    application_count = fields.Integer(groups=INTERNAL_OR_SIAE)
    document_ids = fields.One2many(groups="base.group_user")
    documents_count = fields.Integer(groups="base.group_user")

    _sql_guard = [
        Range("pepites_weekly_hours_range", "weekly_hours", 0, 48,
              message="The weekly hours must be between 0 and 48."),
        Range("pepites_positions_positive", "no_of_recruitment", 0,
              message="The number of positions cannot be negative."),
        Range("pepites_salary_range", "salary_min", 0,
              message="The salary cannot be negative, and its lower bound cannot exceed its "
                      "upper bound."),
        Range("pepites_salary_range", "salary_max", 0),
        Ordered("pepites_salary_range", "salary_min", "salary_max", open_zero=True),
        Ordered("pepites_publication_window", "date_published", "date_expire",
                null_test=("date_expire", "date_published"),
                message="An offer cannot expire before it is published."),
    ]
    _sql_constraints = sql_constraints(_sql_guard)

    @api.model_cr
    def init(self):
        # the feeds walk the published offers in (feed_date, id) order
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS hr_job_pepites_feed_idx ON hr_job (feed_date, id) "
            "WHERE pepites_state = 'published'")
        # /jobs counts the offers on the board and pages them newest first, the KPI counts
        # them by département: read from this index alone rather than the whole table (its
        # rows carry the descriptions: 46 MB for 20,000 offers; the count went from 64 ms to
        # 10 ms; bench/bench_pages.py)
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS hr_job_pepites_board_idx ON hr_job "
            "(date_published DESC, id DESC, date_expire, pepites_department_id) WHERE "
            + BOARD_INDEX_PREDICATE)
        # the offers of SIAE published, by département (the KPI "Job offers published", the
        # offers' pivot): counted from this index alone (94 ms -> 23 ms at 20,000 offers)
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS hr_job_pepites_published_idx ON hr_job "
            "(pepites_department_id, id, date_published) "
            "WHERE siae_id IS NOT NULL AND date_published IS NOT NULL")

    # ------------------------------------------------------------------ defaults, computes

    @api.model
    def _default_siae_id(self):
        return self.env.user.pepites_siae_id

    @api.model
    def _expand_pepites_states(self, states, domain, order):
        return [key for key, _label in OFFER_STATES]

    @api.depends("weekly_hours")
    def _compute_is_part_time(self):
        for job in self:
            job.is_part_time = bool(job.weekly_hours) and job.weekly_hours < FULL_TIME_HOURS

    @api.depends("website_description")
    def _compute_description_text(self):
        for job in self:
            job.description_text = html_to_text(job.website_description)

    @api.depends("application_ids")
    def _compute_pepites_application_count(self):
        """Every application ever received (archived ones too), in one grouped query."""
        # a count, no personal data: read it whoever triggers the recomputation
        applicants_sudo = self.env["hr.applicant"].sudo().with_context(active_test=False)
        counts = applicants_sudo._pepites_count_by("job_id", self.ids)
        for job in self:
            job.pepites_application_count = counts.get(job.id, 0)

    @api.onchange("siae_id")
    def _onchange_siae_id(self):
        if self.siae_id:
            self.pepites_department_id = self.siae_id.department_id
            self.city = self.city or self.siae_id.city
            self.address_id = self.siae_id

    @api.onchange("job_family_id")
    def _onchange_job_family_id(self):
        if self.job_family_id.rome_code and not self.rome_code:
            self.rome_code = self.job_family_id.rome_code

    # ------------------------------------------------------------------ constraints

    @api.constrains("rome_code")
    def _check_rome_code(self):
        """:raises ValidationError: when the ROME code is not one letter and four digits."""
        check_rome_codes(self, _("The ROME code \"%s\" is invalid: one letter followed by four "
                                 "digits is expected (e.g. K1203)."))

    @api.constrains("date_published", "date_expire")
    def _check_publication_window(self):
        """:raises ValidationError: when the offer expires before it is published."""
        for job in self:
            if job.date_expire and job.date_published and job.date_expire < job.date_published:
                raise ValidationError(
                    _("The offer \"%s\" cannot expire before it is published.") % job.name)

    @api.constrains("siae_id")
    def _check_siae(self):
        """:raises ValidationError: when the employer is not a SIAE of the directory."""
        for job in self:
            if job.siae_id and not job.siae_id.is_siae:
                raise ValidationError(
                    _("The employer of the offer \"%s\" must be a SIAE of the directory.")
                    % job.name)

    @api.constrains("website_published", "pepites_state")
    def _check_website_published(self):
        """:raises ValidationError: when a SIAE offer would be on the website without being
        published by INAÉ."""
        for job in self:
            if job.siae_id and job.website_published and job.pepites_state != "published":
                raise ValidationError(
                    _("The offer \"%s\" can only be on the website once INAÉ has published it.")
                    % job.name)

    # ------------------------------------------------------------------ create / write

    def _is_siae_portal_user(self):
        user = self.env.user
        return user.share and user.has_group("pepites_partners.group_pepites_siae")

    def _writes_free_html(self):
        """INAÉ staff (and the superuser: data files, crons) write the offers' HTML with the
        field's own sanitiser: they moderate the board and may format a text in the back
        office's editor. Everyone else, i.e. SIAE users whatever path they write through (the
        portal form, XML-RPC, JSON-RPC, the website editor), gets offer_html's: a SIAE's text
        keeps its structure (paragraphs, lists, emphasis, links), never its looks."""
        return self.env.uid == SUPERUSER_ID \
            or self.env.user.has_group("pepites_partners.group_pepites_user")

    def _clean_offer_html_vals(self, vals):
        """``vals`` with the offer's HTML fields cleaned by :func:`clean_offer_html`, unless
        the writer may write free HTML (:meth:`_writes_free_html`)."""
        if not any(name in vals for name in OFFER_HTML_FIELDS) or self._writes_free_html():
            return vals
        vals = dict(vals)
        for name in OFFER_HTML_FIELDS:
            if name in vals:
                vals[name] = clean_offer_html(vals[name])
        return vals

    @api.model
    def _normalize_offer_vals(self, vals):
        """Tidy the ROME code; on a new offer, fill what follows from the SIAE and the job
        family (``self`` is empty when creating)."""
        if vals.get("rome_code"):
            rome_code = str(vals["rome_code"]).strip().upper()
            # checked here, before the field's size silently cuts a longer code to 5 characters
            if not ROME_CODE.match(rome_code):
                raise ValidationError(
                    _("The ROME code \"%s\" is invalid: one letter followed by four digits is "
                      "expected (e.g. K1203).") % rome_code[:20])
            vals["rome_code"] = rome_code
        if vals.get("siae_id") and not self:
            siae = self.env["res.partner"].browse(vals["siae_id"])
            # the SIAE's own address card: the SIAE user reads it, a stranger never gets here
            siae_sudo = siae.sudo()
            vals.setdefault("pepites_department_id", siae_sudo.department_id.id)
            vals.setdefault("address_id", siae_sudo.id)
            if not vals.get("city"):
                vals["city"] = siae_sudo.city
        # a new offer, or an offer whose ROME code is cleared, takes its job family's
        if vals.get("job_family_id") and not vals.get("rome_code") and (
                not self or "rome_code" in vals):
            family = self.env["pepites.job.family"].browse(vals["job_family_id"])
            vals["rome_code"] = family.rome_code or False
        return vals

    @api.model
    def create(self, vals):
        vals = dict(self._clean_offer_html_vals(vals))
        if self._is_siae_portal_user():
            self._check_siae_values(vals, creating=True)
            vals.setdefault("siae_id", self.env.user.pepites_siae_id.id)
            self._normalize_offer_vals(vals)
            vals.setdefault("feed_date", fields.Datetime.now())
            self.check_access_rights("create")
            # trust boundary: every job position carries a mail alias (mail.alias.mixin) that
            # portal users may not create. The values were checked just above: content fields
            # only, for the user's own SIAE; the record rule is checked on the result.
            job_sudo = super(HrJob, self.sudo()).create(vals)
            job = self.browse(job_sudo.id)
            job.check_access_rule("create")
            # the author follows their offer, to hear of its moderation by email
            job_sudo.message_subscribe(partner_ids=self.env.user.partner_id.ids)
            return job
        self._normalize_offer_vals(vals)
        vals.setdefault("feed_date", fields.Datetime.now())
        return super(HrJob, self).create(vals)

    @api.multi
    def write(self, vals):
        vals = self._clean_offer_html_vals(vals)
        if {"rome_code", "siae_id", "job_family_id"}.intersection(vals):
            vals = self._normalize_offer_vals(dict(vals))
        if self._is_siae_portal_user():
            self._check_siae_values(vals)
            self.check_access_rights("write")
            self.check_access_rule("write")
            # trust boundary: the title, description and profile are translatable, stored
            # through ir.translation that portal users cannot write. The values were checked
            # just above: content fields of the user's own draft or refused offers.
            return self.sudo()._write_offer(vals)
        return self._write_offer(vals)

    def _write_offer(self, vals):
        """Write without the portal whitelist (the action_* methods, after their own checks),
        keeping the feeds' bookkeeping: a change partners must see bumps ``feed_date``, and an
        offer that stops being public records when in ``date_unpublished``."""
        if not FEED_FIELDS.intersection(vals):
            return super(HrJob, self).write(vals)
        today = board_today()
        was_public = self.filtered(lambda job: job._is_public(today))
        vals = dict(vals, feed_date=fields.Datetime.now())
        result = super(HrJob, self).write(vals)
        left = was_public.filtered(lambda job: not job._is_public(today))
        if left and "date_unpublished" not in vals:
            super(HrJob, left).write({"date_unpublished": vals["feed_date"]})
        return result

    def _check_siae_values(self, vals, creating=False):
        """What a SIAE portal user writes: the offer's content, on their own SIAE's offers
        that INAÉ is not reviewing nor showing (draft or refused).

        :raises AccessError: on another field, another SIAE, or an offer in another state
        """
        allowed = SIAE_OFFER_FIELDS | {"siae_id"} if creating else SIAE_OFFER_FIELDS
        forbidden = set(vals) - allowed
        if forbidden:
            raise AccessError(_("You cannot change these fields of an offer: %s.")
                              % ", ".join(sorted(forbidden)))
        siae = self.env.user.pepites_siae_id
        if not siae:
            raise AccessError(_("Your account is not linked to a SIAE."))
        if creating and vals.get("siae_id", siae.id) != siae.id:
            raise AccessError(_("You can only create offers for your own SIAE."))
        for job in self:
            if job.siae_id != siae:
                raise AccessError(_("You can only change the offers of your own SIAE."))
            if job.pepites_state not in SIAE_EDITABLE_STATES:
                raise AccessError(
                    _("The offer \"%s\" is %s: only a draft or refused offer can be changed. "
                      "Put it back to draft first.")
                    % (job.name, dict(self._fields["pepites_state"]._description_selection(
                        self.env))[job.pepites_state].lower()))

    @api.multi
    def unlink(self):
        """Offers that were ever published stay, archived: partners' feeds must be able to
        report them removed.

        :raises AccessError: when the user may not delete these offers, checked first so
            that the business message never names an offer the user cannot read
        :raises UserError: on an offer that was published
        """
        self.check_access_rights("unlink")
        self.check_access_rule("unlink")
        for job in self:
            if job.siae_id and (job.date_published or job.pepites_state not in (
                    "draft", "submitted", "refused")):
                raise UserError(_("The offer \"%s\" has been published: archive it instead of "
                                  "deleting it.") % job.name)
        return super(HrJob, self).unlink()

    @api.multi
    def copy(self, default=None):
        default = dict(default or {}, pepites_state="draft", website_published=False)
        return super(HrJob, self).copy(default)

    # ------------------------------------------------------------------ visibility

    def _is_public(self, today=None):
        """Whether this offer is on the public board (and in the feeds) on ``today`` (by
        default now): the board rule, board_rule.ON_BOARD."""
        self.ensure_one()
        return board_rule.matches(board_rule.ON_BOARD, self, today or board_today())

    @api.model
    def _board_domain(self):
        """The offers on the public board now, as a domain: the board rule,
        board_rule.ON_BOARD (with an employer, published, on the website, not past their
        last day)."""
        return board_rule.domain(board_rule.ON_BOARD, board_today())

    def _can_be_seen_by(self, user):
        """Who reaches the page of an offer that is not public: INAÉ staff, and the SIAE that
        owns it (a preview)."""
        self.ensure_one()
        if self._is_public():
            return True
        if user.has_group("pepites_partners.group_pepites_user"):
            return True
        return bool(user.share and user.pepites_siae_id and user.pepites_siae_id == self.siae_id)

    @api.model
    def board_search(self, filters, page=1, step=20):
        """Search the public board, as the current user (the public one on the website).

        :param dict filters: ``department`` and ``job_family`` codes, ``contract_type``,
            ``siae_kind``, ``part_time`` ("1") and ``search`` (free text); unknown values
            are ignored
        :returns: dict with ``offers`` (the page) and ``count`` (all matches)
        """
        domain = self._board_domain()
        if filters.get("department"):
            domain.append(("pepites_department_id.code", "=", filters["department"]))
        if filters.get("job_family"):
            domain.append(("job_family_id.code", "=", filters["job_family"]))
        if filters.get("contract_type") in dict(CONTRACT_TYPES):
            domain.append(("contract_type", "=", filters["contract_type"]))
        kinds = dict(self._fields["siae_kind"]._description_selection(self.env))
        if filters.get("siae_kind") in kinds:
            domain.append(("siae_kind", "=", filters["siae_kind"]))
        if filters.get("part_time"):
            domain.append(("is_part_time", "=", True))
        text = (filters.get("search") or "").strip()[:100]
        if text:
            # SIAE names are public on the board, but visitors cannot search partners
            siae_sudo = self.env["res.partner"].sudo().search(
                [("is_siae", "=", True), ("name", "ilike", text)])
            domain += ["|", "|", "|", ("name", "ilike", text),
                       ("description_text", "ilike", text), ("city", "ilike", text),
                       ("siae_id", "in", siae_sudo.ids)]
        order, offset = "date_published desc, id desc", max(page - 1, 0) * step
        if text:
            # one query gives the count and the page: the search of the (translated) titles
            # reads every offer and every title's translation (Odoo 11's subquery), 180 ms at
            # 20,000 offers; run twice (count, page), it was most of a filtered /jobs
            ids = self.search(domain, order=order).ids
            return {"offers": self.browse(ids[offset:offset + step]), "count": len(ids)}
        count = self.search_count(domain)
        offers = self.search(domain, order=order, limit=step, offset=offset)
        return {"offers": offers, "count": count}

    @api.model
    def _feed_lang(self):
        """The language of the feeds' titles: the website's (French)."""
        website_sudo = self.env["website"].sudo().search([], limit=1, order="id")
        return website_sudo.default_lang_code or "fr_FR"

    @api.model
    def _feed_json(self, args):
        """The partners' JSON feed (``/jobs/feed.json``): one page, as the finished document.

        The feed reads the database directly, with the board rule in its SQL (feeds.py): what
        it returns is what the public board shows, whoever asks.

        :param dict args: the query string (see feeds.parse_params; ``format=jobposting`` for
            one schema.org JobPosting per offer, see feeds.parse_format)
        :returns: UTF-8 bytes
        :raises feeds.FeedError: on a malformed parameter, an unknown département or job family
        """
        query = self._feed_query(args)
        postings = None
        if feeds.parse_format(args) == "jobposting":
            postings = self._feed_postings
        return feeds.feed_document(self.env.cr, query, self._feed_base_url(), self._feed_lang(),
                                   postings=postings)

    @api.model
    def _feed_postings(self, offer_ids):
        """The JobPosting documents of a feed page's offers, in the page's order.

        Read as superuser: the ids are those the feed's SQL found on the public board (the
        board rule), and the employer's public profile (name, SIRET, web site, address) is
        what a visitor of the offer page sees in its JSON-LD."""
        offers_sudo = self.sudo().with_context(lang=self._feed_lang()).browse(offer_ids)
        return [offer._job_posting() for offer in offers_sudo]

    @api.model
    def _feed_rss(self, args, self_link):
        """The partners' RSS 2.0 feed (``/jobs/feed.rss``): one page, as the finished document.

        :param dict args: the query string (see feeds.parse_params)
        :param str self_link: the URL the feed was asked at (its ``atom:link rel="self"``)
        :returns: UTF-8 bytes
        :raises feeds.FeedError: on a malformed parameter, an unknown département or job family
        """
        query = self._feed_query(args)
        base_url, lang = self._feed_base_url(), self._feed_lang()
        channel = {
            "title": _("INAÉ JobBoard — job offers of the SIAE of Nouvelle-Aquitaine"),
            "link": "%s/jobs" % base_url,
            "description": _("Job offers for the permanent staff of work-integration "
                             "enterprises (SIAE), published by INAÉ."),
            "language": lang.replace("_", "-"),
        }
        return feeds.feed_document(self.env.cr, query, base_url, lang, channel=channel,
                                   self_link=self_link)

    @api.model
    def _feed_base_url(self):
        """The canonical public URL (pepites_partners): the feeds' links never follow the host
        name a request came with."""
        return self.env["ir.config_parameter"]._pepites_public_url()

    @api.model
    def _feed_query(self, args):
        """The validated request of a partners' feed.

        :param dict args: the query string
        :returns: feeds.FeedQuery
        :raises feeds.FeedError: on a malformed parameter, an unknown département or job family
        """
        query = feeds.parse_params(args)
        if query.department and not self.env["pepites.department"].search_count(
                [("code", "=", query.department)]):
            raise FeedError(_("Unknown département \"%s\"."), query.department)
        if query.job_family and not self.env["pepites.job.family"].search_count(
                [("code", "=", query.job_family)]):
            raise FeedError(_("Unknown job family \"%s\"."), query.job_family)
        return query

    def _count_view(self):
        """One more view of these offers' pages; a counter, not a change: no write_date, no
        feed update."""
        if self.ids:
            self.env.cr.execute(
                "UPDATE hr_job SET view_count = COALESCE(view_count, 0) + 1 WHERE id IN %s",
                (tuple(self.ids),))
            self.invalidate_cache(["view_count"], self.ids)

    def _jsonld(self):
        """The schema.org JobPosting of this offer, ready for a ``<script>`` element."""
        return script_json(self._job_posting())

    def _job_posting(self):
        """The schema.org JobPosting dict of this offer (jsonld.job_posting): the one document
        of both the offer page's JSON-LD and the feed's ``format=jobposting``.

        The place is the offer's town; its street and postal code are the SIAE's when the
        offer is in the SIAE's own town (an offer elsewhere keeps its town and région). The
        employer's ``sameAs`` is its public page on PEPITES (``/siae/<slug>``), then its web
        site when the SIAE chose to publish it. No person, e-mail or phone."""
        self.ensure_one()
        base_url = self.env["ir.config_parameter"]._pepites_public_url()
        siae = self.siae_id
        same_town = bool(self.city and siae.city) and \
            self.city.strip().casefold() == siae.city.strip().casefold()
        description = "".join(html for html in (self.website_description, self.profile)
                              if html and html_to_text(html))
        return job_posting({
            "id": self.id,
            "url": "%s/jobs/detail/%d" % (base_url.rstrip("/"), self.id),
            "title": self.name,
            "description": description or None,
            "date_posted": self.date_published,
            "valid_through": self.date_expire,
            "contract_type": self.contract_type,
            "weekly_hours": self.weekly_hours,
            "employer": siae.name,
            "siret": siae.siret,
            "employer_urls": self._employer_urls(base_url),
            "street": same_town and ", ".join(filter(None, (siae.street, siae.street2))),
            "city": self.city,
            "postal_code": same_town and siae.zip,
            "region": self.pepites_department_id.region,
            "rome_code": self.rome_code,
            "industry": self.job_family_id.name,
            "salary_min": self.salary_min,
            "salary_max": self.salary_max,
            "positions": self.no_of_recruitment,
            "start_date": self.date_start,
        })

    def _employer_urls(self, base_url):
        """The employer's addresses a JobPosting gives as ``sameAs``: the SIAE's public page
        (when it has one) on ``base_url`` and the web site it chose to publish (issue 18)."""
        siae = self.siae_id
        urls = [siae._pepites_public_page_url(base_url)] \
            if siae and siae._pepites_has_public_page() else []
        if siae.siae_public_website and (siae.website or "").startswith(("http://", "https://")):
            urls.append(siae.website)
        return urls

    # ------------------------------------------------------------------ moderation workflow

    def _check_moderator(self):
        """:raises AccessError: when the user is not INAÉ staff."""
        if not self.env.user.has_group("pepites_partners.group_pepites_user"):
            raise AccessError(_("Only INAÉ staff can moderate job offers."))

    def _check_manager_of(self):
        """INAÉ staff, or a user of the SIAE that owns every offer of ``self``.

        :raises AccessError: otherwise
        """
        if self.env.user.has_group("pepites_partners.group_pepites_user"):
            return
        siae = self.env.user.pepites_siae_id
        if not siae or any(job.siae_id != siae for job in self):
            raise AccessError(_("You can only manage the offers of your own SIAE."))

    _workflow_field = "pepites_state"
    _workflow_transitions = {
        "submit": (("draft", "refused"), "submitted"),
        "publish": (("draft", "submitted"), "published"),
        "refuse": (("submitted", "published"), "refused"),
        "mark_filled": (("published", "expired"), "filled"),
        "archive_offer": (("draft", "submitted", "published", "refused", "filled", "expired"),
                          "archived"),
        "reset_to_draft": (("submitted", "published", "refused", "filled", "expired",
                            "archived"), "draft"),
    }

    def _workflow_refusal(self, action, target):
        """An offer says what it cannot be: *« L'offre « X » ne peut pas être publiée : elle
        est pourvue. »*"""
        action_labels = {
            "submit": _("submitted"),
            "publish": _("published"),
            "refuse": _("refused"),
            "mark_filled": _("marked filled"),
            "archive_offer": _("archived"),
            "reset_to_draft": _("reset to draft"),
        }
        state_label = self._workflow_labels()[self.pepites_state]
        return _("The offer \"%s\" cannot be %s: it is %s.") % (
            self.name, action_labels[action], state_label.lower())

    def _workflow_write(self, values):
        return self._write_offer(values)

    def _check_complete(self):
        """:raises UserError: when an offer lacks what the board and the feeds show."""
        for job in self:
            missing = [name for name in REQUIRED_TO_PUBLISH if not job[name]]
            if job.website_description and not job.description_text:
                missing.append("website_description")
            if job.no_of_recruitment < 1:
                missing.append("no_of_recruitment")
            if missing:
                labels = [self._fields[name].get_description(self.env)["string"]
                          for name in missing]
                raise UserError(_("The offer \"%s\" is incomplete; fill in: %s.")
                                % (job.name, ", ".join(labels)))

    def _submit_values(self):
        self._check_complete()
        return {"refusal_reason": False}

    def _publish_values(self):
        """Hook: the values an offer gets when INAÉ publishes it.

        :raises UserError: when the offer is incomplete or expires in the past
        """
        self._check_complete()
        today = board_today()
        days = int(self.env["ir.config_parameter"].sudo().get_param(
            "pepites_jobs.publication_days", 60))
        date_expire = self.date_expire or fields.Date.to_string(
            today + datetime.timedelta(days=days))
        if date_expire < fields.Date.to_string(today):
            raise UserError(_("The offer \"%s\" expires in the past: change its expiry date "
                              "before publishing it.") % self.name)
        return {"website_published": True,
                "date_published": fields.Date.to_string(today), "date_expire": date_expire,
                "refusal_reason": False}

    def _refuse_values(self, reason=None):
        """:raises UserError: without a reason"""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(_("Give the reason of the refusal: the SIAE will read it."))
        return {"website_published": False, "refusal_reason": reason}

    def _leave_board_values(self):
        """Hook: an offer marked filled, archived or reset to draft leaves the board."""
        return {"website_published": False}

    _mark_filled_values = _archive_offer_values = _reset_to_draft_values = _leave_board_values

    action_submit = workflow_action(
        "submit", "The SIAE asks INAÉ to publish its offer (a refused one may come back).",
        check="_check_manager_of")
    action_publish = workflow_action(
        "publish", "INAÉ staff publish offers on the board and in the feeds.",
        check="_check_moderator")
    action_mark_filled = workflow_action(
        "mark_filled", "The position is filled: the offer leaves the board.",
        check="_check_manager_of")
    action_archive_offer = workflow_action(
        "archive_offer", "Withdraw an offer for good (it stays in the history and the "
        "indicators).", check="_check_manager_of")
    action_reset_to_draft = workflow_action(
        "reset_to_draft", "Back to draft, to change the offer (a published one leaves the "
        "board until INAÉ publishes it again).", check="_check_manager_of")

    def action_refuse(self, reason):
        """INAÉ staff refuse an offer under review, or take down a published one.

        :param str reason: told to the SIAE (tracked in the chatter)
        :raises UserError: without a reason
        """
        self._check_moderator()
        return self._workflow_run("refuse", reason=reason)

    def action_open_refuse_wizard(self):
        self._check_moderator()
        action = self.env.ref("pepites_jobs.hr_job_refuse_wizard_action").read()[0]
        action["context"] = {"default_job_ids": [(6, 0, self.ids)]}
        return action

    def action_view_applications(self):
        self.ensure_one()
        action = self.env.ref("pepites_jobs.hr_applicant_pepites_action").read()[0]
        action["domain"] = [("job_id", "=", self.id)]
        action["context"] = {"default_job_id": self.id, "active_test": False}
        return action

    @api.model
    def _cron_expire_offers(self):
        """Daily: published offers past their last day become expired. Each records as the
        moment it left the board the midnight after its last day (French time), so that the
        feeds report the same moment whenever the cron runs."""
        offers = self.search(board_rule.domain(board_rule.EXPIRED_BY_DATE, board_today()),
                             order="date_expire, id")
        for date_expire, group in itertools.groupby(offers, key=lambda job: job.date_expire):
            jobs = self.browse([job.id for job in group])
            jobs._write_offer({
                "pepites_state": "expired", "website_published": False,
                "date_unpublished": fields.Datetime.to_string(end_of_publication(date_expire)),
            })
        return offers

    @api.multi
    def _track_subtype(self, init_values):
        self.ensure_one()
        if "pepites_state" in init_values:
            subtype = {
                "submitted": "pepites_jobs.mt_offer_submitted",
                "published": "pepites_jobs.mt_offer_published",
                "refused": "pepites_jobs.mt_offer_refused",
            }.get(self.pepites_state)
            if subtype:
                return subtype
        return super(HrJob, self)._track_subtype(init_values)

    # ------------------------------------------------------------------ SIAE portal

    @api.model
    def _portal_form_values(self, form):
        """Values for create/write from the `/my/offers` form (strings), read by the form's
        one description (``portal_offer_form``).

        :raises UserError: on the first number, date or choice that cannot be read
        """
        today = fields.Date.to_string(board_today())
        values, errors = portal_offer_form.parse(
            form, dict(CONTRACT_TYPES), self._portal_form_record_exists, today)
        if errors:
            raise UserError(self._portal_form_message(errors[0]))
        return values

    @api.model
    def _portal_form_record_exists(self, model, record_id):
        return bool(self.env[model].browse(record_id).exists())

    @api.model
    def _portal_form_message(self, error):
        """The translated message of a ``portal_offer_form.FormError`` (its string arguments
        are labels, translated too). ``_`` is called here, where it finds the user's
        language."""
        labels = []
        for arg in error.message_args:
            labels.append(_(arg) if isinstance(arg, str) else arg)
        return _(error.message) % tuple(labels) if labels else _(error.message)

    @api.model
    def portal_create_offer(self, form, submit=False):
        """Create a draft offer of the user's SIAE from the `/my/offers` form, and with
        ``submit`` submit it for publication at once ("Save and submit": the caller runs both
        in one savepoint, so that a refused submission saves nothing either).

        :raises UserError: on a value of the form that cannot be read; with ``submit``, on an
            offer incomplete for publication
        """
        offer = self.create(self._portal_form_values(form))
        if submit:
            offer.action_submit()
        return offer

    def portal_update_offer(self, form, submit=False):
        """Apply the `/my/offers/<id>` form to this draft or refused offer, as the user, and
        with ``submit`` submit it for publication (see :meth:`portal_create_offer`)."""
        self.ensure_one()
        self.write(self._portal_form_values(form))
        if submit:
            self.action_submit()
        return True

    def _portal_can_edit(self):
        """Whether the SIAE may still change this offer (see :meth:`_check_siae_values`)."""
        self.ensure_one()
        return self.pepites_state in SIAE_EDITABLE_STATES

    def _count_visit_by(self, user):
        """Count a visit of this offer's page by ``user``: the board's visitors and partners
        count, INAÉ staff and the offer's own SIAE (previews, checks) do not."""
        self.ensure_one()
        if self._is_public() and not user.has_group("base.group_user") \
                and user.pepites_siae_id != self.siae_id:
            self._count_view()
