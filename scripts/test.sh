#!/usr/bin/env bash
# make test: set up (idempotent), then run every test of every PEPITES addon on a throwaway
# database copied from a cached template, and fail on failing tests or ERROR/CRITICAL log lines.
#   PEPITES_TEST_ADDONS=pepites_partners make test   -> only these addons (and what they depend on)
#   PEPITES_KEEP_TEST_DB=1                           -> keep the test database for inspection
source "$(dirname "$0")/lib.sh"
setup_all

ADDONS="${PEPITES_TEST_ADDONS:-$(addons_info pepites)}"
CORE="$( { addons_info core-deps | tr , "\n"; echo "$TEMPLATE_ADDONS" | tr , "\n"; } | sort -u | grep -v "^$" | paste -sd, -)"
# The template holds Odoo's own addons that ours depend on (with demo data, in French): the costly
# part of a build. Our addons are installed on each copy, so their at_install tests run for real.
TMPL_KEY="$( { cat "$ROOT/requirements.txt" "$ROOT/requirements-test.txt"; echo "$CORE"; cat "$ROOT/config/odoo.conf.in"; } | sha1sum | cut -c1-10)"
TMPL="pepites_tmpl_$TMPL_KEY"
TEST_DB="pepites_test_$$_$(date +%s)"
FILESTORE="$VAR/data/filestore"

free_port() { "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

mkdir -p "$VAR/log" "$FILESTORE"
exec 9>"$VAR/template.lock"
flock 9
if ! db_exists "$TMPL"; then
  say "building test template $TMPL ($CORE)"
  psql_odoo -qc "DROP DATABASE IF EXISTS \"${TMPL}_wip\""
  psql_odoo -qc "CREATE DATABASE \"${TMPL}_wip\" ENCODING 'UTF8' TEMPLATE template0"
  render_config "$VAR/odoo-template.conf" "${TMPL}_wip" "$(free_port)"
  "${ODOO[@]}" -c "$VAR/odoo-template.conf" -d "${TMPL}_wip" -i "$CORE" --load-language=fr_FR \
     --stop-after-init --no-http --logfile "$VAR/log/template.log" || die "template build failed: $VAR/log/template.log"
  psql_odoo -qc "ALTER DATABASE \"${TMPL}_wip\" RENAME TO \"$TMPL\""
  rm -rf "$FILESTORE/$TMPL"
  [ -d "$FILESTORE/${TMPL}_wip" ] && mv "$FILESTORE/${TMPL}_wip" "$FILESTORE/$TMPL"
  # older templates are dead weight
  for old in $(psql_odoo -tAc "SELECT datname FROM pg_database WHERE datname LIKE 'pepites_tmpl_%' AND datname <> '$TMPL'"); do
    psql_odoo -qc "DROP DATABASE IF EXISTS \"$old\"" && rm -rf "${FILESTORE:?}/$old"
  done
fi
psql_odoo -qc "CREATE DATABASE \"$TEST_DB\" TEMPLATE \"$TMPL\""
flock -u 9
[ -d "$FILESTORE/$TMPL" ] && cp -a "$FILESTORE/$TMPL" "$FILESTORE/$TEST_DB"

cleanup() {
  if [ "${PEPITES_KEEP_TEST_DB:-0}" != 1 ]; then
    psql_odoo -qc "DROP DATABASE IF EXISTS \"$TEST_DB\"" || true
    rm -rf "${FILESTORE:?}/$TEST_DB"
  else
    say "kept test database $TEST_DB"
  fi
}
trap cleanup EXIT

PORT="$(free_port)"
CONF="$VAR/odoo-test-$$.conf"
render_config "$CONF" "$TEST_DB" "$PORT"
# the template already holds the French translations: do not pay for them again
sed -i "/^load_language/d" "$CONF"
EXTRA_PATH=""
[ -d "$ROOT/tests/addons" ] && EXTRA_PATH=",$ROOT/tests/addons"
if [ -n "${PEPITES_TEST_ADDONS:-}" ]; then
  # Odoo's HTTP layer imports every addon on its path, installed or not: testing a subset, show
  # it only that subset (and what it depends on), so unrelated work in progress cannot interfere.
  SUBSET="$VAR/addons-subset-$$"
  mkdir -p "$SUBSET"
  for name in $(addons_info "closure=$ADDONS" | tr , ' '); do
    [ -d "$ROOT/addons/$name" ] && ln -s "$ROOT/addons/$name" "$SUBSET/$name"
  done
  sed -i "s#^addons_path = .*#addons_path = $SUBSET#" "$CONF"
  trap 'cleanup; rm -rf "$SUBSET"' EXIT
fi
sed -i "s#^addons_path = .*#&$EXTRA_PATH#" "$CONF"
if [ -z "${PEPITES_TEST_ADDONS:-}" ] && [ -d "$ROOT/tests/addons" ]; then
  for extra in "$ROOT"/tests/addons/*/__manifest__.py; do
    [ -f "$extra" ] && ADDONS="$ADDONS,$(basename "$(dirname "$extra")")"
  done
fi
LOG="$VAR/log/test-$(date +%Y%m%d-%H%M%S).log"
say "testing $ADDONS on $TEST_DB (HTTP test port $PORT), log in $LOG"
set +e
TEST_FLAG=(--test-enable)
[ "${PEPITES_SKIP_TESTS:-0}" = 1 ] && TEST_FLAG=()
if [ -n "${PEPITES_TEST_ADDONS:-}" ] && [ "${PEPITES_SKIP_TESTS:-0}" != 1 ]; then
  # testing a subset: install what it depends on first, without running their tests
  DEPS="$(comm -23 <(addons_info "closure=$ADDONS" | tr , '\n' | sort) <(echo "$ADDONS" | tr , '\n' | sort) | paste -sd, -)"
  if [ -n "$DEPS" ]; then
    say "installing the dependencies first, untested: $DEPS"
    "${ODOO[@]}" -c "$CONF" -d "$TEST_DB" -i "$DEPS" --stop-after-init --no-http > "$LOG.deps" 2>&1 \
      || { tail -40 "$LOG.deps"; die "could not install $DEPS"; }
  fi
fi
"${ODOO[@]}" -c "$CONF" -d "$TEST_DB" -i "$ADDONS" "${TEST_FLAG[@]}" --stop-after-init \
  --http-port "$PORT" 2>&1 | tee "$LOG"
CODE=${PIPESTATUS[0]}
set -e
rm -f "$CONF"
"$PY" "$ROOT/scripts/test_summary.py" "$LOG" "$CODE"
