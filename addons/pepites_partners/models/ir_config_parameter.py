"""One canonical public URL for the whole platform.

Core Odoo 11 rewrites ``web.base.url`` with the host name the browser used at every login of the
admin (uid 1), unless ``web.base.url.freeze`` is set (``res.users.authenticate``). Everything built
from it then followed the host name an admin happened to type: one login through ``localhost``
instead of ``127.0.0.1`` changed the id of every Open Badge ever issued, and the baked PNGs no
longer matched what was served (issue 13).

The public address is a fact of the deployment, not of a browser: it is set once in the Odoo
configuration file, ``pepites_public_url = https://pepites.example.org`` in ``[options]`` (Odoo 11
keeps the options it does not know), and at every start of the server ``web.base.url`` is set to
it and frozen, so that no login can change it. Without the option (a development database),
``web.base.url`` is frozen at the value it has. A neutralised copy of the production database
(``make restore``) keeps the ``web.base.url`` its restore gave it, even when it is served with the
production configuration: its links must not lead to production.
"""
import logging

from werkzeug.urls import url_parse

from odoo import api, models
from odoo.tools import config

_logger = logging.getLogger(__name__)

#: the option of the Odoo configuration file that names the canonical public URL
PUBLIC_URL_OPTION = "pepites_public_url"
BASE_URL_KEY = "web.base.url"
#: core's switch: while it is set, an admin's login leaves web.base.url alone
FREEZE_KEY = "web.base.url.freeze"
#: set on a neutralised copy of the production database (pepites.database._neutralize)
NEUTRALIZED_KEY = "database.is_neutralized"


def configured_public_url():
    """The canonical public URL of the configuration file, without trailing slash, or ``None``
    when the option is absent.

    :raises ValueError: when it is set but is not an origin (``http(s)://host[:port]``): every
        id built from it would be wrong
    """
    value = config.get(PUBLIC_URL_OPTION)
    if not value:
        return None
    url = str(value).strip().rstrip("/")
    parts = url_parse(url)
    if parts.scheme not in ("http", "https") or not parts.host or parts.path \
            or parts.query or parts.fragment:
        raise ValueError("%s must be an origin like https://pepites.example.org, not %r"
                         % (PUBLIC_URL_OPTION, value))
    return url


class IrConfigParameter(models.Model):
    _inherit = "ir.config_parameter"

    @api.model
    def _pepites_public_url(self):
        """The origin of the public links and ids PEPITES publishes, without trailing slash: the
        configured ``pepites_public_url``, else ``web.base.url`` (frozen at start). Read the
        configuration first, so that a hand edit of ``web.base.url`` in the settings cannot
        move what is published before the next start puts it back."""
        # sudo: web.base.url is public (it is in every link of every page)
        params_sudo = self.sudo()
        try:
            url = configured_public_url()
        except ValueError:
            url = None  # said at start by _pepites_freeze_base_url
        if params_sudo.get_param(NEUTRALIZED_KEY):
            url = None  # a neutralised copy: its own address, never production's
        return url or (params_sudo.get_param(BASE_URL_KEY) or "").rstrip("/")

    @api.model
    def _pepites_freeze_base_url(self):
        """Set ``web.base.url`` to the canonical public URL and freeze it; without the option,
        freeze it at its current value. Writes only what differs, and says so in the log.

        :return: the public URL now in force
        """
        # sudo: a system setting, called at the start of the server (and by the tests)
        params_sudo = self.sudo()
        current = params_sudo.get_param(BASE_URL_KEY)
        try:
            url = configured_public_url()
        except ValueError as error:
            _logger.error("%s: web.base.url stays %s", error, current)
            url = None
        if url and params_sudo.get_param(NEUTRALIZED_KEY):
            if url != current:
                _logger.info("neutralised copy: web.base.url stays %s, not %s (%s)",
                             current, url, PUBLIC_URL_OPTION)
            url = None
        if url and url != current:
            params_sudo.set_param(BASE_URL_KEY, url)
            _logger.info("web.base.url set to %s (%s of the configuration file), was %s",
                         url, PUBLIC_URL_OPTION, current)
        if not params_sudo.get_param(FREEZE_KEY):
            params_sudo.set_param(FREEZE_KEY, "True")
            _logger.info("web.base.url frozen at %s: an admin's login no longer changes it%s",
                         url or current, "" if url else
                         " (set %s in the configuration file to choose it)" % PUBLIC_URL_OPTION)
        return (url or current or "").rstrip("/")

    def _register_hook(self):
        """At every start of the server (each load of the registry), before any request."""
        super(IrConfigParameter, self)._register_hook()
        self._pepites_freeze_base_url()
