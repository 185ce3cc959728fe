"""Open Badges 2.0 baking of PNG images with pypng: one uncompressed ``iTXt`` chunk whose keyword
is ``openbadges`` and whose text is the assertion JSON (hosted) or its JWS (signed).

Baking many assertions into one badge image parses the image once (:class:`PngTemplate`).

>>> import io, png
>>> buf = io.BytesIO(); _ = png.Writer(2, 2, greyscale=True).write(buf, [[0, 255], [255, 0]])
>>> baked = bake(buf.getvalue(), '{"id": "https://example.org/a/1"}')
>>> unbake(baked)
'{"id": "https://example.org/a/1"}'
>>> unbake(bake(baked, "second")) # re-baking replaces the previous badge
'second'
>>> unbake(buf.getvalue()) is None
True
>>> unbake(b"GIF89a...")
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.baking.BakeError: not a PNG image
"""
import io
import zlib

import png

KEYWORD = b"openbadges"


class BakeError(ValueError):
    """The bytes are not a readable PNG image."""


def _chunks(png_bytes):
    try:
        return list(png.Reader(bytes=png_bytes).chunks())
    except (png.FormatError, png.ChunkError, EOFError, ValueError, TypeError):
        raise BakeError("not a PNG image")


def _is_badge_chunk(chunk_type, data):
    return chunk_type in (b"iTXt", b"tEXt") and data.split(b"\x00", 1)[0] == KEYWORD


def itxt_chunk_data(text):
    """Return the data of the ``iTXt`` chunk: keyword, no compression, no language, UTF-8 text."""
    return KEYWORD + b"\x00\x00\x00\x00\x00" + text.encode("utf-8")


class PngTemplate(object):
    """A badge image parsed once, to bake many assertions quickly."""

    def __init__(self, png_bytes):
        chunks = [c for c in _chunks(png_bytes) if not _is_badge_chunk(*c)]
        if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
            raise BakeError("not a PNG image")
        # the badge goes right after the header, before the image data (displayers read early)
        self.head = chunks[:1]
        self.tail = chunks[1:]

    def bake(self, text):
        out = io.BytesIO()
        png.write_chunks(out, self.head + [(b"iTXt", itxt_chunk_data(text))] + self.tail)
        return out.getvalue()


def bake(png_bytes, text):
    """Return ``png_bytes`` with ``text`` baked in (an earlier baked badge is replaced).

    :raises BakeError: when ``png_bytes`` is not a PNG image
    """
    return PngTemplate(png_bytes).bake(text)


def unbake(png_bytes):
    """Return the text baked in ``png_bytes`` (``iTXt``, or the older ``tEXt``), or ``None``.

    :raises BakeError: when ``png_bytes`` is not a PNG image
    """
    for chunk_type, data in _chunks(png_bytes):
        if not _is_badge_chunk(chunk_type, data):
            continue
        if chunk_type == b"tEXt":
            return data.split(b"\x00", 1)[1].decode("latin-1")
        _keyword, rest = data.split(b"\x00", 1)
        compressed, rest = rest[0], rest[2:]  # compression flag, method
        _language, rest = rest.split(b"\x00", 1)
        _translated, text = rest.split(b"\x00", 1)
        if compressed:
            text = zlib.decompress(text)
        return text.decode("utf-8")
    return None
