"""The one way a portal or website form refuses a write (issue 14).

Every PEPITES form — the SIAE profile (``/my/siae``), the offers (``/my/offers``), the signing
of a PMSMP convention, a counsellor's group registration, the application to an offer, the
registration to an event — writes through :class:`FormWrite`::

    with FormWrite() as attempt:
        offer.portal_update_offer(form)
    if attempt.error:
        return render_the_form_again(error=attempt.error, form=form)

The rule it keeps:

* **Refused, shown in the form.** A value the user typed or chose is wrong, the record's state
  forbids the action (``UserError``, ``ValidationError``, an SQL constraint's
  ``IntegrityError``), or the user may not do this to a record they can see (``AccessError``):
  the page is rendered again with the translated message and what was typed. Nothing of the
  write stays: it ran in a savepoint, rolled back, and the environment's caches and pending
  recomputations are forgotten (Odoo 11's ``savepoint()`` keeps them, Odoo 13's clears them),
  so the rest of the request, and the next one, run on a healthy cursor that sees the database
  as it was. Never ``cr.rollback()``: it would also throw away what the request did before.
* **Not found, 404.** A record the user may not see — another SIAE's offer or convention, an
  unknown id, an event closed to registration, an offer off the board — answers
  ``werkzeug.exceptions.NotFound`` *before* any write, exactly as an id that does not exist:
  a refusal message would tell that the record exists.

Other exceptions (programming errors) are not caught: they fail the request as before.
"""
from psycopg2 import IntegrityError

from odoo import _
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.http import request

#: what a form shows as a message instead of failing
REFUSALS = (UserError, ValidationError, AccessError)


def integrity_message(error):
    """The translated message of the SQL constraint an IntegrityError broke (as the RPC layer
    does), so that a form can say what is wrong instead of failing."""
    for key, message in request.env.registry._sql_error.items():
        if key in (error.pgerror or ""):
            return _(message)
    return _("The data you entered is not valid.")


class FormWrite(object):
    """Context manager running a form's write in a savepoint; see the module's docstring.

    :param str integrity_message: the (translated) message for a broken SQL constraint, when
        the form knows better than the constraint's own message
    :ivar error: after the block, the translated message of the refusal, or None
    """

    def __init__(self, integrity_message=None):
        self.integrity_message = integrity_message
        self.error = None
        self._savepoint = None

    def __enter__(self):
        self._savepoint = request.env.cr.savepoint()
        self._savepoint.__enter__()
        return self

    def __exit__(self, kind, error, traceback):
        # releases the savepoint, or rolls back to it on an exception (which it lets through)
        self._savepoint.__exit__(kind, error, traceback)
        if error is None:
            return False
        request.env.clear()
        if isinstance(error, REFUSALS):
            self.error = error.name
        elif isinstance(error, IntegrityError):
            self.error = self.integrity_message or integrity_message(error)
        return self.error is not None
