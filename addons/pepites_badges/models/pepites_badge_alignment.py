from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

#: the framework an alignment to a competence block names (France compétences' directory)
RNCP_FRAMEWORK = "RNCP"


class PepitesBadgeAlignment(models.Model):
    """What a badge class is aligned to (Open Badges ``AlignmentObject``).

    Most often a competence block of a title (ETI, ETAIE): the alignment then links the block
    (``block_id``) and its Open Badges fields are the block's — its name, its RNCP block code,
    the France compétences page of its title, framework "RNCP" — so that the badge follows the
    block's reference data and a VAE jury's validation of the block finds the badge. Other
    frameworks (a ROME code, a hybrid job's frame of reference) stay free text."""

    _name = "pepites.badge.alignment"
    _description = "Badge alignment"
    _order = "badge_class_id, sequence, id"

    badge_class_id = fields.Many2one("pepites.badge.class", string="Badge class", required=True,
                                     ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    block_id = fields.Many2one("pepites.competence.block", string="Competence block",
                               ondelete="restrict", index=True,
                               help="The competence block the badge certifies: name, RNCP "
                                    "block code and page come from the block.")
    target_name = fields.Char(string="Target name",
                              help="E.g. the name of the competence block.")
    target_url = fields.Char(string="Target URL",
                             help="Public page describing the target (e.g. the RNCP sheet).")
    target_code = fields.Char(string="Target code", help="E.g. RNCP37274BC01 or a ROME code.")
    target_framework = fields.Char(string="Framework", help="E.g. RNCP, ROME.")
    target_description = fields.Text(string="Target description")

    @api.model
    def _block_values(self, block):
        """The Open Badges fields of an alignment to ``block`` (stored on the alignment too, so
        that the lists show them). A title without an RNCP page keeps the page typed on the
        alignment."""
        values = {"target_name": block.name, "target_code": block.rncp_code or block.code,
                  "target_framework": RNCP_FRAMEWORK if block.rncp_code else
                  block.certification_id.name,
                  "target_description": block.description or False}
        if block.rncp_url:
            values["target_url"] = block.rncp_url
        return values

    @api.model
    def create(self, vals):
        if vals.get("block_id"):
            block = self.env["pepites.competence.block"].browse(vals["block_id"])
            vals = dict(vals, **self._block_values(block))
        return super(PepitesBadgeAlignment, self).create(vals)

    def write(self, vals):
        if vals.get("block_id"):
            block = self.env["pepites.competence.block"].browse(vals["block_id"])
            vals = dict(vals, **self._block_values(block))
        return super(PepitesBadgeAlignment, self).write(vals)

    @api.onchange("block_id")
    def _onchange_block_id(self):
        if self.block_id:
            self.update(self._block_values(self.block_id))

    @api.constrains("badge_class_id", "block_id", "target_name", "target_url")
    def _check_target(self):
        """:raises ValidationError: on an alignment with neither a block nor a target (a name
        and an http(s) page)."""
        for alignment in self:
            if alignment.block_id and not alignment.target_url:
                raise ValidationError(_("The title of the block %s has no RNCP page: give the "
                                        "page of the alignment.")
                                      % alignment.block_id.display_name)
            if alignment.block_id:
                continue
            if not alignment.target_name or not alignment.target_url:
                raise ValidationError(_("Align the badge \"%s\" to a competence block, or give "
                                        "the target's name and page.")
                                      % alignment.badge_class_id.name)
            if not alignment.target_url.startswith(("http://", "https://")):
                raise ValidationError(_("The page of the alignment \"%s\" must start with "
                                        "https://.") % alignment.target_name)

    def _sync_blocks(self):
        """Copy the blocks' current values onto their alignments (after INAÉ edits a block)."""
        for alignment in self.filtered("block_id"):
            values = self._block_values(alignment.block_id)
            if any(alignment[name] != value for name, value in values.items()):
                super(PepitesBadgeAlignment, alignment).write(values)
        return True

    def _ob_json(self):
        """The ``AlignmentObject`` list: a block's from the block itself (its reference data of
        today), the others' from their free text."""
        from ..openbadges_engine import jsonld
        documents = []
        for a in self:
            values = self._block_values(a.block_id) if a.block_id else {
                "target_name": a.target_name, "target_url": a.target_url,
                "target_code": a.target_code, "target_framework": a.target_framework,
                "target_description": a.target_description}
            documents.append(jsonld.alignment(
                values["target_name"], values.get("target_url") or a.target_url,
                values["target_code"], values["target_framework"],
                values["target_description"]))
        return documents

    @api.model
    def _link_blocks(self):
        """Link the free-text alignments whose code is a competence block's (its RNCP block code
        or its own code) to that block (upgrade to 11.0.1.3.0; the demo's were ``ETI-CCP1``…).

        :return: how many alignments were linked
        """
        Block = self.env["pepites.competence.block"]
        linked = 0
        for alignment in self.search([("block_id", "=", False), ("target_code", "!=", False)]):
            code = alignment.target_code.strip()
            block = Block.search([("rncp_code", "=", code)], limit=1) \
                or Block.search([("code", "=", code)], limit=1)
            if block:
                alignment.block_id = block
                linked += 1
        return linked
