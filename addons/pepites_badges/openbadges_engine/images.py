"""Default badge images (PNG, 400×400): a coloured medal with the badge's initials, made with
Pillow, for badge classes created without an image.

>>> data = default_badge_image("Encadrer une équipe", "#1b7f79")
>>> data[:4] == b"\\x89PNG"
True
"""
import io
import os

from PIL import Image, ImageDraw, ImageFont

FONT_PATHS = ("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",)
PALETTE = ("#1b7f79", "#c0392b", "#2c6fbb", "#8e44ad", "#d35400", "#27ae60", "#b8860b")


def _font(size):
    for path in FONT_PATHS:
        if os.path.exists(path):
            return ImageFont.truetype(path, size)
    return ImageFont.load_default()


def initials(label):
    words = [w for w in (label or "?").replace("-", " ").split() if len(w) > 2 or w.isupper()]
    return ("".join(w[0] for w in words[:3]) or (label or "?")[:2]).upper()


def default_badge_image(label, color=None, size=400):
    """Return PNG bytes of a medal for ``label`` (initials in the middle)."""
    color = color or PALETTE[sum(map(ord, label or "")) % len(PALETTE)]
    image = Image.new("RGBA", (size, size), (255, 255, 255, 0))
    draw = ImageDraw.Draw(image)
    margin = size // 20
    draw.ellipse([margin, margin, size - margin, size - margin], fill=color)
    draw.ellipse([margin * 3, margin * 3, size - margin * 3, size - margin * 3],
                 outline="white", width=max(2, size // 80))
    text = initials(label)
    font = _font(size // 4 if len(text) < 3 else size // 5)
    box = draw.textbbox((0, 0), text, font=font)
    draw.text(((size - (box[2] - box[0])) / 2 - box[0], (size - (box[3] - box[1])) / 2 - box[1]),
              text, fill="white", font=font)
    out = io.BytesIO()
    image.save(out, format="PNG", optimize=True)
    return out.getvalue()
