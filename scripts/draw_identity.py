"""Draw INAÉ's raster identity from the shapes of the SVG wordmark (issue 16).

    .venv/bin/python scripts/draw_identity.py

writes, under addons/pepites_partners/static/src/img/:
  pepites_logo.png    the company logo (res.company.logo, website header, letterhead)
  favicon.ico         the browser tab icon (16, 32 and 48 px) of the site and the back office
  pepites_icon.png    the nugget alone, 192 px (home screen of a phone)
The files are committed: run this again only when the identity changes. It needs Pillow and the
DejaVu fonts (Debian's fonts-dejavu-core); the SVG (pepites_wordmark.svg) is the reference.
"""
import os

from PIL import Image, ImageDraw, ImageFont

BLUE = "#163A6B"     # deep blue: INAÉ
ACCENT = "#E8891C"   # warm accent: the "pépite"
LIGHT = "#F4B05E"
DARK = "#C96F0F"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"
OUT = os.path.join(os.path.dirname(__file__), "..", "addons", "pepites_partners", "static", "src",
                   "img")


def nugget(draw, scale, dx=0, dy=0):
    """The faceted gem of the wordmark, in the 100×100 box of the SVG, scaled."""
    def pts(*xy):
        return [(dx + x * scale, dy + y * scale) for x, y in xy]
    draw.polygon(pts((20, 44), (38, 26), (62, 26), (80, 44), (50, 92)), fill=ACCENT)
    draw.polygon(pts((20, 44), (38, 26), (50, 44)), fill=LIGHT)
    draw.polygon(pts((50, 44), (62, 26), (80, 44)), fill=DARK)


def logo(scale=2):
    img = Image.new("RGBA", (240 * scale, 120 * scale), (255, 255, 255, 0))
    draw = ImageDraw.Draw(img)
    nugget(draw, scale)
    big = ImageFont.truetype(FONT, 46 * scale)
    small = ImageFont.truetype(FONT, 20 * scale)
    draw.text((96 * scale, 68 * scale), "INAÉ", font=big, fill=BLUE, anchor="ls")
    x = 98 * scale
    for letter in "PEPITES":
        draw.text((x, 98 * scale), letter, font=small, fill=ACCENT, anchor="ls")
        x += draw.textlength(letter, font=small) + 5 * scale
    return img


def icon(size):
    img = Image.new("RGBA", (size, size), BLUE)
    draw = ImageDraw.Draw(img)
    # the nugget fills the square, centred on its 20..80 × 26..92 box
    scale = size / 76.0
    nugget(draw, scale, dx=-12 * scale, dy=-21 * scale)
    return img


if __name__ == "__main__":
    logo().save(os.path.join(OUT, "pepites_logo.png"), optimize=True)
    icon(192).save(os.path.join(OUT, "pepites_icon.png"), optimize=True)
    icon(48).save(os.path.join(OUT, "favicon.ico"), sizes=[(16, 16), (32, 32), (48, 48)])
