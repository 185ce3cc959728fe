#!/usr/bin/env bash
# make restore BACKUP=<archive> [PEPITES_RESTORE_DB=<name>] [PEPITES_RESTORE_OVERWRITE=1]
# Restores a backup (database and filestore) into a database of that name (default: the name it
# was taken from), refusing an existing one unless PEPITES_RESTORE_OVERWRITE=1, then checks it
# (row counts and files against the archive's manifest, Odoo loads it, no module half-way).
# Every database but production (PEPITES_PROD_DB) is neutralised: no e-mail leaves it, crons
# that contact people are off (pepites_partners/models/pepites_database.py).
source "$(dirname "$0")/ops_lib.sh"
BACKUP="${BACKUP:-}"
[ -n "$BACKUP" ] || die "usage: make restore BACKUP=<archive> [PEPITES_RESTORE_DB=<name>]"
[ -f "$BACKUP" ] || die "no backup file $BACKUP"
ops_setup
TARGET="${PEPITES_RESTORE_DB:-$("$PY" -c 'import json, sys, zipfile
print(json.loads(zipfile.ZipFile(sys.argv[1]).read("manifest.json"))["db_name"])' "$BACKUP")}"
[ -n "$TARGET" ] || die "no database name: set PEPITES_RESTORE_DB"
ops_conf "$TARGET"
ARGS=("$OPS_CONF" "$BACKUP" "$TARGET" "$PEPITES_PROD_DB"
      --base-url "${PEPITES_RESTORE_URL:-http://127.0.0.1:$PEPITES_HTTP_PORT}")
[ "${PEPITES_RESTORE_OVERWRITE:-0}" = 1 ] && ARGS+=(--overwrite)
"${OPS[@]}" restore "${ARGS[@]}" || die "restore into $TARGET failed (nothing replaced)"
if [ "$TARGET" = "$PEPITES_PROD_DB" ]; then
  say "restored into the production database $TARGET (live: not neutralised)"
else
  say "restored into $TARGET, neutralised (no e-mail, crons that contact people off);"
  say "  serve it with: PEPITES_DB=$TARGET make run"
fi
