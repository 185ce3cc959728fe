"""The published rules of the alternance contracts that can be checked from the contract's data
(CERFA FA13 n° 10103 for the apprenticeship contract, EJ20 n° 12434 for the professionalisation
contract), without a database.

Every figure lives here, once, with the article of the Code du travail that sets it; the model
``pepites.alternance`` turns the contract into a :class:`Contract` and refuses what
:func:`violations` returns, whatever the path (form, XML-RPC, CSV import). The messages are the
French sentences users read (the UI is French and they name the article).

The rules apply to what the contract says: a rule whose data is missing (no birth date yet, no
pay rate yet) is not checked, so that a prospect can be recorded before its paperwork is
complete.
"""
import collections
import datetime
import math


def _(source):
    """Marks a message for the translation extractor: the model translates it with Odoo's ``_``
    when it raises (``_(template) % params``); the engine itself stays free of Odoo."""
    return source


APPRENTISSAGE, PROFESSIONNALISATION = "apprentissage", "professionnalisation"

#: Art. L6222-1: an apprentice is 16 to 29 years old (29 « révolus ») at the start of the
#: apprenticeship; 15 when they completed the first cycle of secondary school (end of 3e)
APPRENTICE_AGE_MIN = 16
APPRENTICE_AGE_MIN_AFTER_3E = 15
APPRENTICE_AGE_MAX = 29
#: Art. L6325-1 1°: the initial-training public of the professionalisation contract, 16 to 25;
#: 2° jobseekers of 26 or more; 3° and 4° any age for RSA, ASS, AAH beneficiaries or after a CUI
PRO_AGE_MIN = 16
PRO_YOUNG_AGE_MAX = 25
#: minimum social benefits (and the CUI) that open the professionalisation contract at any age
#: (Art. L6325-1 3° and 4°) and its extension to 36 months (Art. L6325-11, L6325-1-1)
PRO_ANY_AGE_BENEFITS = ("rsa", "ass", "aah", "cui")

#: Art. R6223-22 (décret n° 2018-1138, contracts concluded from 1 January 2019), failing a
#: branch agreement: one year of experience in the field with a diploma of the field of at least
#: the prepared level, two years without
TUTOR_YEARS_WITH_DIPLOMA = 1.0
TUTOR_YEARS_WITHOUT_DIPLOMA = 2.0
#: Art. D6325-6: the tutor of a professionalisation contract has two years of experience in a
#: qualification related to the aim of the contract
PRO_TUTOR_YEARS = 2.0

#: Art. D6222-26: minimum pay of an apprentice, % of the SMIC, by age bracket and year of
#: contract (from 21, of the conventional minimum when it is higher: Art. D6222-26 last §)
APPRENTICE_PAY = (
    # (age from, age to, (year 1, year 2, year 3))
    (0, 17, (27, 39, 55)),
    (18, 20, (43, 51, 67)),
    (21, 25, (53, 61, 78)),
    (26, 200, (100, 100, 100)),
)
#: Art. D6325-15: minimum pay of a professionalisation contract under 26, % of the SMIC (under 21,
#: 21 to 25), and the 10 points more for a holder of a bac pro or a professional diploma of the
#: same level; Art. D6325-18: from 26, the SMIC and at least 85 % of the conventional minimum
PRO_PAY_UNDER_21, PRO_PAY_21_25, PRO_PAY_QUALIFIED_BONUS = 55, 70, 10
PRO_PAY_26 = 100
PRO_PAY_26_CONVENTIONAL = 85

#: Art. L6222-7-1: an apprenticeship contract lasts 6 months to 3 years
APPRENTICE_MONTHS_MIN, APPRENTICE_MONTHS_MAX = 6, 36
#: Art. L6222-11 (with L6222-12-1 and the RQTH derogation of R6222-46): up to 4 years for an
#: apprentice with a recognised disability
APPRENTICE_MONTHS_MAX_RQTH = 48
#: Art. L6325-11: a professionalisation CDD (or the professionalisation action of a CDI) lasts
#: 6 to 12 months, up to 36 months for the publics of Art. L6325-1-1 (among them the people hired
#: by a SIAE, Art. L5132-1, and the beneficiaries of RSA, ASS, AAH or a CUI)
PRO_MONTHS_MIN, PRO_MONTHS_MAX, PRO_MONTHS_MAX_EXTENDED = 6, 12, 36

