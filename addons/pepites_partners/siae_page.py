"""The address of a SIAE's public page (``/siae/<slug>``, issue 18): the one builder of the
link the page, the directory, the sitemap, the data·inclusion export (``lien_source``) and the
offers' JobPosting (``sameAs``) all give.

Plain Python: the slug is Odoo's (``name-id``, as ``/jobs/detail/<offer>``), built from the id
and the name, so that the export builds it from its query's row without a record.

>>> page_path(7, "Atelier Vert.")
'/siae/atelier-vert-7'
>>> page_path(8, "É")
'/siae/e-8'
>>> page_url("https://pepites.example/", 7, "Atelier Vert")
'https://pepites.example/siae/atelier-vert-7'
"""
from odoo.addons.http_routing.models.ir_http import slug

#: the directory of the SIAE; each SIAE's page is under it
DIRECTORY_PATH = "/siae"

#: each public contact of a SIAE -> the flag by which the SIAE chose to publish it: on its
#: public page and in the data·inclusion export, nowhere else by default (opt-in); a contact
#: the SIAE import reads from a public file is written with its flag on
PUBLIC_CONTACT_FLAGS = (
    ("phone", "siae_public_phone"),
    ("email", "siae_public_email"),
    ("website", "siae_public_website"),
)


def page_path(partner_id, name):
    """The path of the public page of the SIAE ``partner_id`` named ``name``."""
    return "%s/%s" % (DIRECTORY_PATH, slug((partner_id, name or "")))


def page_url(base_url, partner_id, name):
    """The absolute URL of that page on the public address ``base_url``."""
    return (base_url or "").rstrip("/") + page_path(partner_id, name)
