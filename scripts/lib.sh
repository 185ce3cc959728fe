# shellcheck shell=bash
# Shared set-up for `make run`, `make test` and `make bench`: idempotent, safe to source many times.
# Every step checks before it acts, so a warm machine pays only for the checks.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VAR="$ROOT/var"
VENV="${PEPITES_VENV:-$ROOT/.venv}"
PY="$VENV/bin/python"
ODOO=("$PY" "$ROOT/bin/odoo")
# shellcheck source=../config/pepites.env
source "$ROOT/config/pepites.env"
PEPITES_DB="${PEPITES_DB:-$DEFAULT_DB}"
PEPITES_HTTP_PORT="${PEPITES_HTTP_PORT:-$DEFAULT_HTTP_PORT}"
PEPITES_PG_PORT="${PEPITES_PG_PORT:-$DEFAULT_PG_PORT}"
# Debian's lessc only finds its modules (tslib) with this; every Odoo process needs it.
export NODE_PATH=/usr/share/nodejs
export XDG_RUNTIME_DIR="$VAR/xdg-runtime" XDG_CACHE_HOME="$VAR/xdg-cache"
# pytest-odoo and libpq map these onto database options: never let the shell's leak in.
unset USER HOST PORT PASSWORD PGHOST PGPORT PGUSER PGDATABASE PGPASSWORD 2>/dev/null || true

say() { printf '\033[1m[pepites]\033[0m %s\n' "$*" >&2; }
die() { say "ERROR: $*"; exit 1; }

find_python37() {
  if command -v python3.7 >/dev/null 2>&1 && python3.7 -c 'import sys; assert sys.version_info[:2] == (3, 7)' 2>/dev/null; then
    command -v python3.7; return
  fi
  local root
  root="$(pyenv root 2>/dev/null || echo "$HOME/.pyenv")"
  for candidate in "$root"/versions/3.7.*/bin/python; do
    [ -x "$candidate" ] && { echo "$candidate"; return; }
  done
  die "Python 3.7 not found (neither python3.7 on PATH nor pyenv's versions/3.7.*). Install it, or use 'docker compose up' (see README)."
}

# The venv of make run/test/bench installs requirements-test.txt (requirements.txt + the test
# tools); production's (PEPITES_VENV=.venv-prod PEPITES_REQS=requirements.txt) has only
# the runtime: no selenium, pytest or Open Badges validator with its old python-jose/pycryptodome.
PEPITES_REQS="${PEPITES_REQS:-requirements-test.txt}"

ensure_venv() {
  local want have=""
  want="$(cat "$ROOT/requirements.txt" "$ROOT/$PEPITES_REQS" | sha1sum | cut -d' ' -f1)"
  [ -f "$VENV/.requirements.sha1" ] && have="$(cat "$VENV/.requirements.sha1")"
  if [ ! -x "$PY" ] || [ "$want" != "$have" ]; then
    if [ ! -x "$PY" ]; then
      say "creating $VENV with $(find_python37)"
      "$(find_python37)" -m venv "$VENV"
    fi
    say "installing pinned $PEPITES_REQS (--no-deps)"
    (cd "$ROOT" && "$PY" -m pip install -q --disable-pip-version-check --no-deps -r "$PEPITES_REQS") 2>&1 | grep -v "is ignored" >&2 || true
    "$PY" -c 'import odoo, stdnum, png, qrcode, cryptography, xlsxwriter, PyPDF2' || die "requirements did not install"
    if [ "$PEPITES_REQS" != requirements.txt ]; then
      "$PY" -c 'import openbadges, selenium' || die "test requirements did not install"
    fi
    echo "$want" > "$VENV/.requirements.sha1"
  fi
}

