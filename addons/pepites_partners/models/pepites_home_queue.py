import datetime
import time

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval


class PepitesHomeQueue(models.Model):
    """One queue of the staff's "Accueil PEPITES": the records waiting for INAÉ (offers to
    moderate, conventions to sign...), counted and opened as a filtered list.

    Each addon declares its queues in its data files (the model that owns the records, the
    action that lists them, the domain that picks those waiting); this model only counts and
    opens them. The count runs with the rights of the user looking at the home (record rules
    included): a queue whose model the user may not read counts nothing and is not shown.
    """

    _name = "pepites.home.queue"
    _description = "PEPITES home queue"
    _order = "sequence, id"

    name = fields.Char(required=True, translate=True)
    description = fields.Char(translate=True, help="What waits in this queue, and who acts.")
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    model_name = fields.Char(string="Model", required=True,
                             help="The technical name of the model counted, e.g. hr.job.")
    domain = fields.Char(
        required=True, default="[]",
        help="The records waiting, as a Python domain. It may use context_today() (a date), "
             "relativedelta, datetime, time, uid and user.")
    action_id = fields.Many2one("ir.actions.act_window", string="List action", required=True,
                                ondelete="cascade",
                                help="The window action opened, filtered on the queue.")
    color = fields.Integer(help="The colour of the queue's card (0 to 11, as in any kanban).")
    count = fields.Integer(compute="_compute_count", string="Waiting")
    visible = fields.Boolean(compute="_compute_count", search="_search_visible",
                             help="Whether the current user may read the queue's model.")

    @api.constrains("model_name", "domain")
    def _check_domain(self):
        """:raises ValidationError: when the model does not exist or the domain does not
        evaluate to a list (a typo in a data file would hide the queue silently)."""
        for queue in self:
            if queue.model_name not in self.env:
                raise ValidationError(_("Unknown model: %s") % queue.model_name)
            try:
                domain = queue._eval_domain()
            except Exception as error:  # safe_eval raises ValueError on any failure
                raise ValidationError(_("The domain of the queue \"%s\" is invalid: %s")
                                      % (queue.name, error))
            if not isinstance(domain, list):
                raise ValidationError(_("The domain of the queue \"%s\" is not a list.")
                                      % queue.name)

    def _eval_context(self):
        today = fields.Date.context_today(self)
        return {
            "context_today": lambda: fields.Date.from_string(today),
            "relativedelta": relativedelta,
            "datetime": datetime,
            "time": time,
            "uid": self.env.uid,
            "user": self.env.user,
        }

    @api.multi
    def _eval_domain(self):
        """The queue's domain as a list, dates written as strings (it is sent to the web
        client as the list's domain, so it must be JSON)."""
        self.ensure_one()
        return safe_eval(self.domain or "[]", self._eval_context())

    @api.multi
    def _compute_count(self):
        """One ``search_count`` per queue, with the current user's rights: what they would
        see when opening the list."""
        for queue in self:
            model = self.env.get(queue.model_name) if queue.model_name else None
            readable = model is not None and model.check_access_rights(
                "read", raise_exception=False)
            queue.visible = bool(readable)
            queue.count = model.search_count(queue._eval_domain()) if readable else 0

    def _search_visible(self, operator, value):
        """The queues whose model the current user may read (the home shows only those)."""
        # the queues' configuration is no secret (a model name per queue): read as superuser
        # so that the search below is not itself a search on ``visible``
        queues_sudo = self.sudo().with_context(active_test=False).search([])
        names = set(queues_sudo.mapped("model_name"))
        readable = [name for name in names if name in self.env
                    and self.env[name].check_access_rights("read", raise_exception=False)]
        positive = (operator == "=") == bool(value)
        return [("model_name", "in" if positive else "not in", readable)]

    @api.multi
    def action_open(self):
        """The queue's list: its window action, filtered on the queue's domain, titled with
        the queue's name (the action's default filters dropped: the queue is the filter)."""
        self.ensure_one()
        action = self.action_id.read()[0]
        try:
            context = safe_eval(action.get("context") or "{}", self._eval_context())
        except Exception:  # a context using the client's variables (active_id...): not here
            context = {}
        if not isinstance(context, dict):
            context = {}
        action.update({
            "name": self.name,
            "display_name": self.name,
            "domain": self._eval_domain(),
            "context": {key: value for key, value in context.items()
                        if not key.startswith("search_default_")},
            "target": "current",
        })
        return action
