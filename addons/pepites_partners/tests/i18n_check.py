"""Shared check that an addon's French translation is complete (used by every PEPITES addon).

It exports the addon's terms exactly as Odoo's "Export translation" would, and compares them with
``i18n/fr.po``: a term missing from the file, present with an empty msgstr, without its
``#. module:`` comment, or not naming a record that uses it (a view, a field, a menu), fails the
test.
``scripts/i18n.sh ADDON`` refreshes the file with the new terms to translate.
"""
import io
import os
import re

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
            # a record without an xmlid of its own gets a made-up one ending in its id: not
            # a name the file could hold
            if ref.startswith("model:") and not re.search(r"_\d+$", ref) \
                    and (entry.msgid, ref) not in translated:
                missing.add("%s (for %s)" % (entry.msgid, ref))
    return sorted(missing)


def glued_entries(module):
    """Line numbers of ``i18n/fr.po`` where an entry starts right after the previous one's
    msgstr, without the blank line between them: Odoo's own reader then reads the comment
    lines into that msgstr (a merge of two branches that both appended entries does this)."""
    path = os.path.join(get_module_path(module), "i18n", "fr.po")
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as po_file:
        lines = po_file.read().splitlines()
    return [number + 1 for number, line in enumerate(lines)
            if number and line.startswith("#") and lines[number - 1].strip()
            and not lines[number - 1].startswith("#")]


def assert_french_complete(case, module):
    glued = glued_entries(module)
    if glued:
        case.fail("i18n/fr.po of %s: an entry glued to the previous one (no blank line) at "
                  "line(s) %s" % (module, ", ".join(map(str, glued[:20]))))
    missing = untranslated_terms(case.env, module)
    if missing:
        case.fail("%d term(s) of %s lack a French translation (run scripts/i18n.sh %s):\n%s"
                  % (len(missing), module, module, "\n".join(m[:100] for m in missing[:40])))