ensure_system_packages() {
  local missing=()
  command -v lessc >/dev/null 2>&1 || missing+=(node-less)
  command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
  # tests read the text of the PDF reports with pdftotext
  command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
  # the real-browser journeys of make test drive Debian's chromium (PEPITES_BROWSER=0 skips it for make run)
  if [ "${PEPITES_BROWSER:-1}" = 1 ]; then
    command -v chromium >/dev/null 2>&1 || missing+=(chromium)
    command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  fi
  # nginx and openssl: the reverse proxy of make prod and of its e2e test (PEPITES_NGINX=0: not needed)
  if [ "${PEPITES_NGINX:-1}" = 1 ]; then
    command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx)
    command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  fi
  [ ${#missing[@]} -eq 0 ] && return
  [ "$(id -u)" = 0 ] || die "missing system packages: ${missing[*]} (run: sudo apt-get install -y ${missing[*]})"
  say "apt-get install ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# PostgreSQL refuses to run as root: as root, the cluster belongs to the `postgres` OS user.
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_dirs() {
  PGBASE="$VAR/pg"
  mkdir -p "$PGBASE"
  if [ "$(id -u)" = 0 ]; then
    chown postgres "$PGBASE" 2>/dev/null || true
    if ! runuser -u postgres -- test -w "$PGBASE"; then
      # the checkout lies where the postgres user cannot reach: keep the cluster beside /var/tmp
      PGBASE="/var/tmp/pepites-pg-$(echo "$ROOT" | sha1sum | cut -c1-8)"
      mkdir -p "$PGBASE"; chown postgres "$PGBASE"
    fi
  fi
  PGDATA_DIR="$PGBASE/data"
  PGSOCK="$PGBASE"
}

ensure_postgres() {
  pg_dirs
  if [ ! -f "$PGDATA_DIR/PG_VERSION" ]; then
    say "initdb $PGDATA_DIR"
    as_pg initdb -D "$PGDATA_DIR" -U postgres --auth=trust -E UTF8 --locale=C >/dev/null
  fi
  if ! as_pg pg_ctl -D "$PGDATA_DIR" status >/dev/null 2>&1; then
    say "starting PostgreSQL on port $PEPITES_PG_PORT (socket in $PGSOCK)"
    as_pg pg_ctl -D "$PGDATA_DIR" -l "$PGBASE/postgres.log" -w -t 60 start \
      -o "-p $PEPITES_PG_PORT -k $PGSOCK -c listen_addresses='' -c fsync=off -c full_page_writes=off -c synchronous_commit=off -c max_connections=200" >/dev/null \
      || { tail -20 "$PGBASE/postgres.log" >&2; die "PostgreSQL did not start"; }
  fi
  if ! psql_super -tAc "SELECT 1 FROM pg_roles WHERE rolname = 'odoo'" | grep -q 1; then
    psql_super -qc "CREATE ROLE odoo LOGIN CREATEDB" >/dev/null
  fi
}

psql_super() { as_pg psql -X -h "$PGSOCK" -p "$PEPITES_PG_PORT" -U postgres -d postgres -v ON_ERROR_STOP=1 "$@"; }
psql_odoo() { PGOPTIONS="-c client_min_messages=warning" psql -X -h "$PGSOCK" -p "$PEPITES_PG_PORT" -U odoo -d postgres -v ON_ERROR_STOP=1 "$@"; }
db_exists() { psql_odoo -tAc "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1; }

# The Open Badges signing keys are stored encrypted with a passphrase from the server's
# environment in every database, demo and test ones included (issue 15): the development
# servers get theirs from var/secrets/badge_key_passphrase (generated once, owner-only), unless
# PEPITES_BADGE_KEY_PASSPHRASE is already set. make prod has its own (scripts/prod_lib.sh).
ensure_dev_badge_passphrase() {
  [ -n "${PEPITES_BADGE_KEY_PASSPHRASE:-}" ] && return
  local file="$VAR/secrets/badge_key_passphrase"
  if [ ! -s "$file" ]; then
    mkdir -p "$VAR/secrets"
    chmod 700 "$VAR/secrets"
    (umask 077 && "$PY" -c 'import secrets; print(secrets.token_urlsafe(32))' > "$file")
  fi
  PEPITES_BADGE_KEY_PASSPHRASE="$(cat "$file")"
  export PEPITES_BADGE_KEY_PASSPHRASE
}

# render_config OUT DB HTTP_PORT
render_config() {
  local out="$1" db="$2" port="$3" secret
  ensure_dev_badge_passphrase
  mkdir -p "$VAR/data" "$XDG_RUNTIME_DIR" "$XDG_CACHE_HOME" "$VAR/log"
  chmod 700 "$XDG_RUNTIME_DIR"
  [ -f "$VAR/admin_passwd" ] || "$PY" -c 'import secrets; print(secrets.token_urlsafe(24))' > "$VAR/admin_passwd"
  secret="$(cat "$VAR/admin_passwd")"
  sed -e "s#@ROOT@#$ROOT#g" -e "s#@PGHOST@#$PGSOCK#g" -e "s#@PGPORT@#$PEPITES_PG_PORT#g" \
      -e "s#@DB@#$db#g" -e "s#@HTTP_PORT@#$port#g" -e "s#@ADMIN_PASSWD@#$secret#g" \
      "$ROOT/config/odoo.conf.in" > "$out"
}

addons_info() { "$PY" "$ROOT/scripts/addons.py" "$1"; }

setup_all() {
  ensure_system_packages
  ensure_venv
  ensure_postgres
}
