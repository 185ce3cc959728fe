from odoo import _, models
from odoo.exceptions import UserError


def workflow_action(action, doc=None, check=None):
    """The ``action_*`` method of a transition that takes no parameter (a button)::

        action_start = workflow_action("start", "The contract is running.")

    :param str action: a key of the model's ``_workflow_transitions``
    :param str doc: the method's docstring (what the transition means to users)
    :param str check: the name of a method called first, e.g. an access check
        (``"_check_moderator"``), before the state is even looked at
    """
    def method(self):
        if check:
            getattr(self, check)()
        return self._workflow_run(action)
    method.__name__ = "action_%s" % action
    method.__doc__ = doc or "Run the transition ``%s`` (pepites.workflow.mixin)." % action
    return method


class PepitesWorkflowMixin(models.AbstractModel):
    """The state machine of a PEPITES record (offer, orientation, PMSMP, POEI, alternance, VAE,
    AFEST, session).

    A model declares its transitions once, as a table::

        _workflow_transitions = {
            # action: (states it may start from, state it leads to)
            "sign": (("prospect",), "signed"),
            "abandon": (("prospect", "signed"), "abandoned"),
        }

    and its ``action_*`` methods call :meth:`_workflow_run` (those without parameters are made
    by :func:`workflow_action`). One guard (:meth:`_workflow_check`) refuses a transition from
    any other state, before anything is written, with the model's own labels (*« X ne peut
    pas passer de « A » à « B ». »*). The
    values a transition writes besides the state come from overridable hooks, in the way of
    OCA's ``hr_course`` (``_draft2waiting_values``): ``_<action>_values`` and, more specific,
    ``_<from>_to_<to>_values`` (e.g. ``_prospect_to_signed_values``); both receive the keyword
    arguments given to :meth:`_workflow_run` and may raise a ``UserError`` to refuse.

    A transition whose target is ``None`` leaves the state to its hooks (a PMSMP convention is
    signed only when its last signatory signs).
    """

    _name = "pepites.workflow.mixin"
    _description = "PEPITES workflow (state machine)"

    #: the Selection field holding the state
    _workflow_field = "state"
    #: ``{action: (tuple of states it may start from, state it leads to or None)}``
    _workflow_transitions = {}

    def _workflow_labels(self):
        """The translated labels of the states, as the user sees them."""
        field = self._fields[self._workflow_field]
        return dict(field._description_selection(self.env))

    def _workflow_refusal_message(self):
        """Hook: the message of a refused transition, with three ``%s``: the record's name,
        the state it is in and the state it was asked to reach."""
        return _("%s cannot go from \"%s\" to \"%s\".")

    def _workflow_refusal(self, action, target):
        """The message telling why this record cannot do ``action`` (override for a model's
        own wording)."""
        self.ensure_one()
        labels = self._workflow_labels()
        return self._workflow_refusal_message() % (
            self[self._rec_name], labels[self[self._workflow_field]], labels.get(target, target))

    def _workflow_require(self, field_names, message):
        """For a value hook: what a transition needs filled in first.

        :param field_names: fields of this record that must not be empty
        :param str message: translated, with one ``%s`` for the record's name
        :raises UserError: when one of them is empty
        """
        self.ensure_one()
        if not all(self[name] for name in field_names):
            raise UserError(message % self[self._rec_name])

    def _workflow_check(self, action):
        """The one guard of every transition.

        :param str action: a key of ``_workflow_transitions``
        :raises UserError: when a record of ``self`` is not in a state ``action`` starts from;
            the message names the first such record
        """
        sources, target = self._workflow_transitions[action]
        for record in self:
            if record[self._workflow_field] not in sources:
                raise UserError(record._workflow_refusal(action, target))

    def _workflow_values(self, action, **params):
        """The values ``action`` writes on this record: its target state, then what the hooks
        ``_<action>_values`` and ``_<from>_to_<to>_values`` add (or override).

        :param params: passed to the hooks
        """
        self.ensure_one()
        target = self._workflow_transitions[action][1]
        values = {self._workflow_field: target} if target else {}
        hooks = ["_%s_values" % action]
        if target:
            hooks.append("_%s_to_%s_values" % (self[self._workflow_field], target))
        for hook in hooks:
            method = getattr(self, hook, None)
            if method is not None:
                values.update(method(**params))
        return values

    def _workflow_write(self, values):
        """Hook: how a transition writes (a model with its own write path overrides it)."""
        return self.write(values)

    def _workflow_run(self, action, **params):
        """Check, then run ``action`` on every record of ``self``.

        Every record's values are computed before the first write: a transition refused for
        one record (by the guard or by a hook) writes nothing on any of them.

        :param str action: a key of ``_workflow_transitions``
        :param params: passed to the value hooks
        :raises UserError: from the guard or a hook
        """
        self._workflow_check(action)
        planned = [(record, record._workflow_values(action, **params)) for record in self]
        for record, values in planned:
            record._workflow_write(values)
        return True
