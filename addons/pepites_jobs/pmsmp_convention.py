"""The PMSMP convention's signature rule, in plain Python (no database).

A PMSMP (période de mise en situation en milieu professionnel) is a tripartite convention:

- **who signs**: the beneficiary, the host SIAE and the prescriber (:data:`SIGNATORIES`), each
  once, each signature dated in its own field of ``pepites.immersion``, with who signed, when
  (UTC) and from which address (:data:`SIGNATURE_DETAILS`: an electronic signature is only
  worth what it records);
- **in what order**: the convention is drafted, then sent for signature (state ``to_sign``),
  and only then signed; among the parties, any order (the official form imposes none, and the
  prescriber often signs before the host); a party that already signed cannot sign again
  (:func:`refusal` says which rule a signature breaks);
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

#: what each signature records besides its date: the user who signed, the moment (UTC), the
#: client's address and browser (``pepites.immersion`` fields, named by suffix)
SIGNATURE_DETAILS = ("by_id", "at", "ip", "agent")

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


def detail_field(party, detail):
    """The field of ``pepites.immersion`` holding one detail of a party's signature.

    >>> detail_field("host", "ip")
    'host_signed_ip'
    """
    return "%s_signed_%s" % (party, detail)


def refusal(party, state, signed):
    """Why ``party`` may not sign now, or ``None`` when they may: ``"unknown"`` (not one of
    the three signatories), ``"not_sent"`` (a draft: the content is still changing, nobody
    signs before it is sent for signature), ``"closed"`` (signed by the three, validated,
    started, ended or cancelled), ``"already_signed"``.

    >>> refusal("host", "draft", {})
    'not_sent'
    >>> refusal("host", "to_sign", {"host": "2026-12-01"})
    'already_signed'
    >>> refusal("host", "signed", {}), refusal("tutor", "to_sign", {})
    ('closed', 'unknown')
    >>> refusal("prescriber", "to_sign", {"host": "2026-12-01"}) is None
    True
    """
    if not is_signatory(party):
        return "unknown"
    if state == "draft":
        return "not_sent"
    if state != WAITING_STATE:
        return "closed"
    if signed.get(party):
        return "already_signed"
    return None


def signature_values(party, signed, date, details=None):
    """The values to write when ``party`` signs on ``date``: the date of their signature, its
    details (who, when, from where), and the state ``signed`` when theirs is the last one
    missing.

    :param str party: a key of :data:`SIGNATORIES` (check it with :func:`is_signatory`)
    :param dict signed: the signatures before this one (see :func:`signatures`)
    :param dict details: ``{detail: value}`` for the keys of :data:`SIGNATURE_DETAILS`
    :raises ValueError: when ``party`` has already signed (the caller says it to the user)

    >>> sorted(signature_values("host", {}, "2026-12-01", {"ip": "192.0.2.1"}).items())
    [('host_signed_date', '2026-12-01'), ('host_signed_ip', '192.0.2.1')]

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
    for detail, value in (details or {}).items():
        if detail not in SIGNATURE_DETAILS:
            raise ValueError("%s is not a detail of a signature" % detail)
        values[detail_field(party, detail)] = value
    if is_complete(after):
        values["state"] = SIGNED_STATE
    return values


def unsigned_values():
    """The values that erase every signature and its details (a convention back to draft).

    >>> sorted(unsigned_values().items())[:2]
    [('beneficiary_signed_agent', False), ('beneficiary_signed_at', False)]
    >>> len(unsigned_values())
    15
    """
    values = {field: False for field in SIGNATORIES.values()}
    for party in SIGNATORIES:
        values.update({detail_field(party, detail): False for detail in SIGNATURE_DETAILS})
    return values
