"""11.0.1.5.0: every issuer key gets an Ed25519 half (issue 19, Data Integrity proofs).

Each key record, current and retired, gets an Ed25519 pair (the private half encrypted with the
signing keys' passphrase when one is configured), listed as a ``Multikey`` in its issuer's Open
Badges 3.0 profile: the credentials the key signed as VC-JWT get their ``eddsa-rdfc-2022`` proof
from it, made on request. No badge is rewritten.
"""
import logging

from odoo import SUPERUSER_ID, api

_logger = logging.getLogger(__name__)


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    count = env["pepites.badge.key"]._ensure_ed25519()
    _logger.info("%d issuer key(s) got their Ed25519 half", count)
