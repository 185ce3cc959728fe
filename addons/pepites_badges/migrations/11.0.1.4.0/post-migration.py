"""11.0.1.4.0: every badge is also an Open Badges 3.0 credential (issue 19).

The badges issued before get their place in their issuer's status list and their VC-JWT, signed
with their issuer's current key (each issuer's key loaded once); what they were issued with (their
2.0 ids, dates, hash) is what the credential says.
"""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    count = env["pepites.badge.assertion"]._fill_ob3()
    _logger.info("%d badge(s) got their Open Badges 3.0 credential", count)
