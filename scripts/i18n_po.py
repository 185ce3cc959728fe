"""Refresh ``addons/<addon>/i18n/fr.po`` from the terms Odoo exports for the addon.

Existing French translations are kept; new terms get an empty msgstr for a translator to fill
(the addon's test_i18n test fails while any is empty). Runs against a database where the addon is
installed: ``scripts/i18n.sh ADDON`` prepares one.

Usage: python scripts/i18n_po.py CONFIG DATABASE ADDON
"""
import io
import os
import sys

import polib

import odoo
from odoo.tools.translate import trans_export


def export_template(conf, dbname, addon):
    odoo.tools.config.parse_config(["-c", conf])
    registry = odoo.registry(dbname)
    with odoo.api.Environment.manage(), registry.cursor() as cr:
        buf = io.BytesIO()
        trans_export(False, [addon], buf, "po", cr)
    return polib.pofile(buf.getvalue().decode("utf-8"))


def merge(template, path):
    old = polib.pofile(path) if os.path.exists(path) else polib.POFile()
    known = {entry.msgid: entry.msgstr for entry in old if entry.msgstr}
    template.metadata.update({
        "Project-Id-Version": "Odoo Server 11.0",
        "Language": "fr",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": "nplurals=2; plural=(n > 1);",
    })
    for entry in template:
        entry.msgstr = known.get(entry.msgid, "")
    template.save(path)
    return [entry.msgid for entry in template if not entry.msgstr]


def main(conf, dbname, addon):
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = os.path.join(root, "addons", addon, "i18n", "fr.po")
    os.makedirs(os.path.dirname(path), exist_ok=True)
    missing = merge(export_template(conf, dbname, addon), path)
    print("%s: %d terms to translate" % (path, len(missing)))
    for msgid in missing:
        print("  " + msgid.replace("\n", "\\n")[:120])


if __name__ == "__main__":
    main(*sys.argv[1:4])
