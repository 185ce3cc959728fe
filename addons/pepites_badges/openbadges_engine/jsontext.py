"""JSON sent by strangers (a badge pasted or uploaded on the public verification page, the
payload of a JWS): parsed with its nesting and its integers bounded, so that hostile input is a
``ValueError`` like any other malformed text, never a ``RecursionError`` (50,000 nested ``[``)
nor a slow conversion of a number of 200,000 digits.

>>> loads('{"id": "https://x.example.org/a/1", "evidence": [{"n": 2}]}')
{'id': 'https://x.example.org/a/1', 'evidence': [{'n': 2}]}
>>> loads("[" * 50000)
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.jsontext.JsonTextError: nested deeper than 32 levels
>>> loads('{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[\\\\\\\\", "b": "\\\\"{"}')["b"]
'"{'
>>> loads('{"n": ' + "9" * 100 + "}")
Traceback (most recent call last):
...
odoo.addons.pepites_badges.openbadges_engine.jsontext.JsonTextError: number too long
>>> depth('{"a": [1, [2]], "b": {}}'), depth('"[[[" [')
(3, 1)
"""
import json
import re

#: an Open Badges document nests 4 or 5 levels (assertion, evidence, alignment...)
MAX_DEPTH = 32
#: digits of an integer: ids and timestamps have fewer than 20
MAX_INT_DIGITS = 40
#: a JSON string, its closing quote optional: every match starts where the previous ended (no
#: backtracking into a string, linear even on 100,000 unclosed quotes)
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"?', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")


class JsonTextError(ValueError):
    """The text is not JSON we accept (malformed, too deep, a number too long)."""


def depth(text, limit=None):
    """The deepest nesting of brackets in the JSON ``text``, brackets inside strings aside.

    Strings and everything but brackets are removed by two linear regular expressions, then the
    brackets are counted; stops early once ``limit`` is exceeded.
    """
    brackets = _NOT_BRACKET.sub("", _STRING.sub("", text))
    deepest = level = 0
    for char in brackets:
        if char in "[{":
            level += 1
            if level > deepest:
                deepest = level
                if limit is not None and deepest > limit:
                    break
        else:
            level -= 1
    return deepest


def _integer(digits):
    if len(digits.lstrip("-")) > MAX_INT_DIGITS:
        raise JsonTextError("number too long")
    return int(digits)


def loads(text, max_depth=MAX_DEPTH):
    """``json.loads(text)`` for untrusted text.

    :raises JsonTextError: when ``text`` is not JSON, nests deeper than ``max_depth`` or holds
        an integer of more than :data:`MAX_INT_DIGITS` digits
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError:
            raise JsonTextError("not UTF-8")
    if not isinstance(text, str):
        raise JsonTextError("not a text")
    opening = text.count("[") + text.count("{")  # a badge has a dozen: no need to scan it
    if opening > max_depth and depth(text, max_depth) > max_depth:
        raise JsonTextError("nested deeper than %d levels" % max_depth)
    try:
        return json.loads(text, parse_int=_integer)
    except JsonTextError:
        raise
    except (ValueError, RecursionError):
        raise JsonTextError("not JSON")
