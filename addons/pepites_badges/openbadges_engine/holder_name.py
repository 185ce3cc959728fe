"""The name of a badge's holder as the human verification page shows it (issue 16).

Badgr shows the holder's name ("awarded to"); PEPITES shows it only as its holder chooses, and
by default as initials: a verification page is public and indexed by nobody's consent, and
most holders are people in an integration pathway (IAE) whose full name next to "chantier
d'insertion" tells more than a recruiter needs. Initials let a recruiter match the badge to the
CV in hand; the full name is for a holder who wants it. The Open Badges document never carries
the name (its recipient stays a salted hash): only the human page shows this.

>>> initials("Alice Martin")
'A. M.'
>>> initials("  jean-pierre   de la Tour ")
'J.-P. D. L. T.'
>>> initials("Émilie")
'É.'
>>> initials("")
''
>>> shown_name("Alice Martin", FULL), shown_name("Alice Martin", INITIALS)
('Alice Martin', 'A. M.')
>>> shown_name("Alice Martin", NONE) is None, shown_name("Alice Martin", "other")
(True, 'A. M.')
"""
FULL, INITIALS, NONE = "full", "initials", "none"
#: the choices a holder has; the default is the first-safe one, initials
DISPLAYS = (FULL, INITIALS, NONE)
DEFAULT = INITIALS


def _word_initial(word):
    """``J.-P.`` for ``jean-pierre``, ``A.`` for ``alice``."""
    return "-".join(part[:1].upper() + "." for part in word.split("-") if part)


def initials(name):
    """The initials of ``name``, each followed by a dot, words separated by a space."""
    return " ".join(_word_initial(word) for word in (name or "").split() if word.strip("-"))


def shown_name(name, display):
    """What the verification page shows of ``name`` for the holder's choice ``display`` (None:
    nothing); an unknown choice falls back on the default, initials."""
    if display == NONE or not name:
        return None
    if display == FULL:
        return name.strip()
    return initials(name) or None
