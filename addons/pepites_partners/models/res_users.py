"""PEPITES users: the SIAE of a portal user, the password policy on creation, and the second
factor (TOTP) required of INAÉ staff in production.

Second factor. OCA ``auth_totp`` asks an enrolled user for a code after the password, then logs
in again with ``session['password']``, which Odoo 11 no longer keeps in the session. PEPITES puts
a one-time random token there instead (never the password): once the password is right, the
session holds the token's hash for :data:`SECOND_STEP_SECONDS`, and a login with that token
passes only after a valid code in the same session (``mfa_login_active``, set by OCA or by the
enrolment page). With ``pepites_require_totp = True`` in the Odoo configuration (production), an
internal user without an authenticator gets no session: after the right password the login page
leads to the enrolment page (``controllers/totp.py``); over XML-RPC/JSON-RPC the login is refused
with a message saying why. Portal users (SIAE, partner API) are never asked.

The password step that needs a second one is recorded as attempt result ``mfa``, not as a
success: otherwise each right password would reset the failure counters and the 6-digit code
could be guessed for ever.
"""
import base64
import hashlib
import io
import secrets
import time
from threading import current_thread

import pyotp
import qrcode
from qrcode.image.pure import PyPNGImage

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.http import request
from odoo.tools import config

from odoo.addons.auth_totp.exceptions import MfaLoginNeeded

from ..exceptions import TotpRequired
from .res_authentication_attempt import login_lang

#: the Odoo configuration option that makes the second factor compulsory for internal users
REQUIRE_TOTP_OPTION = "pepites_require_totp"
#: how long the right password stays good for the second step, in seconds
SECOND_STEP_SECONDS = 600
#: the session key of the pending second step
SECOND_STEP_KEY = "pepites_second_step"
#: the session key of the secret shown on the enrolment page until a code confirms it
ENROL_SECRET_KEY = "pepites_totp_secret"


def totp_required():
    """Whether the configuration makes the second factor compulsory (production)."""
    return str(config.get(REQUIRE_TOTP_OPTION) or "").strip().lower() in ("1", "true", "yes")


