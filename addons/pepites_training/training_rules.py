"""Rules of the training records that need no database (importable and testable on their own).

They are shared by the ORM models (selection values, derived states) and by the tests, which run
the doctests below.
"""
import datetime

#: per-block result of a VAE jury
VAE_BLOCK_RESULTS = [
    ("validated", "Validated"),
    ("partial", "Partly validated"),
    ("not_validated", "Not validated"),
]

#: overall outcome of a VAE, derived from its per-block results
VAE_OUTCOMES = [
    ("pending", "Pending"),
    ("title", "Full title obtained"),
    ("partial", "Partial validation"),
    ("none", "Nothing validated"),
]

#: legal bounds of the weekly working time of an alternance contract (hours)
WEEKLY_HOURS_MIN = 1.0
WEEKLY_HOURS_MAX = 48.0


def vae_outcome(results, certification_block_ids):
    """Overall outcome of a VAE from the jury's result per block.

    :param dict results: ``{block_id: result}`` for each block the candidate presented, where
        result is one of VAE_BLOCK_RESULTS or a falsy value while the jury has not ruled
    :param certification_block_ids: every block of the certification
    :return: a key of VAE_OUTCOMES

    >>> vae_outcome({}, [1, 2])
    'pending'
    >>> vae_outcome({1: 'validated', 2: False}, [1, 2])
    'pending'
    >>> vae_outcome({1: 'validated', 2: 'validated'}, [1, 2])
    'title'
    >>> vae_outcome({1: 'validated', 2: 'not_validated'}, [1, 2])
    'partial'
    >>> vae_outcome({1: 'partial'}, [1, 2])
    'partial'
    >>> vae_outcome({1: 'validated'}, [1, 2])
    'partial'
    >>> vae_outcome({1: 'not_validated', 2: 'not_validated'}, [1, 2])
    'none'
    """
    if not results or not all(results.values()):
        return "pending"
    validated = {block for block, result in results.items() if result == "validated"}
    if certification_block_ids and set(certification_block_ids) <= validated:
        return "title"
    if validated or "partial" in results.values():
        return "partial"
    return "none"


def module_completed(required_slide_ids, done_slide_ids, quiz_required, quiz_passed, attended):
    """Whether a learner has completed a training module.

    A module with eLearning content (slides of its channel, and/or a quiz) is completed when every
    published slide is completed and the quiz, if any, is passed. A module without eLearning
    content is completed by attending one of its sessions.

    >>> module_completed({1, 2}, {1, 2, 3}, False, False, False)
    True
    >>> module_completed({1, 2}, {1}, False, False, True)
    False
    >>> module_completed({1}, {1}, True, False, False)
    False
    >>> module_completed(set(), set(), True, True, False)
    True
    >>> module_completed(set(), set(), False, False, True)
    True
    >>> module_completed(set(), set(), False, False, False)
    False
    """
    required_slide_ids = set(required_slide_ids)
    if not required_slide_ids and not quiz_required:
        return bool(attended)
    if not required_slide_ids <= set(done_slide_ids):
        return False
    return bool(quiz_passed) if quiz_required else True


def working_days(date_start, date_end):
    """Monday-to-Friday days between two dates, both included (the days of a training session).

    >>> days = working_days(datetime.date(2022, 9, 30), datetime.date(2022, 10, 4))
    >>> [d.isoformat() for d in days]
    ['2022-09-30', '2022-10-03', '2022-10-04']
    >>> working_days(datetime.date(2022, 10, 4), datetime.date(2022, 10, 3))
    []
    """
    days = []
    day = date_start
    while day <= date_end:
        if day.weekday() < 5:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days
