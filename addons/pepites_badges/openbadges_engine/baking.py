"""Open Badges baking of PNG images with pypng: one uncompressed ``iTXt`` chunk whose keyword
is ``openbadges`` and whose text is the assertion JSON (hosted) or its JWS (signed) in 2.0, or
whose keyword is ``openbadgecredential`` and whose text is the OpenBadgeCredential (its VC-JWT or
its JSON) in 3.0. Each image holds one badge: baking either kind replaces any earlier badge of
either kind, so the 2.0 image keeps its 2.0 chunk and the 3.0 image holds the credential alone.

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
>>> ob3 = bake(baked, "eyJ.a.b", KEYWORD_OB3)
>>> unbake(ob3) is None, unbake(ob3, KEYWORD_OB3), find_baked(ob3)
(True, 'eyJ.a.b', (b'openbadgecredential', 'eyJ.a.b'))
>>> find_baked(baked), find_baked(buf.getvalue())
((b'openbadges', '{"id": "https://example.org/a/1"}'), (None, None))
>>> unbake(b"GIF89a...")
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.baking.BakeError: not a PNG image

A badge compressed in its ``iTXt`` chunk is read, but never inflated beyond
:data:`MAX_TEXT_BYTES` (65 KB of zeros inflate to 64 MiB), and an image of more than
:data:`MAX_CHUNKS` chunks is not read further:

>>> chunk = KEYWORD + b"\\x00\\x01\\x00\\x00\\x00" + zlib.compress(b"{" * (MAX_TEXT_BYTES + 1))
>>> unbake(PngTemplate(buf.getvalue()).with_chunk(b"iTXt", chunk))
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.baking.BakeTooLargeError: the baked text is too large
>>> many = PngTemplate(buf.getvalue()).with_chunk(b"tEXt", b"x\\x00y", MAX_CHUNKS)
>>> unbake(many)
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.baking.BakeTooLargeError: too many PNG chunks
"""
import io
import zlib

import png

KEYWORD = b"openbadges"
#: the keyword of an Open Badges 3.0 credential (OB 3.0 §5.3, "Baking")
KEYWORD_OB3 = b"openbadgecredential"
#: the keywords of a badge chunk, any version
KEYWORDS = (KEYWORD, KEYWORD_OB3)
#: most text a badge may hold once inflated: a signed assertion is a few KB; 256 KB leaves room
#: for long evidence narratives while bounding what one upload costs in memory and CPU
MAX_TEXT_BYTES = 256 * 1024
#: most chunks read from one image: a badge image has a dozen (header, palette, a few image
#: data chunks, the badge); thousands of empty chunks only cost CPU
MAX_CHUNKS = 1000


class BakeError(ValueError):
    """The bytes are not a readable PNG image (or its badge chunk is malformed)."""


class BakeTooLargeError(BakeError):
    """The image has too many chunks, or its badge text inflates beyond the limit."""


def _chunks(png_bytes):
    """The ``(type, data)`` chunks of ``png_bytes``, at most :data:`MAX_CHUNKS` of them."""
    chunks = []
    try:
        reader = png.Reader(bytes=png_bytes).chunks()
        for chunk in reader:
            chunks.append(chunk)
            if len(chunks) > MAX_CHUNKS:
                break
    except (png.FormatError, png.ChunkError, EOFError, ValueError, TypeError):
        raise BakeError("not a PNG image")
    if len(chunks) > MAX_CHUNKS:
        raise BakeTooLargeError("too many PNG chunks")
    return chunks


def _inflate(data):
    """Inflate the zlib ``data`` of a compressed ``iTXt`` chunk, at most :data:`MAX_TEXT_BYTES`.

    :raises BakeTooLargeError: when it inflates to more
    :raises BakeError: when it is not zlib data
    """
    try:
        # max_length: zlib stops there and keeps the rest of the input unread
        text = zlib.decompressobj().decompress(data, MAX_TEXT_BYTES)
    except zlib.error:
        raise BakeError("the baked text is not readable")
    if len(text) >= MAX_TEXT_BYTES:
        raise BakeTooLargeError("the baked text is too large")
    return text


