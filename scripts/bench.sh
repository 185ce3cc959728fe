#!/usr/bin/env bash
# make bench: benchmarks and fault drills of PEPITES, written to bench/RESULTS.md.
#   1. install time of the five addons with demo data vs building the core addons from scratch
#      (the PEPITES install is kept as the database bench_main);
#   2. bench/generate.py populates bench_main with one region x PEPITES_BENCH_SCALE (default 1);
#   3. the benchmarks (feeds, the data·inclusion export and the SIAE import on their own 2,000 SIAE, KPI, badges, the nginx proxy, the pages at region scale, the rush of 1,000 visitors on one and two nodes) measure bench_main against same-run baselines;
#   4. fault drill A (SIGKILL in the middle of a 3,000-recipient bulk issuance, restart, rerun),
#      fault drill B (-u all keeps every record) and fault drill C (make backup, drop, make
#      restore: every id and file identical) on bench_main.
# Exits non-zero when a drill or a benchmark fails. Databases bench_* are dropped at the end
# (PEPITES_BENCH_KEEP=1 keeps bench_main).
source "$(dirname "$0")/lib.sh"
setup_all
if ! psql_odoo -tAc "SELECT 1 FROM pg_database WHERE datname LIKE 'pepites_tmpl_%' AND datname NOT LIKE '%_wip'" | grep -q 1; then
  say "no test template yet: building it through make test"
  bash "$ROOT/scripts/test.sh" >/dev/null || true
fi
export PEPITES_BENCH_SCALE="${PEPITES_BENCH_SCALE:-1}"
MAIN=bench_main
OUT="$ROOT/bench/RESULTS.md"
BODY="$(mktemp)"
STEPS="$(mktemp)"
mkdir -p "$VAR/log"

drop_bench_dbs() {
  local db
  for db in $(psql_odoo -tAc "SELECT datname FROM pg_database WHERE datname ~ '^bench_(main|feeds|kpi|badges|proxy|pages|di|import|core_[0-9]+|install_[0-9]+)$'"); do
    [ "$db" = "$MAIN" ] && [ "${PEPITES_BENCH_KEEP:-0}" = 1 ] && continue
    psql_odoo -qc "DROP DATABASE IF EXISTS \"$db\"" && rm -rf "${VAR:?}/data/filestore/$db"
  done
}
trap 'rm -f "$BODY" "$STEPS"' EXIT
drop_bench_dbs

status=0
failed=()
# step NAME SCRIPT ARGS...: run a bench/ script, keep its report, time it, remember failures
step() {
  local name="$1" script="$2" start code
  shift 2
  say "$name"
  start=$(date +%s)
  set +e
  "$PY" "$ROOT/bench/$script" "$@" 2>"$VAR/log/bench-$name.err" | tee -a "$BODY"
  code=${PIPESTATUS[0]}
  set -e
  echo "| $name | \`bench/$script\` | $(( $(date +%s) - start )) s | $([ "$code" = 0 ] && echo ok || echo "**FAILED** (exit $code, var/log/bench-$name.err)") |" >> "$STEPS"
  if [ "$code" != 0 ]; then
    status=1
    failed+=("$name")
    echo -e "\n**$name failed** (exit $code; see var/log/bench-$name.err)" >> "$BODY"
  fi
  return 0
}

T0=$(date +%s)
LOAD0="$(cut -d' ' -f1-3 /proc/loadavg)"
step install bench_install.py --keep-as "$MAIN"
if ! psql_odoo -tAc "SELECT 1 FROM pg_database WHERE datname = '$MAIN'" | grep -q 1; then
  step generate generate.py --db "$MAIN" --new
else
  step generate generate.py --db "$MAIN"
fi
step feeds bench_feeds.py --db "$MAIN"
step data-inclusion bench_data_inclusion.py
step import bench_import.py
step kpi bench_kpi.py --db "$MAIN"
step badges bench_badges.py --db "$MAIN"
step audit bench_audit.py --db "$MAIN"
step proxy bench_proxy.py --db "$MAIN"
step pages bench_pages.py --db "$MAIN"
# after the pages: the rush adds registrations and applications to bench_main
step rush bench_rush.py --db "$MAIN"
step drill-kill drill_kill.py --db "$MAIN"
step drill-upgrade drill_upgrade.py --db "$MAIN"
# last: the restored bench_main is a neutralised copy
step drill-backup drill_backup.py --db "$MAIN"
TOTAL=$(( $(date +%s) - T0 ))
drop_bench_dbs

{
  echo "# PEPITES benchmarks and fault drills"
  echo
  echo "Written by \`make bench\` on $(date -u '+%Y-%m-%d %H:%M UTC') at commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'),"
  echo "scale PEPITES_BENCH_SCALE=$PEPITES_BENCH_SCALE, in $(( TOTAL / 60 )) min $(( TOTAL % 60 )) s. Every figure is compared with a baseline"
  echo "measured in the same run; medians unless said otherwise. $([ $status = 0 ] && echo "Every drill and benchmark passed." || echo "**Failed: ${failed[*]}.**")"
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), shared with other jobs: load average $LOAD0 at start),"
  echo "$(free -g | awk '/Mem:/ {print $2}') GiB RAM, $(psql_odoo -tAc 'SHOW server_version' | cut -d' ' -f1) PostgreSQL, Odoo $("$PY" -c 'import odoo.release as r; print(r.version)' 2>/dev/null), Python $("$PY" -c 'import platform; print(platform.python_version())')."
  echo
  echo "| step | script | duration | outcome |"
  echo "|---|---|---|---|"
  cat "$STEPS"
  # only the report lines (tables and their titles), not the progress chatter
  grep -v "^installing \|^creating \|^building \|^upgrading \|^starting \|^restarting \|^issuing \|^generating \|^\[pepites\]\|\.\.\.$" "$BODY"
} > "$OUT"
say "results in bench/RESULTS.md ($(( TOTAL / 60 )) min); $([ $status = 0 ] && echo 'all passed' || echo "FAILED: ${failed[*]}")"
exit $status
