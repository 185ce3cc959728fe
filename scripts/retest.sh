#!/usr/bin/env bash
# Developer loop: re-run some addons' tests on a database kept by an earlier
#   PEPITES_KEEP_TEST_DB=1 PEPITES_TEST_ADDONS=pepites_badges make test
# without rebuilding it. Updates (-u) the named addons with --test-enable (Odoo also updates and
# tests the addons that depend on them) and gives the same verdict as make test.
#   scripts/retest.sh DB ADDON[,ADDON...]
source "$(dirname "$0")/lib.sh"
[ $# -eq 2 ] || die "usage: scripts/retest.sh DB ADDON[,ADDON...]"
DB="$1" ADDONS="$2"
ensure_postgres
db_exists "$DB" || die "no database $DB (make one with PEPITES_KEEP_TEST_DB=1 make test)"
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
CONF="$VAR/odoo-retest-$$.conf"
render_config "$CONF" "$DB" "$PORT"
sed -i "/^load_language/d" "$CONF"
[ -d "$ROOT/tests/addons" ] && sed -i "s#^addons_path = .*#&,$ROOT/tests/addons#" "$CONF"
LOG="$VAR/log/retest-$(date +%Y%m%d-%H%M%S).log"
say "retesting $ADDONS on $DB, log in $LOG"
set +e
"${ODOO[@]}" -c "$CONF" -d "$DB" -u "$ADDONS" --test-enable --stop-after-init --http-port "$PORT" 2>&1 | tee "$LOG"
CODE=${PIPESTATUS[0]}
set -e
rm -f "$CONF"
"$PY" "$ROOT/scripts/test_summary.py" "$LOG" "$CODE"
