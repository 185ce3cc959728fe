from contextlib import contextmanager

from werkzeug.exceptions import NotFound

from odoo import _, http
from odoo.http import content_disposition, request

from odoo.addons.http_routing.models.ir_http import unslug
from odoo.addons.pepites_partners.controllers.form_write import FormWrite
from odoo.addons.website_event.controllers.main import WebsiteEventController

#: the fields of the registration form of a discovery event
REGISTRATION_FIELDS = ("name", "email", "phone", "in_career_change", "current_job",
                       "referred_by")


@contextmanager
def _registration_transaction():
    """Run the registration in a READ COMMITTED transaction of its own, committed at once:
    concurrent registrations wait for each other instead of failing.

    Odoo runs a request in REPEATABLE READ, with the snapshot of its first query, taken before
    the event row is locked: when another registration commits meanwhile (it updates the
    event's stored seat counters), locking the row raises a serialization failure, and Odoo
    retries the whole request 5 times at most. A crowd registering at once (tests/addons/
    pepites_load: 200 visitors, 4 workers) got HTTP 500 errors. In READ COMMITTED, locking the
    row waits for the other registration to commit, then each statement sees it: the seats are
    counted right, without serialization failures. The request wrote nothing before (dispatch,
    CSRF check and the controllers only read), so its transaction is rolled back first; the
    commit at the end frees the event row before the page is rendered.

    Tests serve requests one at a time on the test cursor, which must go on: nothing to do.
    """
    if request.registry.in_test_mode():
        yield
        return
    cr = request.env.cr
    cr.rollback()
    request.env.clear()
    cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
    yield
    cr.commit()


def register(event, people, registered_by=None, consent=None):
    """Register ``people`` (raw form dicts) to ``event`` through :class:`FormWrite`, in a
    transaction of its own (see :func:`_registration_transaction`). An address already
    registered gets the same answer as a new one (event.event._pepites_register_website): the
    page tells nobody who registered. Without ``consent`` (the notice's box) nothing is
    written.

    :returns: ``(outcomes, error)``: ``[{"name", "state"}]`` per person, or the translated
        error (about what was typed) and nothing written
    """
    outcomes = None
    with _registration_transaction(), FormWrite(integrity_message=_(
            "This person is already registered to this event.")) as attempt:
        attendees = request.env["event.event"]._pepites_website_attendees(
            people, registered_by=registered_by, consent=consent)
        # trust boundary: visitors and portal users have no right to create registrations;
        # the values were checked above and the event is public (it was found through the
        # website's record rules)
        event_sudo = event.sudo()
        outcomes = event_sudo._pepites_register_website(attendees, registered_by=registered_by)
    return outcomes, attempt.error


class PepitesEventController(WebsiteEventController):
    """Discovery events: registration with the person's situation and a waiting list."""

    def _event_page(self, event, **values):
        response = self.event_register(event)
        response.qcontext.update(values)
        return response

    @http.route(['/event/<model("event.event"):event>/pepites/register'], type="http",
                auth="public", methods=["POST"], website=True, sitemap=False)
    def pepites_register(self, event, **post):
        form = {key: post.get(key, "") for key in REGISTRATION_FIELDS}
        consent = post.get("pepites_consent")
        outcomes, error = register(event, [form], consent=consent)
        if error:
            return self._event_page(event, pepites_error=error, pepites_form=form,
                                    pepites_consent=consent)
        return request.render("pepites_jobs.event_registration_done", {
            "event": event, "outcomes": outcomes})

    @http.route()
    def registration_confirm(self, event, **post):
        """Core's registration modal: the same path as the event's form (an address already
        registered answered as a new one, full event → waiting list), an error re-renders the
        event page instead of failing."""
        # the notice's box is the form's, not an attendee's ("<counter>-<field>" names)
        consent = post.pop("pepites_consent", None)
        people = self._process_registration_details(post)
        outcomes, error = register(event, people, consent=consent)
        if error:
            return self._event_page(event, pepites_error=error, pepites_form={})
        return request.render("pepites_jobs.event_registration_done", {
            "event": event, "outcomes": outcomes})

    @http.route(["/event/<string:event_slug>/ics"], type="http", auth="public",
                website=True, sitemap=False)
    def pepites_ics(self, event_slug, **kwargs):
        """The calendar file of a published event (the same for everybody: no registrant in
        it). An unpublished or unknown event is not found, whoever asks (the event converter
        would answer 403 to visitors for an unpublished one: the slug is read here instead)."""
        event_id = unslug(event_slug)[1]
        published = request.env["event.event"].search(
            [("id", "=", event_id or 0), ("website_published", "=", True)])
        if not published:
            raise NotFound()
        filename, content = published._pepites_ics()
        return request.make_response(content, [
            ("Content-Type", "text/calendar; charset=utf-8"),
            ("Content-Disposition", content_disposition(filename))])
