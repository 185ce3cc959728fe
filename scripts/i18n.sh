#!/usr/bin/env bash
# scripts/i18n.sh ADDON — refresh addons/ADDON/i18n/fr.po (keeps translations, adds new terms empty).
# Uses a scratch database copied from the test template, so it never touches the run database.
source "$(dirname "$0")/lib.sh"
ADDON="${1:?usage: scripts/i18n.sh ADDON}"
setup_all
export PEPITES_TEST_ADDONS="$ADDON" PEPITES_KEEP_TEST_DB=1 PEPITES_SKIP_TESTS=1
OUT="$(bash "$ROOT/scripts/test.sh" 2>&1)" || true
DB="$(printf '%s\n' "$OUT" | sed -n 's/.*kept test database \(pepites_test_[0-9_]*\).*/\1/p' | tail -1)"
[ -n "$DB" ] || { printf '%s\n' "$OUT" | tail -30; die "could not prepare a database with $ADDON"; }
CONF="$VAR/odoo-i18n-$$.conf"
render_config "$CONF" "$DB" 0
sed -i "/^load_language/d" "$CONF"
"$PY" "$ROOT/scripts/i18n_po.py" "$CONF" "$DB" "$ADDON"
rm -f "$CONF"
psql_odoo -qc "DROP DATABASE IF EXISTS \"$DB\""
rm -rf "${VAR:?}/data/filestore/$DB"
