"""Shared check that an addon's French translation is complete (used by every PEPITES addon).

It exports the addon's terms exactly as Odoo's "Export translation" would, and compares them with
``i18n/fr.po``: a term missing from the file, present with an empty msgstr, without its
``#. module:`` comment, or not naming a record that uses it (a view, a field, a menu), fails the
test.
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
        for entry in polib.pofile(path):
            # Odoo's reader skips an entry without its "module:" comment, and loads a record's
            # term (a view, a field, a menu) for the records its references name only
            if entry.msgstr and ("module: %s" % module) in (entry.comment or ""):
                translated.add((entry.msgid, None))
                translated.update((entry.msgid, ref) for ref, _line in entry.occurrences)
    missing = set()
    for entry in exported:
        if (entry.msgid, None) not in translated:
            missing.add(entry.msgid)
            continue
        for ref, _line in entry.occurrences:
            if ref.startswith("model:") and (entry.msgid, ref) not in translated:
                missing.add("%s (for %s)" % (entry.msgid, ref))
    return sorted(missing)


def assert_french_complete(case, module):
    missing = untranslated_terms(case.env, module)
    if missing:
        case.fail("%d term(s) of %s lack a French translation (run scripts/i18n.sh %s):\n%s"
                  % (len(missing), module, module, "\n".join(m[:100] for m in missing[:40])))
