"""The SIRET rule of PEPITES, in one place: the directory's constraint on organisations, the
data·inclusion import and the alternance contracts' employer and training centre all ask it.

python-stdnum checks the format and both Luhn keys (SIREN and SIRET); PEPITES refuses on top the
all-zero number, whose keys are right but which names no establishment (a placeholder typed to
get past a required field).

>>> clean("732 829 320 00074")
'73282932000074'
>>> clean("73282932000075") is None, clean("00000000000000") is None, clean("") is None
(True, True, True)
>>> clean(None) is None, clean("7328293200007") is None
(True, True)
>>> compact(" 732.829.320 00074 ")
'73282932000074'
"""
from stdnum.exceptions import ValidationError
from stdnum.fr import siret as stdnum_siret


def clean(value):
    """The SIRET in ``value`` without spaces or dots when it is a valid one, else None.

    :param str value: a SIRET as typed or read from a file (None or empty: None)
    """
    if not value:
        return None
    try:
        compact = stdnum_siret.validate(value)
    except ValidationError:
        return None
    return compact if compact.strip("0") else None


def compact(value):
    """``value`` without the spaces and dots people type in a SIRET (valid or not: what is
    stored is then checked by :func:`clean`)."""
    return stdnum_siret.compact(value)