def _token_hash(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def qr_data_uri(text):
    """A PNG QR code of ``text`` as a ``data:`` URI (the page needs no other request)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=6,
                         border=2, image_factory=PyPNGImage)
    code.add_data(text)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image().save(out)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode("ascii")


class ResUsers(models.Model):
    """Ties a portal user to the SIAE they work for (their commercial partner)."""

    _inherit = "res.users"

    pepites_siae_id = fields.Many2one(
        "res.partner", string="SIAE", compute="_compute_pepites_siae_id",
        help="The SIAE whose information this user manages on the portal.")

    @api.depends("partner_id.commercial_partner_id.is_siae")
    def _compute_pepites_siae_id(self):
        for user in self:
            user.pepites_siae_id = user.partner_id._pepites_siae()

    # --- sessions ----------------------------------------------------------------------------

    @api.model_cr_context
    def _auth_timeout_check(self):
        """OCA's inactivity check, for logged-in sessions only: a visitor's new session has no
        file yet (it is saved after the answer), and OCA logged an error for each of them."""
        if not request or not request.session.uid:
            return
        return super(ResUsers, self)._auth_timeout_check()

    # --- password policy -------------------------------------------------------------------

    @api.model
    def create(self, vals):
        """OCA checks the policy on ``write`` only: a manager creating a user with a short
        password is refused too (French message, nothing written)."""
        if vals.get("password") and self._pepites_password_policy_applies():
            company = self.env["res.company"].browse(vals.get("company_id")) \
                or self.env.user.company_id
            self.new({"company_id": company.id})._check_password_rules(vals["password"])
        user = super(ResUsers, self).create(vals)
        user._pepites_sync_home_action()
        return user

    # --- where a user lands after login ----------------------------------------------------

    @api.multi
    def write(self, vals):
        res = super(ResUsers, self).write(vals)
        # groups_id, or the user form's reified fields (in_group_7, sel_groups_1_2...)
        if any(key == "groups_id" or key.startswith(("in_group_", "sel_groups_"))
               for key in vals):
            self._pepites_sync_home_action()
        return res

    @api.multi
    def _pepites_sync_home_action(self):
        """INAÉ staff land on the "Accueil PEPITES" (their home action), not in Discuss.

        A staff member without a home action gets it; a user who leaves the staff group loses
        it (they could not read its queues). A home action the user or an administrator
        chose otherwise is kept. Called on creation, when groups change and by the data file
        (users already in the group when the addon is installed or updated).
        """
        home = self.env.ref("pepites_partners.pepites_home_queue_action",
                            raise_if_not_found=False)
        if not home:  # during the addon's installation, before its views are loaded
            return
        group = self.env.ref("pepites_partners.group_pepites_user")
        staff = self.filtered(lambda user: group in user.groups_id)
        # as superuser: the action is set on someone else's account by whoever made them staff
        (staff.filtered(lambda user: not user.action_id)).sudo().write({"action_id": home.id})
        (self - staff).filtered(lambda user: user.action_id.id == home.id).sudo().write(
            {"action_id": False})

    @api.model
    def _pepites_set_home_actions(self):
        """Every active staff member without a home action lands on the PEPITES home (the
        data file calls it at each installation or update of the addon)."""
        group = self.env.ref("pepites_partners.group_pepites_user")
        group.users._pepites_sync_home_action()

    @api.multi
    def _pepites_portal_todo(self):
        """What this portal user has to do, for the "To do" block of ``/my``.

        Each addon that owns data extends it and appends its lines: dicts with ``sequence``
        (order in the block), ``count``, ``label`` (translated), ``url`` (the page that
        handles it) and optionally ``note`` (e.g. why an offer was refused). Counts run as
        the user (``self.env`` is the user's, record rules apply): never as superuser.

        :returns: a list of such dicts; lines with a count of 0 are dropped by the caller
        """
        self.ensure_one()
        return []

    @api.multi
    def _pepites_portal_todo_lines(self):
        """The to-do lines worth showing (a count above 0), in their order."""
        return sorted((line for line in self._pepites_portal_todo() if line.get("count")),
                      key=lambda line: (line.get("sequence", 10), line.get("label", "")))

    @api.model
    def _pepites_password_policy_applies(self):
        """The policy binds what people choose, not the fixtures of a demo database: data files
        (``install_mode``) and, in a database with demo data only, code creating users with
        ``no_reset_password`` (the demo and test users whose password is their login)."""
        if self.env.context.get("install_mode"):
            return False
        if self.env.context.get("no_reset_password"):
            base = self.env["ir.module.module"].sudo().search([("name", "=", "base")], limit=1)
            return not base.demo
        return True

    @api.multi
    def _check_password(self, password):
        """OCA's check on ``write``, except for data files: the demo users' records (password =
        login) are written again at each update of the addon."""
        if self.env.context.get("install_mode"):
            return True
        return super(ResUsers, self)._check_password(password)

    @api.multi
    def password_match_message(self):
        """The policy in words (OCA lists character classes PEPITES does not require)."""
        self.ensure_one()
        self = self.with_context(lang=self.env.context.get("lang") or self.env.user.lang)
        return _("The password must be at least %d characters long: a passphrase of several "
                 "words is welcome.") % self.company_id.password_length

    # --- second factor ---------------------------------------------------------------------

    @api.model
    def check_credentials(self, password):
        """The password, then the second factor (see the module docstring).

        :raises AccessDenied: wrong password or second step pending
        :raises TotpRequired: (production) an internal user without an authenticator
        """
        if self._pepites_second_step_passes(password):
            return
        attempt_id = getattr(current_thread(), "auth_attempt_id", None)
        try:
            super(ResUsers, self).check_credentials(password)
        except MfaLoginNeeded:
            self._pepites_second_step_start(attempt_id)
            raise
        if self._pepites_totp_missing():
            self._pepites_second_step_start(attempt_id, enrol=True)
            raise TotpRequired(self._pepites_totp_refusal())

    @api.model
    def _pepites_totp_missing(self):
        """An internal user without an authenticator while the second factor is compulsory."""
        user = self.env.user
        return totp_required() and not user.share and not user.sudo().authenticator_ids

    @api.model
    def _pepites_totp_refusal(self):
        self = self.with_context(lang=self.env.user.lang or "fr_FR")
        return _("Login refused: INAÉ accounts need a second factor (an authenticator app). "
                 "Log in once on the web login page to set it up.")

    @api.model
    def _pepites_second_step_start(self, attempt_id, enrol=False):
        """The password was right but a second step is needed: record the attempt as ``mfa``
        and, in a web login, let this session finish with a one-time token."""
        if attempt_id:
            with self.pool.cursor() as cr:
                self.env(cr=cr, user=SUPERUSER_ID)["res.authentication.attempt"].browse(
                    attempt_id).write({"result": "mfa"})
        if not request or request.httprequest.path.rstrip("/").split("/")[-1] != "login":
            return
        token = secrets.token_urlsafe(32)
        request.session[SECOND_STEP_KEY] = {
            "uid": self.env.uid, "hash": _token_hash(token), "enrol": enrol,
            "expires": time.time() + SECOND_STEP_SECONDS}
        # OCA's /auth_totp/login logs in again with this "password": the token, never the
        # real one
        request.session["password"] = token
        request.session["login"] = self.env.user.login

    @api.model
    def _pepites_second_step_passes(self, password):
        """The login that ends a second step: the session's token, a code validated in this
        session for this user, within the delay."""
        if not request or not password:
            return False
        pending = request.session.get(SECOND_STEP_KEY) or {}
        return bool(pending.get("uid") == self.env.uid
                    and request.session.get("mfa_login_active") == self.env.uid
                    and pending.get("expires", 0) > time.time()
                    and secrets.compare_digest(pending.get("hash", ""), _token_hash(password)))

    @api.model
    def _pepites_second_step_pending(self):
        """The user of this session's pending second step (empty when none or expired)."""
        pending = (request.session.get(SECOND_STEP_KEY) or {}) if request else {}
        if pending.get("expires", 0) <= time.time():
            return self.browse()
        return self.sudo().browse(pending.get("uid")).exists()

    @api.model
    def _pepites_second_step_end(self):
        """Forget the token once the session is logged in (or the step abandoned)."""
        request.session.pop(SECOND_STEP_KEY, None)
        request.session.pop("password", None)

    @api.model
    def _pepites_second_step_refusal(self, user_sudo, code, remote):
        """Why the code posted to ``/auth_totp/login`` is refused, or None: no password step
        pending in this session, a lock, or a wrong code (recorded as a failed login)."""
        # the login pages have no language of their own: PEPITES speaks French
        self = self.with_context(lang=login_lang(self.env))
        attempts = self.env["res.authentication.attempt"]
        if not user_sudo:
            return _("Log in with your password first.")
        if attempts._pepites_is_locked(user_sudo.login, remote):
            return attempts._pepites_locked_message()
        if not user_sudo.validate_mfa_confirmation_code(code):
            attempts._pepites_record_failure(user_sudo.login, remote)
            return _("Wrong code. Enter the latest code of your authenticator app "
                     "(check that the phone's time is right).")
        return None

    @api.model
    def _pepites_totp_enrolment(self):
        """What the enrolment page shows this session (empty when no enrolment is pending):
        the login, the secret and its QR code (pyotp's provisioning URI)."""
        user_sudo = self._pepites_second_step_pending()
        if not user_sudo or not request.session.get(SECOND_STEP_KEY, {}).get("enrol"):
            return {}
        secret = request.session.get(ENROL_SECRET_KEY)
        if not secret:
            secret = request.session[ENROL_SECRET_KEY] = pyotp.random_base32()
        uri = pyotp.TOTP(secret).provisioning_uri(
            user_sudo.login, issuer_name=user_sudo.company_id.name or "PEPITES")
        return {"login": user_sudo.login, "secret": secret, "qr_src": qr_data_uri(uri)}

    @api.model
    def _pepites_totp_enrol(self, code, remote):
        """Confirm the enrolment with a code of the new app: store the authenticator, turn
        the second factor on and mark the code step done for this session.

        :return: None, or why it is refused (a wrong code counts as a failed login)
        """
        # the login pages have no language of their own: PEPITES speaks French
        self = self.with_context(lang=login_lang(self.env))
        user_sudo = self._pepites_second_step_pending()
        secret = request.session.get(ENROL_SECRET_KEY)
        attempts = self.env["res.authentication.attempt"]
        if not user_sudo or not secret:
            return _("Log in with your password first.")
        if attempts._pepites_is_locked(user_sudo.login, remote):
            return attempts._pepites_locked_message()
        if not pyotp.TOTP(secret).verify(code or ""):
            attempts._pepites_record_failure(user_sudo.login, remote)
            return _("Wrong code. Enter the latest code of your authenticator app "
                     "(check that the phone's time is right).")
        self.env["res.users.authenticator"].sudo().create({
            "name": _("Authenticator app"), "secret_key": secret, "user_id": user_sudo.id})
        user_sudo.write({"mfa_enabled": True})
        request.session["mfa_login_active"] = user_sudo.id
        request.session.pop(ENROL_SECRET_KEY, None)
        return None
