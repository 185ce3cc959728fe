from odoo import api, fields, models

from .. import siae_page
from ..siae_page import PUBLIC_CONTACT_FLAGS

#: the only fields of a SIAE its public page and the directory read (as superuser: visitors
#: cannot read partners); the contacts are dropped below unless their flag is on
PUBLIC_PAGE_FIELDS = ["name", "siae_kind", "city", "zip", "department_id", "siae_presentation",
                      "sector_ids"] + [name for name, _flag in PUBLIC_CONTACT_FLAGS] \
    + [flag for _name, flag in PUBLIC_CONTACT_FLAGS]


class ResPartner(models.Model):
    """The public page of a SIAE (``/siae/<slug>``) and the SIAE's choice of the contacts it
    publishes there and in the data·inclusion export (issue 18).

    Which partners have a page: the active, non-private SIAE organisations of the directory —
    the same rule as the export's query (``data_inclusion/export.py`` ``SIAE_QUERY``). Anything
    else (a person, a counsellor, INAÉ's company, an archived or private SIAE) has none: 404.
    """

    _inherit = "res.partner"

    siae_public_phone = fields.Boolean(
        string="Public phone",
        help="The SIAE publishes its phone number on its public page and in the open data "
             "(data·inclusion).")
    siae_public_email = fields.Boolean(
        string="Public email",
        help="The SIAE publishes its e-mail address on its public page and in the open data "
             "(data·inclusion).")
    siae_public_website = fields.Boolean(
        string="Public website",
        help="The SIAE publishes its website on its public page, in the open data "
             "(data·inclusion) and in its job offers' structured data.")

    @api.model
    def _pepites_public_siae_domain(self):
        """The SIAE that have a public page: active (the default of ``search``), organisations,
        SIAE, not ``private`` (the SQL form: the export's ``SIAE_QUERY``)."""
        return [("is_siae", "=", True), ("is_company", "=", True), ("type", "!=", "private")]

    @api.multi
    def _pepites_has_public_page(self):
        """Whether this partner is a SIAE with a public page (one record): the rule of
        :meth:`_pepites_public_siae_domain`, read from the record's own fields (no query of
        its own when a page of offers asks it for each employer)."""
        self.ensure_one()
        partner = self.sudo()
        return bool(partner.id and partner.active and partner.is_siae and partner.is_company
                    and partner.type != "private")

    @api.multi
    def _pepites_public_page_url(self, base_url=None):
        """The absolute URL of this SIAE's public page (:mod:`..siae_page`), on PEPITES' public
        address (``base_url`` when the caller already has it)."""
        self.ensure_one()
        base_url = base_url or self.env["ir.config_parameter"].sudo()._pepites_public_url()
        return siae_page.page_url(base_url, self.id, self.sudo().name)

    @api.model
    def _pepites_siae_directory(self, department=None, kind=None, offset=0, limit=20):
        """One page of the public directory: ``(count, cards)``, the SIAE in name order.

        Called on a superuser recordset by the ``/siae`` route (visitors cannot read
        partners); only :data:`PUBLIC_PAGE_FIELDS` are read.

        :param str department: a département's code, or None for all
        :param str kind: a SIAE kind (``aci``…), or None for all
        """
        domain = self._pepites_public_siae_domain()
        if department:
            domain.append(("department_id.code", "=", department))
        if kind:
            domain.append(("siae_kind", "=", kind))
        count = self.search_count(domain)
        siaes = self.search(domain, order="name, id", offset=offset, limit=limit)
        return count, siaes._pepites_public_cards()

    @api.model
    def _pepites_siae_public_page(self, partner_id):
        """The card of the SIAE ``partner_id`` (:meth:`_pepites_public_cards`), or None when it
        has no public page. Called on a superuser recordset by the ``/siae/<slug>`` route."""
        siae = self.search([("id", "=", partner_id)] + self._pepites_public_siae_domain())
        return siae._pepites_public_cards()[0] if siae else None

    @api.multi
    def _pepites_public_cards(self):
        """What the public may know of these SIAE, as plain dicts (the templates never get a
        record): ``id``, ``name``, ``path``, ``kind`` (its label), ``city``, ``zip``,
        ``department`` (``code - name``), ``department_code``, ``presentation``, ``sectors``
        (names) and the ``phone``, ``email`` and ``website`` the SIAE chose to publish (else
        False)."""
        rows = self.read(PUBLIC_PAGE_FIELDS)
        kinds = dict(self._fields["siae_kind"]._description_selection(self.env))
        departments = {dep.id: dep for dep in self.env["pepites.department"].browse(
            {row["department_id"][0] for row in rows if row["department_id"]})}
        sectors = {sector["id"]: sector["name"] for sector in self.env["pepites.sector"].browse(
            {sector_id for row in rows for sector_id in row["sector_ids"]}).read(["name"])}
        cards = []
        for row in rows:
            department = departments.get(row["department_id"] and row["department_id"][0])
            card = {
                "id": row["id"], "name": row["name"],
                "path": siae_page.page_path(row["id"], row["name"]),
                "kind": kinds.get(row["siae_kind"], ""), "city": row["city"] or "",
                "zip": row["zip"] or "",
                "department": department and "%s - %s" % (department.code, department.name),
                "department_code": department and department.code,
                "presentation": row["siae_presentation"] or "",
                "sectors": [sectors[sector_id] for sector_id in row["sector_ids"]
                            if sector_id in sectors],
            }
            for name, flag in PUBLIC_CONTACT_FLAGS:
                card[name] = row[flag] and row[name] or False
            if not (card["website"] or "").startswith(("http://", "https://")):
                card["website"] = False  # a link that would not open a web page
            cards.append(card)
        return cards

    @api.model
    def _pepites_public_siae_paths(self):
        """The paths of every SIAE page, for the sitemap (superuser recordset)."""
        return [siae_page.page_path(row["id"], row["name"])
                for row in self.search_read(self._pepites_public_siae_domain(), ["name"],
                                            order="name, id")]
