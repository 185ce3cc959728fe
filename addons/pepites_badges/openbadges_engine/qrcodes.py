"""QR codes (PNG) pointing to the public verification page of a badge.

>>> data = qr_png("https://ob.example.org/badges/verify/1")
>>> data[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
True
"""
import io

import qrcode
from qrcode.image.pure import PyPNGImage


def qr_png(url, box_size=6, border=2):
    """Return a PNG image (bytes) of a QR code for ``url`` (medium error correction)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M,
                         box_size=box_size, border=border, image_factory=PyPNGImage)
    code.add_data(url)
    code.make(fit=True)
    out = io.BytesIO()
    code.make_image().save(out)
    return out.getvalue()
