"""Plain-Python Open Badges engine (no database): 2.0 JSON-LD documents, recipient hashing,
JWS RS256 signing, PNG baking, QR codes, verification helpers and default images; Open Badges 3.0
credentials (``ob3``), their VC-JWT (``vcjwt``), status list (``statuslist``) and verification
(``ob3_verification``), their Data Integrity proof (``dataintegrity``).

Importable and testable on its own; the Odoo models only feed it values.
"""
from . import (baking, csv_rows, dataintegrity, external, holder_name, identity, images, jsonld, jsontext, ob3,  # noqa: F401
               ob3_verification, qrcodes, signing, statuslist, urls, vcjwt, verification)