#: Art. L6222-18: either party may break an apprenticeship contract freely during the first
#: 45 days (consecutive or not) of practical training in the company
APPRENTICE_TRIAL_DAYS_MAX = 45
#: Art. L1242-10 (CDD): one day per week, 2 weeks at most for a contract of 6 months or less,
#: one month beyond; Art. L1221-19 (CDI): 4 months at most (executives, the longest)
CDD_TRIAL_DAYS_PER_WEEK, CDD_TRIAL_DAYS_SHORT_MAX, CDD_TRIAL_DAYS_LONG_MAX = 1, 14, 31
CDI_TRIAL_DAYS_MAX = 122

#: diploma levels (Cadre national des certifications, décret 2019-14): a level counts as a
#: « bac pro or equivalent » professional qualification from 4
QUALIFIED_LEVEL_MIN = 4

Contract = collections.namedtuple("Contract", [
    "contract_type",      # APPRENTISSAGE or PROFESSIONNALISATION
    "nature",             # "cdd" or "cdi" (professionalisation)
    "date_start",         # datetime.date or None
    "date_end",           # datetime.date or None
    "birthdate",          # datetime.date or None
    "finished_3e",        # bool: completed the first cycle of secondary school
    "rqth",               # bool: recognised disabled worker
    "age_exemption",      # bool: other case of Art. L6222-2 (business project, top athlete)
    "jobseeker",          # bool: registered jobseeker before the contract
    "benefit",            # one of PRO_ANY_AGE_BENEFITS or None
    "extended_public",    # bool: a public of Art. L6325-1-1 (36 months)
    "diploma_level",      # int or None: level of the highest diploma held
    "trial_days",         # int or None
    "pay_rates",          # (year 1, year 2, ...) % of the SMIC or None per year
    "pay_base",           # "smic" or "smc" (conventional minimum)
    "tutors",             # [(name, years of experience, diploma of the field: bool)]
    "concluded",          # False for a project (prospect): its dates are not checked yet
])
Contract.__new__.__defaults__ = (None,) * len(Contract._fields)


def age_on(birthdate, day):
    """Age in full years on ``day``.

    >>> age_on(datetime.date(2000, 3, 15), datetime.date(2016, 3, 14))
    15
    >>> age_on(datetime.date(2000, 3, 15), datetime.date(2016, 3, 15))
    16
    >>> age_on(datetime.date(2000, 2, 29), datetime.date(2017, 2, 28))
    16
    """
    return day.year - birthdate.year - ((day.month, day.day) < (birthdate.month, birthdate.day))


