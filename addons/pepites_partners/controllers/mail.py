"""The ``/mail/*`` routes that take ids, closed to what the caller may not read (issue 12, item 2).

Core Odoo 11 checks these routes against the wrong thing: ``/mail/read_followers`` checks the
records of the model the *caller names* (not the followers' own records) and then returns the
names and e-mails of any followers; ``/website_mail/follow`` and the avatar route check record
rules without the access rights, and the follow route subscribes (as superuser) any address to
any record. Here outsiders (public, portal and partner-API users) get nothing from the follower
routes and follow only records they may write, like ``message_subscribe``
(``models/mail_thread.py``); internal users get the followers of records they may read only.
"""
from werkzeug.exceptions import Forbidden, NotFound

from odoo import _, http
from odoo.exceptions import AccessError
from odoo.http import request

from odoo.addons.mail.controllers.main import MailController
from odoo.addons.portal.controllers.mail import PortalChatter
from odoo.addons.website_mail.controllers.main import WebsiteMail

from ..models.mail_thread import has_access


def _is_outsider():
    """True for public, portal and partner-API users (see ``outsiders.py``)."""
    return request.env["ir.model.access"]._pepites_outsider_role(request.env.uid) is not None


def _may_read(records):
    """True when the current user may read every record of ``records`` (rights and rules)."""
    return has_access(records, "read")


def _thread_record(res_model, res_id):
    """The ``mail.thread`` record ``res_model``/``res_id`` as the current user.

    :raises NotFound: for a model that is not a mail thread or an id that is not a number.
    """
    if not isinstance(res_model, str) or res_model not in request.env \
            or not hasattr(request.env[res_model], "message_subscribe"):
        raise NotFound()
    try:
        return request.env[res_model].browse(int(res_id))
    except (TypeError, ValueError):
        raise NotFound()


def _outsider_may_not_follow(res_model, res_id):
    """True when the caller is an outsider and the record does not exist or is not theirs to
    follow or leave (see ``mail.thread._pepites_outsider_may_follow``)."""
    if not _is_outsider():
        return False
    record = _thread_record(res_model, res_id).exists()
    return not record or not record._pepites_outsider_may_follow()


class PepitesMailController(MailController):

    @http.route()
    def read_followers(self, follower_ids, res_model):
        """The followers of records the caller may read, only those of ``res_model``;
        outsiders get none."""
        if _is_outsider():
            return {"followers": [], "subtypes": None}
        if not isinstance(res_model, str) or res_model not in request.env:
            raise NotFound()
        try:
            followers_sudo = request.env["mail.followers"].sudo().browse(
                [int(follower_id) for follower_id in follower_ids]).exists()
        except (TypeError, ValueError):
            raise NotFound()
        # sudo to read which records the followers follow; they are returned only when the
        # caller may read those records
        followers_sudo = followers_sudo.filtered(lambda f: f.res_model == res_model)
        records = request.env[res_model].browse(set(followers_sudo.mapped("res_id")))
        if not _may_read(records):
            raise AccessError(_("You may not see the followers of these records."))
        return super(PepitesMailController, self).read_followers(followers_sudo.ids, res_model)

    @http.route()
    def read_subscription_data(self, res_model, follower_id):
        """The subtypes the caller follows; outsiders get none."""
        if _is_outsider():
            return []
        return super(PepitesMailController, self).read_subscription_data(res_model, follower_id)

    @http.route()
    def mail_action_follow(self, model, res_id, token=None):
        """The follow link of a notification: outsiders follow only records they may write."""
        if _outsider_may_not_follow(model, res_id):
            return self._redirect_to_messaging()
        return super(PepitesMailController, self).mail_action_follow(model, res_id, token=token)

    @http.route()
    def mail_action_unfollow(self, model, res_id, token=None):
        """The unfollow link of a notification: like ``message_unsubscribe``, outsiders only
        leave records they may write."""
        if _outsider_may_not_follow(model, res_id):
            return self._redirect_to_messaging()
        return super(PepitesMailController, self).mail_action_unfollow(model, res_id, token=token)

    @http.route()
    def avatar(self, res_model, res_id, partner_id):
        """The avatar of a message's author, only on a record the caller may read (core checks
        the record rules without the access rights): a blank pixel otherwise."""
        if res_model in request.env and not request.env[res_model].check_access_rights(
                "read", raise_exception=False):
            res_model = "pepites.no.such.model"  # core then answers the blank pixel
        return super(PepitesMailController, self).avatar(res_model, res_id, partner_id)


class PepitesPortalChatter(PortalChatter):

    @http.route()
    def portal_chatter_post(self, res_model, res_id, message, **kw):
        """Posting needs a mail thread and, with a token, a model that has one (core answered
        HTTP 500 otherwise); without a token the message is posted as the caller, whose rights
        decide (outsiders post nothing the allow-list does not grant)."""
        record = _thread_record(res_model, res_id)
        if kw.get("token") and record._mail_post_token_field not in record._fields:
            raise Forbidden()
        return super(PepitesPortalChatter, self).portal_chatter_post(
            res_model, res_id, message, **kw)

    @http.route()
    def portal_message_fetch(self, res_model, res_id, domain=False, limit=10, offset=0, **kw):
        """Messages of a thread the caller may read (or holds the token of); the model must be a
        mail thread (core answered HTTP 500 otherwise) and outsiders without a token get none.
        """
        record = _thread_record(res_model, res_id)
        if "website_message_ids" not in record._fields:
            raise NotFound()
        if kw.get("token"):
            token_field = record._mail_post_token_field
            if token_field not in record._fields:
                raise Forbidden()
        elif _is_outsider() or not _may_read(record):
            return {"messages": [], "message_count": 0}
        return super(PepitesPortalChatter, self).portal_message_fetch(
            res_model, res_id, domain=domain, limit=limit, offset=offset, **kw)


class PepitesWebsiteMail(WebsiteMail):

    @http.route()
    def website_message_subscribe(self, id=0, object=None, message_is_follower="on",
                                  email=False, **post):
        """The website's follow button: core subscribes (as superuser) any address to any
        record whose rules let the caller read it. Outsiders, the website's visitors included,
        now follow or leave only records they may write; others, records they may read."""
        record = _thread_record(object, id)
        if _outsider_may_not_follow(object, id):
            raise AccessError(_("You may not follow this record."))
        if not _is_outsider() and not _may_read(record):
            raise AccessError(_("You may not follow this record."))
        return super(PepitesWebsiteMail, self).website_message_subscribe(
            id=id, object=object, message_is_follower=message_is_follower, email=email, **post)

    @http.route()
    def is_follower(self, model, res_id, **post):
        """Whether the caller follows a record, told only for a record they may read."""
        record = _thread_record(model, res_id)
        values = super(PepitesWebsiteMail, self).is_follower(model, res_id, **post)
        if not _may_read(record.exists()):
            values["is_follower"] = False
        return values