def _badge_keyword(chunk_type, data, keywords=KEYWORDS):
    """The keyword of a badge chunk among ``keywords``, ``None`` for any other chunk."""
    if chunk_type not in (b"iTXt", b"tEXt"):
        return None
    keyword = data.split(b"\x00", 1)[0]
    return keyword if keyword in keywords else None


def _is_badge_chunk(chunk_type, data):
    return _badge_keyword(chunk_type, data) is not None


def itxt_chunk_data(text, keyword=KEYWORD):
    """Return the data of the ``iTXt`` chunk: keyword, no compression, no language, UTF-8 text."""
    return keyword + b"\x00\x00\x00\x00\x00" + text.encode("utf-8")


class PngTemplate(object):
    """A badge image parsed once, to bake many assertions quickly."""

    def __init__(self, png_bytes):
        chunks = [c for c in _chunks(png_bytes) if not _is_badge_chunk(*c)]
        if not chunks or chunks[0][0] != b"IHDR" or chunks[-1][0] != b"IEND":
            raise BakeError("not a PNG image")
        # the badge goes right after the header, before the image data (displayers read early)
        self.head = chunks[:1]
        self.tail = chunks[1:]

    def bake(self, text, keyword=KEYWORD):
        return self.with_chunk(b"iTXt", itxt_chunk_data(text, keyword))

    def with_chunk(self, chunk_type, data, count=1):
        """The image with ``count`` chunks ``(chunk_type, data)`` after its header."""
        out = io.BytesIO()
        png.write_chunks(out, self.head + [(chunk_type, data)] * count + self.tail)
        return out.getvalue()


def bake(png_bytes, text, keyword=KEYWORD):
    """Return ``png_bytes`` with ``text`` baked in under ``keyword`` (:data:`KEYWORD` for an
    Open Badges 2.0 assertion, :data:`KEYWORD_OB3` for a 3.0 credential); an earlier baked
    badge, of either version, is replaced.

    :raises BakeError: when ``png_bytes`` is not a PNG image
    """
    return PngTemplate(png_bytes).bake(text, keyword)


def unbake(png_bytes, keyword=KEYWORD):
    """Return the text baked in ``png_bytes`` under ``keyword`` (``iTXt``, or the older
    ``tEXt``), or ``None``.

    :raises BakeTooLargeError: as :func:`find_baked`
    :raises BakeError: as :func:`find_baked`
    """
    return find_baked(png_bytes, (keyword,))[1]


def find_baked(png_bytes, keywords=KEYWORDS):
    """Return ``(keyword, text)`` of the first badge chunk of ``png_bytes`` whose keyword is one
    of ``keywords`` (either version by default), or ``(None, None)``.

    The one place where an uploaded image is read (the verification page): at most
    :data:`MAX_CHUNKS` chunks, and a text of at most :data:`MAX_TEXT_BYTES`, inflated or not.

    :raises BakeTooLargeError: when the image or its badge text exceeds these limits
    :raises BakeError: when ``png_bytes`` is not a PNG image or its badge chunk is malformed
    """
    for chunk_type, data in _chunks(png_bytes):
        keyword = _badge_keyword(chunk_type, data, keywords)
        if keyword is None:
            continue
        try:
            if chunk_type == b"tEXt":
                text = data.split(b"\x00", 1)[1]
                if len(text) > MAX_TEXT_BYTES:
                    raise BakeTooLargeError("the baked text is too large")
                return keyword, text.decode("latin-1")
            _keyword, rest = data.split(b"\x00", 1)
            compressed, rest = rest[0], rest[2:]  # compression flag, method
            _language, rest = rest.split(b"\x00", 1)
            _translated, text = rest.split(b"\x00", 1)
            text = _inflate(text) if compressed else text
            if len(text) > MAX_TEXT_BYTES:
                raise BakeTooLargeError("the baked text is too large")
            return keyword, text.decode("utf-8")
        except (IndexError, ValueError) as error:  # a missing separator, not UTF-8
            if isinstance(error, BakeError):
                raise
            raise BakeError("the baked text is not readable")
    return None, None
