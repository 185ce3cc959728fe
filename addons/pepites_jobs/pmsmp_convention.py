"""The PMSMP convention's signature rule, in plain Python (no database).

A PMSMP (période de mise en situation en milieu professionnel) is a tripartite convention:

- **who signs**: the beneficiary, the host SIAE and the prescriber (:data:`SIGNATORIES`), each
  once, each signature dated in its own field of ``pepites.immersion``;
- **in what order**: any order; the convention is sent for signature first (state
  ``to_sign``), and a party that already signed cannot sign again;
- **when it is complete**: when the three have signed; the last signature makes the
  convention ``signed`` (:func:`signature_values`), and only a complete convention can be
  validated by the prescriber (:func:`is_complete`);
- **going back to draft** erases the three signatures (:func:`unsigned_values`).

``models/pepites_immersion.py`` applies these rules to its records and says, in French, why
it refuses; this module only decides.

>>> signed = {"beneficiary": "2026-12-01", "host": False, "prescriber": None}
>>> missing_signatories(signed)
['host', 'prescriber']
>>> signature_values("host", signed, "2026-12-02")
{'host_signed_date': '2026-12-02'}
>>> signed["prescriber"] = "2026-12-02"
>>> signature_values("host", signed, "2026-12-03")
{'host_signed_date': '2026-12-03', 'state': 'signed'}
"""
from collections import OrderedDict

#: who signs the convention, and the field holding the date of each signature
SIGNATORIES = OrderedDict([
    ("beneficiary", "beneficiary_signed_date"),
    ("host", "host_signed_date"),
    ("prescriber", "prescriber_signed_date"),
])

#: the state of a convention waiting for signatures, and of one the three parties signed
WAITING_STATE = "to_sign"
SIGNED_STATE = "signed"


def is_signatory(party):
    """Whether ``party`` signs a PMSMP convention.

    >>> is_signatory("host"), is_signatory("tutor"), is_signatory(None)
    (True, False, False)
    """
    return party in SIGNATORIES


def signatures(record):
    """The signatures of a convention, ``{party: date or a false value}``.

    :param record: anything indexable by the signature fields (a ``pepites.immersion``
        record, a dict of its values)

    >>> signatures({"beneficiary_signed_date": "2026-12-01", "host_signed_date": False,
    ...             "prescriber_signed_date": False})["beneficiary"]
    '2026-12-01'
    """
    return {party: record[field] for party, field in SIGNATORIES.items()}


def missing_signatories(signed):
    """The parties who have not signed yet, in the order of :data:`SIGNATORIES`.

    :param dict signed: ``{party: date or a false value}`` (see :func:`signatures`)

    >>> missing_signatories({"beneficiary": False, "host": "2026-12-01", "prescriber": ""})
    ['beneficiary', 'prescriber']
    """
    return [party for party in SIGNATORIES if not signed.get(party)]


def is_complete(signed):
    """Whether the three parties have signed: the convention may then be validated.

    >>> is_complete({"beneficiary": "d", "host": "d", "prescriber": "d"})
    True
    >>> is_complete({"beneficiary": "d", "host": "d"})
    False
    """
    return not missing_signatories(signed)


def derived_state(signed):
    """The state the signatures give a convention sent for signature.

    >>> derived_state({"beneficiary": "d", "host": "d", "prescriber": False})
    'to_sign'
    >>> derived_state({"beneficiary": "d", "host": "d", "prescriber": "d"})
    'signed'
    """
    return SIGNED_STATE if is_complete(signed) else WAITING_STATE


def signature_values(party, signed, date):
    """The values to write when ``party`` signs on ``date``: the date of their signature,
    and the state ``signed`` when theirs is the last one missing.

    :param str party: a key of :data:`SIGNATORIES` (check it with :func:`is_signatory`)
    :param dict signed: the signatures before this one (see :func:`signatures`)
    :raises ValueError: when ``party`` has already signed (the caller says it to the user)

    >>> signature_values("beneficiary", {}, "2026-12-01")
    {'beneficiary_signed_date': '2026-12-01'}
    >>> signature_values("beneficiary", {"beneficiary": "2026-12-01"}, "2026-12-02")
    Traceback (most recent call last):
    ...
    ValueError: beneficiary has already signed
    """
    if signed.get(party):
        raise ValueError("%s has already signed" % party)
    after = dict(signed)
    after[party] = date
    values = {SIGNATORIES[party]: date}
    if is_complete(after):
        values["state"] = SIGNED_STATE
    return values


def unsigned_values():
    """The values that erase every signature (a convention back to draft).

    >>> sorted(unsigned_values().items())[0]
    ('beneficiary_signed_date', False)
    """
    return {field: False for field in SIGNATORIES.values()}
