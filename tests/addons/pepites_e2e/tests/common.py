"""Records the journeys stand on, created by the tests (the demo users ``siae1`` and ``staff``
are the people who act; everything they act on is made here)."""
import base64
import datetime

from odoo import fields

from odoo.addons.pepites_badges.openbadges_engine import images
from odoo.addons.pepites_jobs.feeds import board_today
from odoo.addons.pepites_partners.tests.common import make_siret

#: a one-page PDF, enough for the CV checks (recognised from its content)
PDF = (b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
       b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj\n"
       b"trailer << /Root 1 0 R >>\n%%EOF\n")


def day(offset=0):
    """A date string, ``offset`` days from today in France."""
    return fields.Date.to_string(board_today() + datetime.timedelta(days=offset))


def moment(days=0, hours=0):
    """A datetime string, ``days`` and ``hours`` from now."""
    return fields.Datetime.to_string(datetime.datetime.now().replace(microsecond=0)
                                     + datetime.timedelta(days=days, hours=hours))


def create_siae(env, name, department_xmlid, city):
    return env["res.partner"].create({
        "name": name, "is_company": True, "is_siae": True, "siae_kind": "aci",
        "siret": make_siret(), "department_id": env.ref(department_xmlid).id, "city": city,
        "email": "contact@%s.example.org" % name.lower().replace(" ", "-")})


def offer_values(env, siae, name, **extra):
    """Complete values of an ETI offer of ``siae`` (ready to submit and publish)."""
    values = {
        "name": name, "siae_id": siae.id,
        "job_family_id": env.ref("pepites_partners.job_family_eti").id,
        "contract_type": "cdi", "weekly_hours": 35, "city": siae.city,
        "pepites_department_id": siae.department_id.id, "no_of_recruitment": 1,
        "website_description": "<p>Encadrer une équipe de huit salariés en parcours sur un "
                               "chantier de maraîchage biologique.</p>",
    }
    values.update(extra)
    return values


def published_offer(env, siae, name, staff):
    """An offer of ``siae`` submitted and published by INAÉ ``staff`` (the workflow's path)."""
    offer = env["hr.job"].create(offer_values(env, siae, name))
    offer.sudo(staff).action_submit()
    offer.sudo(staff).action_publish()
    return offer


def badge_class(env, name):
    """A published, hosted badge of INAÉ for SIAE staff."""
    return env["pepites.badge.class"].create({
        "name": name, "audience": "staff",
        "issuer_id": env.ref("pepites_badges.pepites_badge_issuer_inae").id,
        "description": "Accueille et intègre un salarié en parcours dans l'équipe.",
        "criteria_narrative": "Bloc 1 du titre ETI validé.",
        "image": base64.b64encode(images.default_badge_image(name, "#16a085")),
        "state": "published"})


def issue(env, badge, partners, staff):
    """Issue ``badge`` to ``partners`` as INAÉ ``staff``; return the assertions."""
    ids = env["pepites.badge.class"].sudo(staff).issue_to(badge.ids, partners.ids)
    return env["pepites.badge.assertion"].browse(ids)