def add_months(day, months):
    """``day`` plus ``months`` months, the day clamped to the month's end.

    >>> add_months(datetime.date(2024, 1, 31), 1)
    datetime.date(2024, 2, 29)
    >>> add_months(datetime.date(2024, 9, 2), 12)
    datetime.date(2025, 9, 2)
    """
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    last = (datetime.date(year + month // 12, month % 12 + 1, 1) - datetime.timedelta(days=1)).day
    return datetime.date(year, month, min(day.day, last))


def duration_months(date_start, date_end):
    """The length of a contract in months, a started month counted when more than half of it
    runs (a contract from 2 Sept. to 1 Sept. next year lasts 12 months).

    >>> duration_months(datetime.date(2024, 9, 2), datetime.date(2025, 9, 1))
    12
    >>> duration_months(datetime.date(2024, 9, 2), datetime.date(2025, 3, 1))
    6
    >>> duration_months(datetime.date(2024, 9, 2), datetime.date(2025, 2, 10))
    5
    """
    months = (date_end.year - date_start.year) * 12 + date_end.month - date_start.month
    if add_months(date_start, months) > date_end + datetime.timedelta(days=1):
        months -= 1
    rest = (date_end + datetime.timedelta(days=1) - add_months(date_start, months)).days
    return months + (1 if rest > 15 else 0)


def contract_years(date_start, date_end):
    """How many years of contract (pay periods) the contract spans: 1 to 4.

    >>> contract_years(datetime.date(2024, 9, 2), datetime.date(2025, 9, 1))
    1
    >>> contract_years(datetime.date(2024, 9, 2), datetime.date(2026, 6, 30))
    2
    """
    return max(1, int(math.ceil(duration_months(date_start, date_end) / 12.0)))


def apprentice_pay_floor(age, year):
    """Minimum pay (% of the SMIC) of an apprentice of ``age`` in the ``year``-th year of contract
    (Art. D6222-26; a 4th year, for an extended contract, is paid as the 3rd, Art. D6222-28).

    >>> [apprentice_pay_floor(17, year) for year in (1, 2, 3)]
    [27, 39, 55]
    >>> [apprentice_pay_floor(19, year) for year in (1, 2, 3)]
    [43, 51, 67]
    >>> [apprentice_pay_floor(24, year) for year in (1, 2, 3, 4)]
    [53, 61, 78, 78]
    >>> apprentice_pay_floor(30, 1)
    100
    """
    for age_from, age_to, rates in APPRENTICE_PAY:
        if age_from <= age <= age_to:
            return rates[min(year, len(rates)) - 1]
    return 100


def pro_pay_floor(age, diploma_level=None):
    """Minimum pay (% of the SMIC) of a professionalisation contract (Art. D6325-15, D6325-18).

    >>> pro_pay_floor(19), pro_pay_floor(19, 4), pro_pay_floor(23), pro_pay_floor(23, 5)
    (55, 65, 70, 80)
    >>> pro_pay_floor(40, 6)
    100
    """
    if age >= 26:
        return PRO_PAY_26
    floor = PRO_PAY_UNDER_21 if age < 21 else PRO_PAY_21_25
    if diploma_level and diploma_level >= QUALIFIED_LEVEL_MIN:
        floor += PRO_PAY_QUALIFIED_BONUS
    return floor


def trial_days_max(contract):
    """The longest trial period the contract may have, in days.

    >>> trial_days_max(Contract(APPRENTISSAGE))
    45
    >>> cdd = Contract(PROFESSIONNALISATION, "cdd", datetime.date(2025, 1, 6),
    ...                datetime.date(2025, 3, 2))
    >>> trial_days_max(cdd)
    8
    >>> trial_days_max(cdd._replace(date_end=datetime.date(2025, 12, 31)))
    31
    >>> trial_days_max(cdd._replace(nature="cdi"))
    122
    """
    if contract.contract_type == APPRENTISSAGE:
        return APPRENTICE_TRIAL_DAYS_MAX
    if contract.nature == "cdi":
        return CDI_TRIAL_DAYS_MAX
    if not (contract.date_start and contract.date_end):
        return CDD_TRIAL_DAYS_LONG_MAX
    if duration_months(contract.date_start, contract.date_end) > 6:
        return CDD_TRIAL_DAYS_LONG_MAX
    weeks = ((contract.date_end - contract.date_start).days + 1) // 7
    return min(weeks * CDD_TRIAL_DAYS_PER_WEEK, CDD_TRIAL_DAYS_SHORT_MAX)


def _age_violations(contract, age):
    if contract.contract_type == APPRENTISSAGE:
        low = APPRENTICE_AGE_MIN_AFTER_3E if contract.finished_3e else APPRENTICE_AGE_MIN
        if age < low:
            return [(_("Un·e apprenti·e a au moins %d ans au début du contrat (%d ans avec la "
                       "classe de 3e achevée) : %d ans (art. L6222-1 du Code du travail)."),
                     (APPRENTICE_AGE_MIN, APPRENTICE_AGE_MIN_AFTER_3E, age))]
        if age > APPRENTICE_AGE_MAX and not (contract.rqth or contract.age_exemption):
            return [(_("Un·e apprenti·e a au plus %d ans révolus au début du contrat, sauf RQTH "
                       "ou autre cas de l'art. L6222-2 : %d ans (art. L6222-1 du Code du "
                       "travail)."), (APPRENTICE_AGE_MAX, age))]
        return []
    if age < PRO_AGE_MIN:
        return [(_("Un contrat de professionnalisation se conclut à partir de %d ans : %d ans "
                   "(art. L6325-1 du Code du travail)."), (PRO_AGE_MIN, age))]
    if age > PRO_YOUNG_AGE_MAX and not contract.jobseeker and \
            contract.benefit not in PRO_ANY_AGE_BENEFITS:
        return [(_("À %d ans, un contrat de professionnalisation est ouvert aux demandeur·ses "
                   "d'emploi et aux bénéficiaires du RSA, de l'ASS, de l'AAH ou d'un CUI "
                   "(art. L6325-1 du Code du travail)."), (age,))]
    return []


def _tutor_violations(contract):
    messages = []
    for name, years, field_diploma in contract.tutors or ():
        if years is None:
            continue
        if contract.contract_type == APPRENTISSAGE:
            needed = TUTOR_YEARS_WITH_DIPLOMA if field_diploma else TUTOR_YEARS_WITHOUT_DIPLOMA
            if years < needed:
                template = _(
                    "Le maître d'apprentissage %s doit justifier de %g an(s) d'expérience en "
                    "rapport avec la qualification préparée avec un diplôme du domaine : %g "
                    "an(s) (art. R6223-22 du Code du travail).") if field_diploma else _(
                    "Le maître d'apprentissage %s doit justifier de %g an(s) d'expérience en "
                    "rapport avec la qualification préparée sans diplôme du domaine : %g an(s) "
                    "(art. R6223-22 du Code du travail).")
                messages.append((template, (name, needed, years)))
        elif years < PRO_TUTOR_YEARS:
            messages.append((_(
                "Le tuteur ou la tutrice %s doit justifier de %g ans d'expérience dans une "
                "qualification en rapport avec l'objectif du contrat : %g an(s) "
                "(art. D6325-6 du Code du travail)."), (name, PRO_TUTOR_YEARS, years)))
    return messages


def _duration_violations(contract):
    # a project's dates are provisional (often its session's): the law's durations bind the
    # contract from its signature on
    if contract.concluded is False or not (contract.date_start and contract.date_end):
        return []
    months = duration_months(contract.date_start, contract.date_end)
    if contract.contract_type == APPRENTISSAGE:
        high = APPRENTICE_MONTHS_MAX_RQTH if contract.rqth else APPRENTICE_MONTHS_MAX
        if not APPRENTICE_MONTHS_MIN <= months <= high:
            return [(_("Un contrat d'apprentissage dure de %d mois à %d ans (%d ans avec une "
                       "RQTH) : %d mois (art. L6222-7-1 du Code du travail)."),
                     (APPRENTICE_MONTHS_MIN, APPRENTICE_MONTHS_MAX // 12,
                      APPRENTICE_MONTHS_MAX_RQTH // 12, months))]
        return []
    extended = contract.extended_public or contract.benefit in PRO_ANY_AGE_BENEFITS
    high = PRO_MONTHS_MAX_EXTENDED if extended else PRO_MONTHS_MAX
    if not PRO_MONTHS_MIN <= months <= high:
        return [(_("Un contrat (ou une action) de professionnalisation dure de %d à %d mois, "
                   "jusqu'à %d mois pour les publics de l'art. L6325-1-1 (salarié·es des SIAE, "
                   "RSA, ASS, AAH, CUI) : %d mois (art. L6325-11 du Code du travail)."),
                 (PRO_MONTHS_MIN, PRO_MONTHS_MAX, PRO_MONTHS_MAX_EXTENDED, months))]
    return []


def _trial_violations(contract):
    if not contract.trial_days:
        return []
    high = trial_days_max(contract)
    if contract.trial_days > high:
        article = "L6222-18" if contract.contract_type == APPRENTISSAGE else (
            "L1221-19" if contract.nature == "cdi" else "L1242-10")
        return [(_("La période d'essai de ce contrat est de %d jours au plus : %d jours "
                   "(art. %s du Code du travail)."), (high, contract.trial_days, article))]
    return []


def _pay_violations(contract):
    """The rate of each year of contract against the floor of the age the apprentice has when
    that year starts (the rate rises with the bracket from the month after the birthday,
    Art. D6222-29: a year's rate below its opening floor is wrong whatever follows)."""
    messages = []
    for index, rate in enumerate(contract.pay_rates or (), start=1):
        if rate is None or rate is False:
            continue
        age = age_on(contract.birthdate, add_months(contract.date_start, 12 * (index - 1)))
        if contract.contract_type == APPRENTISSAGE:
            # from 21 the rate applies to the conventional minimum when it is higher: a rate of
            # the SMC at least the SMIC floor is at least the floor
            floor, article = apprentice_pay_floor(age, index), "D6222-26"
        else:
            floor = pro_pay_floor(age, contract.diploma_level)
            if age >= 26 and contract.pay_base == "smc":
                floor = PRO_PAY_26_CONVENTIONAL
            article = "D6325-18" if age >= 26 else "D6325-15"
        if rate < floor:
            messages.append((_(
                "Année %d du contrat : la rémunération minimale à %d ans est de %g %% (%g %% "
                "saisis) (art. %s du Code du travail)."), (index, age, floor, rate, article)))
    return messages


def messages(contract):
    """:func:`violations` as sentences, untranslated (the engine's doctests, scripts)."""
    return [template % params for template, params in violations(contract)]


def violations(contract):
    """The rules the contract breaks, as ``(template, params)`` (the template French, marked
    for translation; empty when the contract keeps every rule).

    >>> apprentice = Contract(
    ...     APPRENTISSAGE, "cdd", datetime.date(2025, 9, 1), datetime.date(2027, 8, 31),
    ...     birthdate=datetime.date(2006, 5, 10), trial_days=45, pay_rates=(43, 51),
    ...     tutors=[("Marie Dupont", 1, True)])
    >>> messages(apprentice)
    []
    >>> messages(apprentice._replace(pay_rates=(43, 50)))
    ['Année 2 du contrat : la rémunération minimale à 20 ans est de 51 % (50 % saisis) (art. D6222-26 du Code du travail).']
    >>> messages(apprentice._replace(birthdate=datetime.date(1990, 1, 1), pay_rates=None))
    ["Un·e apprenti·e a au plus 29 ans révolus au début du contrat, sauf RQTH ou autre cas de l'art. L6222-2 : 35 ans (art. L6222-1 du Code du travail)."]
    >>> messages(apprentice._replace(birthdate=datetime.date(1990, 1, 1), pay_rates=None, rqth=True))
    []
    >>> len(violations(apprentice._replace(birthdate=datetime.date(2010, 6, 1), pay_rates=None)))
    1
    >>> messages(apprentice._replace(birthdate=datetime.date(2010, 6, 1), pay_rates=None, finished_3e=True))
    []
    >>> messages(apprentice._replace(tutors=[("Paul Martin", 1.5, False)]))
    ["Le maître d'apprentissage Paul Martin doit justifier de 2 an(s) d'expérience en rapport avec la qualification préparée sans diplôme du domaine : 1.5 an(s) (art. R6223-22 du Code du travail)."]
    >>> messages(apprentice._replace(trial_days=60))
    ["La période d'essai de ce contrat est de 45 jours au plus : 60 jours (art. L6222-18 du Code du travail)."]
    >>> messages(apprentice._replace(date_end=datetime.date(2029, 8, 31), concluded=False))
    []
    >>> messages(apprentice._replace(date_end=datetime.date(2029, 8, 31)))[0][:60]
    "Un contrat d'apprentissage dure de 6 mois à 3 ans (4 ans ave"
    >>> pro = Contract(PROFESSIONNALISATION, "cdd", datetime.date(2025, 9, 1),
    ...                datetime.date(2026, 8, 31), birthdate=datetime.date(1980, 1, 1),
    ...                jobseeker=True, trial_days=30, pay_rates=(100,))
    >>> messages(pro)
    []
    >>> messages(pro._replace(jobseeker=False))[0][:60]
    'À 45 ans, un contrat de professionnalisation est ouvert aux '
    >>> messages(pro._replace(jobseeker=False, benefit="rsa"))
    []
    >>> messages(pro._replace(date_end=datetime.date(2027, 8, 31)))[0][-35:]
    '(art. L6325-11 du Code du travail).'
    >>> messages(pro._replace(date_end=datetime.date(2027, 8, 31), extended_public=True))
    []
    >>> messages(pro._replace(birthdate=datetime.date(2004, 1, 1), pay_rates=(75,), diploma_level=4))
    ['Année 1 du contrat : la rémunération minimale à 21 ans est de 80 % (75 % saisis) (art. D6325-15 du Code du travail).']
    >>> messages(pro._replace(pay_rates=(85,), pay_base="smc"))
    []
    """
    messages = []
    age = None
    if contract.birthdate and contract.date_start:
        age = age_on(contract.birthdate, contract.date_start)
        messages += _age_violations(contract, age)
    messages += _tutor_violations(contract)
    messages += _duration_violations(contract)
    messages += _trial_violations(contract)
    if age is not None:
        messages += _pay_violations(contract)
    return messages


# ---------------------------------------------------------------- the forms' lists (FA13, EJ20)
# Shared by the model's Selection fields and the exports; the labels are the forms' wording.

SEXES = [("m", "Male"), ("f", "Female")]

#: FA13 « Situation avant ce contrat » (EJ20 asks the same facts)
SITUATIONS = [
    ("school", "Pupil (school)"),
    ("prep", "Apprenticeship preparation"),
    ("student", "Student"),
    ("apprentice", "Apprenticeship contract"),
    ("pro", "Professionalisation contract"),
    ("aided", "Subsidised contract"),
    ("cfa_trainee", "Trainee at the CFA before an apprenticeship contract"),
    ("cfa_rupture", "Trainee at the CFA after a broken contract"),
    ("trainee", "Other vocational trainee"),
    ("employee", "Employee"),
    ("jobseeker", "Jobseeker (registered or not with France Travail)"),
    ("inactive", "Inactive"),
]

#: EJ20: minimum social benefits (and the CUI) of the employee before the contract
BENEFITS = [
    ("none", "None"),
    ("rsa", "RSA"),
    ("ass", "ASS"),
    ("aah", "AAH"),
    ("cui", "After a CUI (subsidised contract)"),
]

#: levels of the Cadre national des certifications professionnelles (décret n° 2019-14)
DIPLOMA_LEVELS = [
    ("0", "No diploma"),
    ("3", "Level 3 (CAP, BEP)"),
    ("4", "Level 4 (bac, bac pro)"),
    ("5", "Level 5 (bac+2: BTS, DUT)"),
    ("6", "Level 6 (bac+3/4: licence, BUT)"),
    ("7", "Level 7 (bac+5: master)"),
    ("8", "Level 8 (doctorate)"),
]

#: FA13 « Dernière classe / année suivie »
LAST_CLASSES = [
    ("01", "Completed the last year of the cycle and obtained the diploma"),
    ("11", "Completed the 1st year of the cycle"),
    ("12", "Completed the 1st year of the cycle but left it"),
    ("21", "Completed the 2nd year of the cycle"),
    ("22", "Completed the 2nd year of the cycle but left it"),
    ("31", "Completed the 3rd year of the cycle"),
    ("32", "Completed the 3rd year of the cycle but left it"),
    ("40", "Completed the first cycle of secondary school (3e)"),
    ("41", "Left during the 3e"),
    ("42", "Left during the 4e"),
]

#: FA13 « Type d'employeur »: private 11–16, public 21–29
EMPLOYER_TYPES = [
    ("11", "Private: company registered with the Répertoire des métiers"),
    ("12", "Private: company registered with the RCS only"),
    ("13", "Private: employees under the MSA"),
    ("14", "Private: liberal profession"),
    ("15", "Private: association"),
    ("16", "Private: other private employer"),
    ("21", "Public: State service"),
    ("22", "Public: municipality"),
    ("23", "Public: département"),
    ("24", "Public: region"),
    ("25", "Public: public hospital"),
    ("26", "Public: local public school"),
    ("27", "Public: State administrative body"),
    ("28", "Public: local administrative body"),
    ("29", "Public: other public employer"),
]

#: FA13 « Type de contrat ou d'avenant », EJ20 « Type de contrat »
CONTRACT_KINDS = [
    ("initial", "First contract"),
    ("new_same", "New contract with the same employer"),
    ("new_other", "New contract with another employer"),
    ("after_rupture", "New contract after a broken one"),
    ("renewal", "Renewal"),
    ("amendment", "Amendment"),
]

CONTRACT_NATURES = [("cdd", "Fixed-term (CDD)"), ("cdi", "Permanent (CDI)")]

PAY_BASES = [("smic", "% of the SMIC"), ("smc", "% of the conventional minimum (SMC)")]


def employer_sector(employer_type):
    """``private`` or ``public`` from the FA13 employer type code.

    >>> employer_sector("15"), employer_sector("22"), employer_sector(False)
    ('private', 'public', False)
    """
    if not employer_type:
        return False
    return "public" if employer_type.startswith("2") else "private"


#: formats of the codes the forms ask (checked as typed, before the contract is saved)
NAF_PATTERN = r"^\d{2}\.?\d{2}[A-Z]$"
IDCC_PATTERN = r"^\d{1,4}$"
UAI_PATTERN = r"^\d{7}[A-Z]$"
RNCP_PATTERN = r"^RNCP\d{3,6}$"
