"""Shared check that an addon's French translation is complete (used by every PEPITES addon).

It exports the addon's terms exactly as Odoo's "Export translation" would, and compares them with
``i18n/fr.po``: a term missing from the file, or present with an empty msgstr, fails the test.
``scripts/i18n.sh ADDON`` refreshes the file with the new terms to translate.
"""
import io
import os

import polib

from odoo.modules.module import get_module_path
from odoo.tools.translate import trans_export


def untranslated_terms(env, module):
    """Return the msgids of ``module`` that ``i18n/fr.po`` does not translate."""
    buf = io.BytesIO()
    trans_export(False, [module], buf, "po", env.cr)
    exported = polib.pofile(buf.getvalue().decode("utf-8"))
    path = os.path.join(get_module_path(module), "i18n", "fr.po")
    translated = set()
    if os.path.exists(path):
        translated = {entry.msgid for entry in polib.pofile(path) if entry.msgstr}
    return sorted(entry.msgid for entry in exported if entry.msgid not in translated)


def assert_french_complete(case, module):
    missing = untranslated_terms(case.env, module)
    if missing:
        case.fail("%d term(s) of %s lack a French translation (run scripts/i18n.sh %s):\n%s"
                  % (len(missing), module, module, "\n".join(m[:100] for m in missing[:40])))
