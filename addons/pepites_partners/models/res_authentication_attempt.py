"""Login lockout: OCA ``auth_brute_force``'s limits per address and per address + login, plus a
limit per login whatever the address, visible to INAÉ managers who may lift a lock.

OCA counts the failures of an address (or address + login) since its last success; a banned
address stays banned until a success, which the ban itself prevents: only a manager's lift ends
it (or the whitelist). An attacker spreading guesses over many addresses escapes both limits, so
PEPITES adds one per login: ``pepites_partners.max_by_login`` failures (default 15) since the
login's last success or last lift lock it for ``pepites_partners.login_lock_minutes`` (default 30)
after the last failure. Refused attempts during the lock are recorded as *banned*, not as
failures, so hammering a locked login does not extend its lock: staff cannot be locked out for
good by someone else. Each further failure after the lock ended locks it again for that delay.

Attempts are counted by id (their order), not by ``create_date``: all the attempts of one
transaction share a ``create_date`` (PostgreSQL's ``now()``).

OCA's ``remote_metadata`` sent every visitor's address to a third-party geolocation site (a
personal data transfer, and an outbound call that hangs without internet): it is neutralised.
"""
import logging
from datetime import datetime, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

_logger = logging.getLogger(__name__)

#: ir.config_parameter keys and their defaults (the data file sets them)
PARAM_MAX_BY_IP = ("auth_brute_force.max_by_ip", 50)
PARAM_MAX_BY_IP_USER = ("auth_brute_force.max_by_ip_user", 10)
PARAM_MAX_BY_LOGIN = ("pepites_partners.max_by_login", 15)
PARAM_LOCK_MINUTES = ("pepites_partners.login_lock_minutes", 30)

#: results that end a series of failures (for the keys they name)
RESETS = ("successful", "lifted")

# One query per kind of lock; every one counts the failures after the key's last reset (by id).
# ``%(login)s``/``%(remote)s`` restrict to one key when given (NULL: every key).
_LOGIN_LOCKS_SQL = """
    SELECT a.login FROM res_authentication_attempt a
     WHERE a.result = 'failed' AND a.login IS NOT NULL
       AND (%(login)s::varchar IS NULL OR a.login = %(login)s)
       AND a.id > COALESCE((SELECT max(r.id) FROM res_authentication_attempt r
                             WHERE r.login = a.login AND r.result IN %(resets)s), 0)
     GROUP BY a.login
    HAVING count(*) >= %(max_by_login)s AND max(a.create_date) > %(lock_start)s
"""
_REMOTE_LOCKS_SQL = """
    SELECT a.remote FROM res_authentication_attempt a
     WHERE a.result NOT IN %(resets)s AND a.remote IS NOT NULL
       AND (%(remote)s::varchar IS NULL OR a.remote = %(remote)s)
       AND a.id > COALESCE((SELECT max(r.id) FROM res_authentication_attempt r
                             WHERE r.remote = a.remote AND r.result IN %(resets)s), 0)
     GROUP BY a.remote
    HAVING count(*) >= %(max_by_ip)s
"""
_PAIR_LOCKS_SQL = """
    SELECT a.remote, a.login FROM res_authentication_attempt a
     WHERE a.result NOT IN %(resets)s AND a.remote IS NOT NULL AND a.login IS NOT NULL
       AND (%(remote)s::varchar IS NULL OR a.remote = %(remote)s)
       AND (%(login)s::varchar IS NULL OR a.login = %(login)s)
       AND a.id > COALESCE((SELECT max(r.id) FROM res_authentication_attempt r
                             WHERE (r.remote = a.remote AND r.login = a.login
                                    AND r.result = 'successful')
                                OR (r.result = 'lifted'
                                    AND (r.remote = a.remote OR r.login = a.login))), 0)
     GROUP BY a.remote, a.login
    HAVING count(*) >= %(max_by_ip_user)s
"""


def login_lang(env):
    """The language of the login pages' messages: the request's, else French. PEPITES speaks
    French, and Odoo 11 gives a visitor whose browser states no language en_US there."""
    lang = env.context.get("lang")
    return lang if lang and lang != "en_US" else "fr_FR"


