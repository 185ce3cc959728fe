from odoo import api, models


class PepitesCodedMixin(models.AbstractModel):
    """A record people call by a short code as often as by its name (département 33,
    certification ETAIE, block ETAIE-B2): shown as its code then its name, and found by the
    start of its code or by its name.

    The rule lives here once; a model says in class attributes which field holds the code and
    what stands between code and name (each model keeps the display its users know)::

        _inherit = ["pepites.coded.mixin"]
        _code_field = "code"
        _code_separator = " — "

    The name is the model's ``_rec_name``. ``name_search`` goes through ``search``: record
    rules apply, nobody finds by code a record they may not read.
    """

    _name = "pepites.coded.mixin"
    _description = "Record known by a code and a name"

    #: the field holding the code: shown first, searched by its start (any case)
    _code_field = "code"
    #: what stands between the code and the name in the display name
    _code_separator = " "

    @api.multi
    def name_get(self):
        separator = self._code_separator
        return [(record.id, "%s%s%s" % (record[self._code_field], separator,
                                        record[self._rec_name]))
                for record in self]

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        args = list(args or [])
        if name:
            args = ["|", (self._code_field, "=ilike", name + "%"),
                    (self._rec_name, operator, name)] + args
        return self.search(args, limit=limit).name_get()
