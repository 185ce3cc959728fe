import base64
import binascii
import json

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import data_inclusion_import as engine

#: context key of the import's own writes: they are the file's values, not an edit by INAÉ
IMPORT_CONTEXT_KEY = "pepites_import_structures"


class ResPartner(models.Model):
    """SIAE imported from data·inclusion ``structures`` files (issue 18), and the dates of
    INAÉ's own edits that such a file must never overwrite.

    How the import knows when INAÉ edited a field: ``pepites_edit_dates``, a JSON map
    ``{field: "YYYY-MM-DD HH:MM:SS"}`` (UTC) kept on the partner, stamped by every create and
    write of an organisation that sets one of the importable fields
    (:data:`engine.IMPORTED_FIELDS`) — by staff, by the SIAE on its portal, over XML-RPC —
    except the import's own writes. It is the simplest
    correct source: the audit trail logs values, not which fields were typed by a person, its
    entries are purged after a year and reading it back per field would cost a query per row.
    A field stamped on or after the file's ``date_maj`` is kept; a field never stamped (edited
    before this version, or only ever imported) takes the file's value.
    """

    _inherit = "res.partner"

    pepites_edit_dates = fields.Text(
        string="Dates of INAÉ's edits", readonly=True, copy=False,
        groups="pepites_partners.group_pepites_user",
        help="When each imported field was last edited in PEPITES (not by an import): a "
             "data·inclusion file older than the edit does not overwrite it.")

    @api.model
    def create(self, vals):
        partner = super(ResPartner, self).create(vals)
        partner._pepites_stamp_edits(vals)
        return partner

    @api.multi
    def write(self, vals):
        result = super(ResPartner, self).write(vals)
        self._pepites_stamp_edits(vals)
        return result

    @api.multi
    def _pepites_stamp_edits(self, vals):
        """Date the importable fields that ``vals`` sets, in one query for the recordset."""
        edited = sorted(set(vals) & set(engine.IMPORTED_FIELDS))
        # only an internal user's import may say "these are not edits": a portal user sets
        # the context of its own RPC calls
        imported = self.env.context.get(IMPORT_CONTEXT_KEY) and not self.env.user.share
        # the import matches organisations only: people's writes need no date
        companies = self.filtered("is_company") if edited and not imported else self.browse()
        if not companies:
            return
        now = fields.Datetime.now()
        self.env.cr.execute(
            "UPDATE res_partner SET pepites_edit_dates = "
            "(COALESCE(NULLIF(pepites_edit_dates, ''), '{}')::jsonb || %s::jsonb)::text "
            "WHERE id IN %s",
            (json.dumps({field: now for field in edited}), tuple(companies.ids)))
        self.invalidate_cache(["pepites_edit_dates"], companies.ids)

    @api.model
    def pepites_import_structures(self, content):
        """Import a data·inclusion ``structures`` file (JSON or CSV, UTF-8) — or an export of
        SIAE in the same columns — into the SIAE directory: the back-office wizard's and
        XML-RPC's one entry point (INAÉ staff only).

        Each row is matched on its SIRET with an active organisation; it creates or updates a
        SIAE, in its own savepoint: a refused row writes nothing, the others are kept. Importing
        the same file twice changes nothing the second time.

        :param content: the file, as bytes or (over XML-RPC) its base64 text
        :returns: ``{"lines": [{"line", "siret", "name", "status", "reason", "partner_id"}],
            "created": n, "updated": n, "unchanged": n, "refused": n}``; ``status`` is
            ``created``, ``updated``, ``unchanged`` or ``refused``, ``reason`` in the user's
            language
        :raises AccessError: for anyone but INAÉ staff
        :raises UserError: when the file itself cannot be read (encoding, format, columns)
        """
        if self.env.uid != SUPERUSER_ID \
                and not self.env.user.has_group("pepites_partners.group_pepites_user"):
            raise AccessError(_("Only INAÉ staff may import SIAE."))
        self = self.with_context(lang=self.env.context.get("lang") or self.env.user.lang)
        if isinstance(content, str):
            try:
                content = base64.b64decode(content, validate=True)
            except (binascii.Error, ValueError):
                raise UserError(_("The file must be sent encoded in base64."))
        try:
            rows = engine.read_structures(content or b"")
        except engine.FileError as error:
            raise UserError(self._pepites_import_message(error.code, error.params))
        departments = {dep.code: dep.id for dep in self.env["pepites.department"].search([])}
        checked = engine.check_rows(rows, departments)
        existing = {partner.siret: partner for partner in self.search([
            ("siret", "in", [row.siret for row in checked if row.siret]),
            ("is_company", "=", True)])}
        labels = self.fields_get(list(engine.IMPORTED_FIELDS), ["string"])
        lines = [self._pepites_import_row(row, existing, departments, labels) for row in checked]
        report = {"lines": lines}
        for status in ("created", "updated", "unchanged", "refused"):
            report[status] = sum(1 for line in lines if line["status"] == status)
        return report

    @api.model
    def _pepites_import_row(self, row, existing, departments, labels):
        """Create, update or refuse one checked row, in its own savepoint."""
        line = {"line": row.number, "siret": row.siret or engine.text(row.values.get("siret")),
                "name": engine.text(row.values.get("nom"))[:150], "status": "refused",
                "reason": "", "partner_id": False}
        if row.errors:
            line["reason"] = " ".join(
                self._pepites_import_message(code, params) for code, params in row.errors)
            return line
        partner = existing.get(row.siret)
        if partner and not partner.is_siae:
            line["reason"] = self._pepites_import_message(
                "not_siae", {"siret": row.siret, "name": partner.name})
            return line
        if not partner and not row.siae_kind:
            line["reason"] = self._pepites_import_message("kind", {})
            return line
        vals = engine.partner_values(row)
        vals["department_id"] = departments[row.department_code]
        if vals.get("website"):
            vals["website"] = self._clean_website(vals["website"])
        try:
            with self.env.cr.savepoint():
                line.update(self.with_context(**{
                    IMPORT_CONTEXT_KEY: True, "tracking_disable": True,
                    "mail_create_nolog": True, "mail_create_nosubscribe": True,
                })._pepites_import_write(partner, vals, row.date_maj, labels))
        except (UserError, ValidationError, AccessError) as error:
            self.invalidate_cache()
            line.update(status="refused", reason=error.name, partner_id=False)
        return line

    @api.model
    def _pepites_import_write(self, partner, vals, date_maj, labels):
        """The write of one row: ``{"status", "reason", "partner_id"}``."""
        if not partner:
            vals.update(is_siae=True, is_company=True)
            return {"status": "created", "partner_id": self.create(vals).id}
        partner = partner.with_env(self.env)  # the import's context: its writes are no edits
        edits = json.loads(partner.pepites_edit_dates or "{}")
        changed, kept = {}, []
        for field, value in vals.items():
            current = partner[field]
            current = current.id if field == "department_id" else (current or "")
            if current == value:
                continue
            if edits.get(field, "")[:10] >= date_maj:
                kept.append(labels[field]["string"])
            else:
                changed[field] = value
        reason = self._pepites_import_message(
            "kept", {"fields": ", ".join(sorted(kept))}) if kept else ""
        if not changed:
            return {"status": "unchanged", "reason": reason, "partner_id": partner.id}
        partner.write(changed)
        return {"status": "updated", "reason": reason, "partner_id": partner.id}

    @api.model
    def _pepites_import_message(self, code, params):
        """The translated sentence of an import error ``code`` (:mod:`data_inclusion_import`)."""
        if code == "encoding":
            return _("The file is not encoded in UTF-8 (unexpected byte at position %s): "
                     "save it as UTF-8 and import it again.") % params["position"]
        if code == "empty":
            return _("The file is empty.")
        if code == "json":
            return _("The file is not a JSON array of structures.")
        if code == "columns":
            return _("Required columns are missing from the file: %s.") % params["columns"]
        if code == "missing":
            return _("Required values are missing: %s.") % params["columns"]
        if code == "siret":
            return _("The SIRET \"%s\" is invalid: 14 digits whose check keys must be "
                     "right are expected.") % params["siret"]
        if code == "department":
            return _("Unknown département for the code \"%s\": the structure must be in a "
                     "département of PEPITES (Nouvelle-Aquitaine).") % params["code"]
        if code == "date_maj":
            return _("The date_maj \"%s\" is not a date (YYYY-MM-DD).") % params["value"]
        if code == "duplicate":
            return _("This SIRET is already on line %s of the file: only that line is "
                     "imported.") % params["line"]
        if code == "kind":
            return _("The SIAE kind is missing: reseaux_porteurs must hold aci, ai, ei, etti "
                     "or eiti.")
        if code == "not_siae":
            return _("The SIRET %s belongs to \"%s\", which is not a SIAE: nothing imported.") \
                % (params["siret"], params["name"])
        if code == "kept":
            return _("Kept the values INAÉ edited after the file's date_maj: %s.") \
                % params["fields"]
        raise ValueError(code)
