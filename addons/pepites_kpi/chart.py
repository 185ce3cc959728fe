"""Trend charts as PNG images, drawn with Pillow: the funder report embeds them (wkhtmltopdf
renders no JavaScript chart), so they must be plain images. No database needed.

One indicator per chart (issue 16): the programme's indicators count different things on very
different scales (12 départements, 3,000 badges), so the report draws small multiples, each
on its own scale. A month without a value (no snapshot) is ``None`` and drawn as a gap in the
line, never as 0: a missing measure is not a measure of nothing.
"""
import io

from PIL import Image, ImageDraw, ImageFont

PALETTE = [(31, 119, 180), (255, 127, 14), (44, 160, 44), (214, 39, 40), (148, 103, 189),
           (140, 86, 75), (227, 119, 194), (127, 127, 127)]


def runs(points):
    """The runs of consecutive known values of ``points`` as lists of ``(index, value)``: a
    line is drawn along each run, and the gaps (``None``) between them stay empty.

    >>> runs([1, 2, None, None, 5, None, 7, 8])
    [[(0, 1), (1, 2)], [(4, 5)], [(6, 7), (7, 8)]]
    >>> runs([None, 0, None])
    [[(1, 0)]]
    >>> runs([])
    []
    """
    result, current = [], []
    for index, value in enumerate(points):
        if value is None:
            if current:
                result.append(current)
            current = []
        else:
            current.append((index, value))
    if current:
        result.append(current)
    return result


def line_chart(series, labels, width=900, height=360, title=""):
    """Draw ``series`` ({name: [value or None per label]}) over ``labels`` (the months) and
    return PNG bytes; ``None`` leaves a gap. The legend is drawn only for several series.

    >>> png = line_chart({"Badges": [0, 10, None, 30]}, ["01", "02", "03", "04"])
    >>> png[:8] == b"\\x89PNG\\r\\n\\x1a\\n"
    True
    >>> line_chart({}, [])[:4] == b"\\x89PNG"
    True
    >>> line_chart({"Vide": [None, None]}, ["01", "02"])[:4] == b"\\x89PNG"
    True
    """
    image = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(image)
    font = ImageFont.load_default()
    legend = len(series) > 1
    left, right, top, bottom = 60, width - (190 if legend else 20), 30, height - 40
    draw.text((left, 8), title, fill="black", font=font)
    draw.line([(left, top), (left, bottom), (right, bottom)], fill="black")
    values = [value for points in series.values() for value in points if value is not None]
    peak = max(values) if values else 0
    peak = peak or 1
    for step in range(5):
        y = bottom - (bottom - top) * step / 4.0
        draw.line([(left - 3, y), (right, y)], fill=(225, 225, 225))
        draw.text((5, y - 6), _short(peak * step / 4.0), fill="black", font=font)
    count = max(len(labels), 1)
    x_of = (lambda i: left + (right - left) * (i / float(count - 1))) if count > 1 \
        else (lambda i: (left + right) / 2.0)
    every = max(1, -(-count // max(1, (right - left) // 60)))
    for index, label in enumerate(labels):
        if index % every == 0:
            draw.text((x_of(index) - 18, bottom + 8), label, fill="black", font=font)
    for number, (name, points) in enumerate(sorted(series.items())):
        color = PALETTE[number % len(PALETTE)]
        for run in runs(points):
            xy = [(x_of(i), bottom - (bottom - top) * value / float(peak)) for i, value in run]
            if len(xy) > 1:
                draw.line(xy, fill=color, width=2)
            for x, y in xy:
                draw.ellipse([x - 2, y - 2, x + 2, y + 2], fill=color)
        if legend:
            legend_y = top + 16 * number
            draw.rectangle([right + 15, legend_y + 2, right + 25, legend_y + 10], fill=color)
            draw.text((right + 30, legend_y), name[:26], fill="black", font=font)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def small_multiples(series, labels, width=440, height=200):
    """One chart per indicator: ``[(name, PNG bytes)]`` in the order of ``series`` (a list of
    ``(name, [value or None per label])``), each on its own scale, with its gaps.

    >>> charts = small_multiples([("Badges", [1, None, 3]), ("Départements", [2, 4, 5])],
    ...                          ["01", "02", "03"])
    >>> [name for name, png in charts], charts[0][1][:4] == b"\\x89PNG"
    (['Badges', 'Départements'], True)
    """
    return [(name, line_chart({name: points}, labels, width=width, height=height))
            for name, points in series]


def _short(number):
    """
    >>> _short(3000.0), _short(2.5), _short(12500)
    ('3000', '2.5', '12.5k')
    """
    if number >= 10000:
        return "%gk" % round(number / 1000.0, 1)
    return "%g" % round(number, 1)
