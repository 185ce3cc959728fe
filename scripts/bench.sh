#!/usr/bin/env bash
# make bench: set up, make sure the test template exists, run every bench/bench_*.py and collect
# what they print into bench/RESULTS.md (figures and ratios against same-run baselines).
source "$(dirname "$0")/lib.sh"
setup_all
if ! psql_odoo -tAc "SELECT 1 FROM pg_database WHERE datname LIKE 'pepites_tmpl_%' AND datname NOT LIKE '%_wip'" | grep -q 1; then
  say "no test template yet: building it through make test"
  bash "$ROOT/scripts/test.sh" >/dev/null || true
fi
OUT="$ROOT/bench/RESULTS.md"
TMP="$(mktemp)"
{
  echo "# PEPITES benchmarks"
  echo
  echo "Measured by \`make bench\` on $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB,"
  echo "commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'). Each figure is compared with a baseline measured in the same run."
} > "$TMP"
status=0
for bench in "$ROOT"/bench/bench_*.py; do
  say "running $(basename "$bench")"
  if ! "$PY" "$bench" 2>"$VAR/log/$(basename "$bench" .py).err" | tee -a "$TMP"; then
    status=1
    echo -e "\n**$(basename "$bench") failed** (see var/log/$(basename "$bench" .py).err)" >> "$TMP"
  fi
done
# keep only the report lines (tables and their titles), not the progress chatter
grep -v "^installing \|^creating \|^\[pepites\]\|\.\.\.$" "$TMP" > "$OUT"
rm -f "$TMP"
say "results in bench/RESULTS.md"
exit $status
