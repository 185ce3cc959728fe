"""Plain-Python Open Badges 2.0 engine (no database): JSON-LD documents, recipient hashing,
JWS RS256 signing, PNG baking, QR codes, verification helpers and default images.

Importable and testable on its own; the Odoo models only feed it values.
"""
from . import (baking, csv_rows, external, holder_name, identity, images, jsonld, jsontext, qrcodes, signing,  # noqa: F401
               verification)
