"""What a registrant takes home from a discovery event: its date and time in words, in Paris
time, and its calendar file (iCalendar, RFC 5545).

Plain Python (no ORM): ``event.event`` gives the values (``_pepites_ics``,
``pepites_when``), the route ``/event/<event>/ics`` and the confirmation mail serve the file.

Times come in as naive UTC datetimes, as Odoo stores them; the calendar file carries them in
UTC (``...Z``), which every calendar reads without a time-zone table, and the words say them in
Paris time, summer or winter:

>>> from datetime import datetime
>>> when_text(datetime(2027, 1, 14, 8, 0), datetime(2027, 1, 14, 11, 0))
'jeudi 14 janvier 2027, de 9 h 00 à 12 h 00'
>>> when_text(datetime(2027, 7, 15, 7, 0), datetime(2027, 7, 15, 10, 30))
'jeudi 15 juillet 2027, de 9 h 00 à 12 h 30'
"""
import datetime

import pytz
import vobject
from babel.dates import format_date

#: where the programme's events take place
PARIS = "Europe/Paris"
#: the product identifier of the calendar files PEPITES makes
PRODID = "-//INAE//PEPITES ERP//FR"


def _local(moment, tz):
    """A naive UTC datetime as an aware datetime of ``tz``."""
    return pytz.utc.localize(moment).astimezone(pytz.timezone(tz))


def _hour(moment, lang):
    """'9 h 00' in French, '09:00' otherwise."""
    if lang.startswith("fr"):
        return "%d h %02d" % (moment.hour, moment.minute)
    return moment.strftime("%H:%M")


def when_text(start, end, tz=PARIS, lang="fr_FR"):
    """The date and times of an event in words, in the time zone of the event.

    :param datetime start: the start, naive UTC (as stored by Odoo)
    :param datetime end: the end, naive UTC
    :param str tz: the time zone the reader lives in
    :param str lang: ``fr_FR`` (the site's language) or another locale for Babel's day names

    An event over several days names both days:

    >>> from datetime import datetime
    >>> when_text(datetime(2027, 3, 27, 8, 0), datetime(2027, 3, 28, 15, 0))
    'du samedi 27 mars 2027 à 9 h 00 au dimanche 28 mars 2027 à 17 h 00'
    >>> when_text(datetime(2027, 1, 14, 8, 0), datetime(2027, 1, 14, 11, 0), lang="en_US")
    'Thursday, January 14, 2027, 09:00 – 12:00'
    """
    start, end = _local(start, tz), _local(end, tz)
    french = lang.startswith("fr")
    pattern = "EEEE d MMMM y" if french else "EEEE, MMMM d, y"
    day_start = format_date(start.date(), pattern, locale=lang)
    if start.date() == end.date():
        if french:
            return "%s, de %s à %s" % (day_start, _hour(start, lang), _hour(end, lang))
        return "%s, %s – %s" % (day_start, _hour(start, lang), _hour(end, lang))
    day_end = format_date(end.date(), pattern, locale=lang)
    if french:
        return "du %s à %s au %s à %s" % (day_start, _hour(start, lang), day_end,
                                          _hour(end, lang))
    return "%s %s – %s %s" % (day_start, _hour(start, lang), day_end, _hour(end, lang))


def event_ics(uid, summary, start, end, location="", description="", url="", stamp=None):
    """The calendar file of one event: one VEVENT, the same for everyone who registers (no
    attendee, nobody's name: the file may be forwarded).

    :param str uid: stable per event (a second download updates the entry instead of
        doubling it), e.g. ``pepites-event-42@host``
    :param datetime start: naive UTC
    :param datetime end: naive UTC
    :param datetime stamp: when the file was made (naive UTC; now when None)
    :returns: bytes, UTF-8, CRLF line ends

    >>> from datetime import datetime
    >>> ics = event_ics("pepites-event-7@pepites.example.org", "Rallye Gironde",
    ...                 datetime(2027, 7, 15, 7, 0), datetime(2027, 7, 15, 10, 0),
    ...                 location="Mairie, 1 place de la Victoire, 33000 Bordeaux",
    ...                 description="Rallye interconnaissance", url="https://x.example/event/7",
    ...                 stamp=datetime(2027, 1, 1))
    >>> event = vobject.readOne(ics.decode("utf-8")).vevent
    >>> event.uid.value, event.summary.value
    ('pepites-event-7@pepites.example.org', 'Rallye Gironde')
    >>> event.dtstart.value.isoformat(), event.dtend.value.isoformat()
    ('2027-07-15T07:00:00+00:00', '2027-07-15T10:00:00+00:00')
    >>> b"DTSTART:20270715T070000Z" in ics, event.location.value[:6], event.url.value
    (True, 'Mairie', 'https://x.example/event/7')
    """
    calendar = vobject.iCalendar()
    calendar.add("prodid").value = PRODID
    calendar.add("method").value = "PUBLISH"
    vevent = calendar.add("vevent")
    vevent.add("uid").value = uid
    vevent.add("dtstamp").value = pytz.utc.localize(stamp or datetime.datetime.utcnow())
    vevent.add("dtstart").value = pytz.utc.localize(start)
    vevent.add("dtend").value = pytz.utc.localize(end)
    vevent.add("summary").value = summary
    if location:
        vevent.add("location").value = location
    if description:
        vevent.add("description").value = description
    if url:
        vevent.add("url").value = url
    return calendar.serialize().encode("utf-8")
