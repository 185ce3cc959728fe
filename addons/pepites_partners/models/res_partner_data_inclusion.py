import base64
import binascii
import json
import logging

import psycopg2

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError

from .. import data_inclusion_import as engine

_logger = logging.getLogger(__name__)

#: context key of the import's own writes: they are the file's values, not an edit by INAÉ
IMPORT_CONTEXT_KEY = "pepites_import_structures"

#: new SIAE created together (one INSERT, one savepoint) by the bulk path
BATCH_SIZE = 1000


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
        SIAE: a refused row writes nothing, the others are kept. The new SIAE are created by
        batches through ``_pepites_create_bulk`` (a few statements for a thousand rows); a
        batch that fails is split until each bad row is created alone, in its own savepoint,
        like the updates. Importing the same file twice changes nothing the second time.

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
        found = self.with_context(prefetch_fields=False).search([
            ("siret", "in", [row.siret for row in checked if row.siret]),
            ("is_company", "=", True)])
        # the fields the rows compare, read for all matched SIAE in one query (not every field
        # of the partners, nor one query per field)
        found.read(list(engine.IMPORTED_FIELDS) + ["is_siae", "pepites_edit_dates"],
                   load="_classic_write")
        existing = {partner.siret: partner for partner in found}
        labels = self.fields_get(list(engine.IMPORTED_FIELDS), ["string"])
        importer = self.with_context(**{
            IMPORT_CONTEXT_KEY: True, "tracking_disable": True, "mail_create_nolog": True,
            "mail_create_nosubscribe": True})
        plans = [self._pepites_import_plan(row, existing, departments) for row in checked]
        importer._pepites_import_create([plan for plan in plans
                                         if plan["vals"] and not plan["partner"]], labels)
        for plan in plans:
            if plan["vals"] and plan["partner"]:
                importer._pepites_import_save(plan, labels)
        lines = [plan["line"] for plan in plans]
        report = {"lines": lines}
        for status in ("created", "updated", "unchanged", "refused"):
            report[status] = sum(1 for line in lines if line["status"] == status)
        return report

    @api.model
    def _pepites_import_plan(self, row, existing, departments):
        """What to do with one checked row: ``{"line", "row", "partner", "vals"}``; a refused
        row has its reason in ``line`` and no ``vals``, a new SIAE no ``partner``."""
        line = {"line": row.number, "siret": row.siret or engine.text(row.values.get("siret")),
                "name": engine.text(row.values.get("nom"))[:150], "status": "refused",
                "reason": "", "partner_id": False}
        plan = {"line": line, "row": row, "partner": existing.get(row.siret), "vals": None}
        partner = plan["partner"]
        if row.errors:
            line["reason"] = " ".join(
                self._pepites_import_message(code, params) for code, params in row.errors)
        elif partner and not partner.is_siae:
            line["reason"] = self._pepites_import_message(
                "not_siae", {"siret": row.siret, "name": partner.name})
        elif not partner and not row.siae_kind:
            line["reason"] = self._pepites_import_message("kind", {})
        else:
            vals = engine.partner_values(row)
            vals["department_id"] = departments[row.department_code]
            if vals.get("website"):
                vals["website"] = self._clean_website(vals["website"])
            if not partner:
                vals.update(is_siae=True, is_company=True)
            plan["vals"] = vals
        return plan

    @api.model
    def _pepites_import_create(self, plans, labels):
        """Create the new SIAE of ``plans`` by batches of :data:`BATCH_SIZE` through the bulk
        path (:meth:`_pepites_import_create_batch`)."""
        for start in range(0, len(plans), BATCH_SIZE):
            self._pepites_import_create_batch(plans[start:start + BATCH_SIZE], labels)

    @api.model
    def _pepites_import_create_batch(self, plans, labels):
        """Create the new SIAE of ``plans`` in one savepoint through ``_pepites_create_bulk``.

        A batch that fails (a row a constraint refuses: the whole statement is undone) is
        split in two halves tried again the same way, down to single rows created by
        ``create`` in their own savepoint, each with its own verdict: a bad row among a
        thousand costs some twenty bulk attempts, not a thousand single creates. Values the
        bulk path does not take (``_pepites_bulk_create_refusal``) are created row by row.
        """
        if len(plans) == 1:
            self._pepites_import_save(plans[0], labels)
            return
        try:
            with self.env.cr.savepoint():
                partners = self._pepites_create_bulk([plan["vals"] for plan in plans])
        except ValueError as error:
            _logger.info("SIAE import: %d rows created one by one (%s)", len(plans), error)
            self.env.clear()
            for plan in plans:
                self._pepites_import_save(plan, labels)
            return
        except (UserError, ValidationError, AccessError, psycopg2.Error):
            self.env.clear()
            half = len(plans) // 2
            self._pepites_import_create_batch(plans[:half], labels)
            self._pepites_import_create_batch(plans[half:], labels)
            return
        for plan, partner in zip(plans, partners):
            plan["line"].update(status="created", partner_id=partner.id)

    @api.model
    def _pepites_import_save(self, plan, labels):
        """Create or update one row's SIAE, the write in its own savepoint (a refusal writes
        nothing); a row that changes nothing writes nothing."""
        line, partner, vals = plan["line"], plan["partner"], plan["vals"]
        reason = ""
        if partner:
            vals, reason = self._pepites_import_changes(partner, vals, plan["row"].date_maj,
                                                        labels)
            line.update(status="unchanged", reason=reason, partner_id=partner.id)
            if not vals:
                return
        try:
            with self.env.cr.savepoint():
                if partner:
                    partner.with_env(self.env).write(vals)  # the import's context: no edits
                    line.update(status="updated")
                else:
                    line.update(status="created", partner_id=self.create(vals).id)
        except (UserError, ValidationError, AccessError) as error:
            self.invalidate_cache()
            line.update(status="refused", reason=error.name, partner_id=False)

    @api.model
    def _pepites_import_changes(self, partner, vals, date_maj, labels):
        """``(values to write, reason)``: the file's values that differ from the SIAE's, minus
        those INAÉ edited on or after ``date_maj`` (named in the reason)."""
        reader = partner.with_context(prefetch_fields=False)
        edits = json.loads(reader.pepites_edit_dates or "{}")
        changed, kept = {}, []
        for field, value in vals.items():
            current = reader[field]
            current = current.id if field == "department_id" else (current or "")
            if current == value:
                continue
            if edits.get(field, "")[:10] >= date_maj:
                kept.append(labels[field]["string"])
            else:
                changed[field] = value
        reason = self._pepites_import_message(
            "kept", {"fields": ", ".join(sorted(kept))}) if kept else ""
        return changed, reason

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