class ResAuthenticationAttempt(models.Model):
    _inherit = "res.authentication.attempt"
    _description = "Authentication attempt"

    result = fields.Selection(selection_add=[
        ("mfa", "Second factor requested"), ("lifted", "Lock lifted")])
    remote_metadata = fields.Text(compute="_compute_metadata")
    pepites_lifted_by_id = fields.Many2one(
        "res.users", string="Lifted by", readonly=True,
        help="The manager who lifted the lock (on a 'Lock lifted' line).")
    pepites_locked = fields.Boolean(
        string="Locked", compute="_compute_pepites_locked", search="_search_pepites_locked",
        help="This attempt's login or address is locked right now.")

    @api.multi
    def _compute_metadata(self):
        """No geolocation: OCA's sent each address to a third-party site (see the module)."""
        for attempt in self:
            attempt.remote_metadata = False

    @api.model
    def _pepites_params(self):
        """The lockout thresholds, from ir.config_parameter."""
        get = self.env["ir.config_parameter"].sudo().get_param
        return {key: int(get(name, default)) for key, (name, default) in (
            ("max_by_ip", PARAM_MAX_BY_IP), ("max_by_ip_user", PARAM_MAX_BY_IP_USER),
            ("max_by_login", PARAM_MAX_BY_LOGIN), ("lock_minutes", PARAM_LOCK_MINUTES))}

    @api.model
    def _pepites_locks(self, login=None, remote=None):
        """The locks in force, optionally for one login and/or address only.

        :return: dict with ``logins`` (locked whatever the address), ``remotes`` (addresses
            banned, whitelisted ones left out) and ``pairs`` (``(remote, login)`` banned)
        """
        params = self._pepites_params()
        lock_start = datetime.utcnow() - timedelta(minutes=params["lock_minutes"])
        args = dict(params, login=login or None, remote=remote or None, resets=RESETS,
                    lock_start=fields.Datetime.to_string(lock_start))
        # read before the queries: get_param runs its own on the same cursor
        whitelist = self._whitelist_remotes()
        cr = self.env.cr
        cr.execute(_LOGIN_LOCKS_SQL, args)
        logins = {row[0] for row in cr.fetchall()}
        cr.execute(_REMOTE_LOCKS_SQL, args)
        remotes = {row[0] for row in cr.fetchall()} - whitelist
        cr.execute(_PAIR_LOCKS_SQL, args)
        pairs = {tuple(row) for row in cr.fetchall() if row[0] not in whitelist}
        return {"logins": logins, "remotes": remotes, "pairs": pairs}

    @api.model
    def _pepites_is_locked(self, login, remote):
        """Whether a login from ``remote`` is refused now (any of the three locks). Answers
        the same for a login that exists and one that does not."""
        locks = self._pepites_locks(login=login or None, remote=remote or None)
        return bool(login in locks["logins"] or remote in locks["remotes"]
                    or (remote, login) in locks["pairs"])

    @api.model
    def _hits_limit(self, limit, remote, login=None):
        """OCA's per-address and per-address+login limits, counted by id since the last
        success or lift (see the module); ``limit`` is read from the same parameters."""
        locks = self._pepites_locks(login=login, remote=remote)
        if login is None:
            return remote in locks["remotes"]
        return (remote, login) in locks["pairs"]

    @api.model
    def _trusted(self, remote, login):
        """OCA's address checks, after the per-login lock, which holds with or without an
        address."""
        if login and login in self._pepites_locks(login=login)["logins"]:
            _logger.warning("Authentication refused: login %r is locked after repeated "
                            "failures (from %r).", login, remote)
            return False
        return super(ResAuthenticationAttempt, self)._trusted(remote, login)

    @api.multi
    def _compute_pepites_locked(self):
        locks = self._pepites_locks()
        for attempt in self:
            attempt.pepites_locked = bool(
                attempt.login in locks["logins"] or attempt.remote in locks["remotes"]
                or (attempt.remote, attempt.login) in locks["pairs"])

    @api.model
    def _search_pepites_locked(self, operator, value):
        locks = self._pepites_locks()
        logins = locks["logins"] | {login for _remote, login in locks["pairs"]}
        remotes = locks["remotes"] | {remote for remote, _login in locks["pairs"]}
        domain = ["|", ("login", "in", list(logins)), ("remote", "in", list(remotes))]
        if (operator == "=") != bool(value):
            domain = ["!"] + domain
        return domain

    @api.model
    def _pepites_locked_message(self):
        """What the login pages say of a lock: the same whether the login exists."""
        self = self.with_context(lang=login_lang(self.env))
        return _("Too many failed logins: this account or this address is locked for now. "
                 "Try again later or ask an INAÉ manager to lift the lock.")

    @api.model
    def _pepites_record_failure(self, login, remote):
        """Record a failed attempt that did not go through ``res.users._login`` (a wrong
        second-factor code), so that it counts toward the locks."""
        return self.sudo().create({"login": login, "remote": remote or False,
                                   "result": "failed"})

    @api.multi
    def action_pepites_lift_lock(self):
        """Lift the locks of the selected attempts' logins and addresses (managers only).

        :raises AccessError: for anyone but a PEPITES manager
        :raises UserError: when none of them is locked
        """
        if not self.env.user.has_group("pepites_partners.group_pepites_manager"):
            raise AccessError(_("Only a PEPITES manager may lift a lock."))
        lifted = self._pepites_lift()
        if not lifted:
            raise UserError(_("None of these logins or addresses is locked."))
        return True

    @api.multi
    def _pepites_lift(self):
        """Write one 'Lock lifted' line per locked login and per locked address of ``self``,
        naming the manager: it resets the counters and stays as the record of the lift.

        :return: the lines written
        """
        locks = self._pepites_locks()
        locked_logins = locks["logins"] | {login for _remote, login in locks["pairs"]}
        locked_remotes = locks["remotes"] | {remote for remote, _login in locks["pairs"]}
        values = [{"login": login, "remote": False} for login in
                  sorted(set(self.mapped("login")) & locked_logins)]
        values += [{"login": False, "remote": remote} for remote in
                   sorted(set(self.mapped("remote")) & locked_remotes)]
        # sudo: managers read the attempts only; a lift is written by this method alone
        attempts_sudo = self.sudo()
        lifted = attempts_sudo.browse()
        for vals in values:
            vals.update(result="lifted", pepites_lifted_by_id=self.env.uid)
            lifted |= attempts_sudo.create(vals)
            _logger.info("Lock lifted by user %s: login %r, address %r", self.env.uid,
                         vals["login"], vals["remote"])
        return lifted
