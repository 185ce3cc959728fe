"""Trend charts as PNG images, drawn with Pillow: the funder report embeds them (wkhtmltopdf
renders no JavaScript chart), so they must be plain images. No database needed.
"""
import io

from PIL import Image, ImageDraw, ImageFont

PALETTE = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
           (140, 86, 75), (227, 119, 194), (127, 127, 127)]


def line_chart(series, labels, width=900, height=360, title=""):
    """Draw ``series`` ({name: [value per label]}) over ``labels`` (the months) and return PNG bytes.

    >>> png = line_chart({"Badges": [0, 10, 30]}, ["2026-01", "2026-02", "2026-03"])
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    >>> line_chart({}, [])[:4] == b"\\x89PNG"
    True
    """
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    left, right, top, bottom = 60, width - 190, 30, height - 40
    draw.text((left, 8), title, fill="black", font=font)
    draw.line([(left, top), (left, bottom), (right, bottom)], fill="black")
    values = [value for points in series.values() for value in points]
    peak = max(values) if values else 0
    peak = peak or 1
    for step in range(5):
        y = bottom - (bottom - top) * step / 4.0
        draw.line([(left - 3, y), (right, y)], fill=(225, 225, 225))
        draw.text((5, y - 6), _short(peak * step / 4.0), fill="black", font=font)
    count = max(len(labels), 1)
    x_of = (lambda i: left + (right - left) * (i / float(count - 1))) if count > 1 \
        else (lambda i: (left + right) / 2.0)
    for index, label in enumerate(labels):
        if count <= 12 or index % max(1, count // 12) == 0:
            draw.text((x_of(index) - 18, bottom + 8), label, fill="black", font=font)
    for number, (name, points) in enumerate(sorted(series.items())):
        color = PALETTE[number % len(PALETTE)]
        xy = [(x_of(i), bottom - (bottom - top) * (value or 0) / float(peak))
              for i, value in enumerate(points)]
        if len(xy) > 1:
            draw.line(xy, fill=color, width=2)
        for x, y in xy:
            draw.ellipse([x - 2, y - 2, x + 2, y + 2], fill=color)
        legend_y = top + 16 * number
        draw.rectangle([right + 15, legend_y + 2, right + 25, legend_y + 10], fill=color)
        draw.text((right + 30, legend_y), name[:26], fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def _short(number):
    """
    >>> _short(3000.0), _short(2.5), _short(12500)
    ('3000', '2.5', '12.5k')
    """
    if number >= 10000:
        return "%gk" % round(number / 1000.0, 1)
    return "%g" % round(number, 1)
