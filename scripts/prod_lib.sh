# shellcheck shell=bash
# Shared functions of `make prod` (scripts/prod.sh): secrets, TLS, the production database and
# its role, the rendered configurations, and the two processes (Odoo, nginx). Sourced after
# scripts/lib.sh, with the production venv (PEPITES_VENV=.venv-prod, requirements.txt only).
#
# Settings (environment; defaults for one machine, in brackets):
#   PEPITES_PROD_DB [pepites_prod]  PEPITES_PROD_DB_USER [pepites]
#   PEPITES_HTTPS_PORT [8443]  PEPITES_HTTP_REDIRECT_PORT [8080]  PEPITES_LISTEN [127.0.0.1]
#   PEPITES_SERVER_NAMES ["127.0.0.1 localhost"]  PEPITES_PUBLIC_URL [https://<first name>:<port>]
#   PEPITES_TLS_CERT / PEPITES_TLS_KEY [a local test CA's certificate, var/prod/tls/]
#   PEPITES_PROD_ODOO_PORT [8169]  PEPITES_PROD_LONGPOLLING_PORT [8172]  PEPITES_PROD_WORKERS [2]
#   PEPITES_PROD_NODES [1; make cluster: 2]: Odoo nodes behind nginx, on the same database and
#   data directory; node a on the ports above with the crons, node b (c...) on the ports + 100
#   (+ 200...) without crons; PEPITES_PROD_WORKERS HTTP workers each
#   PEPITES_SMTP_SERVER [localhost] PEPITES_SMTP_PORT [25] PEPITES_SMTP_SSL [False]
#   PEPITES_SMTP_USER [False]  PEPITES_EMAIL_FROM [False]
#   PEPITES_SECRETS_DIR [var/prod/secrets]: files db_password, master_password, admin_password,
#   pg_superuser_password (the compose profile's PostgreSQL only),
#   smtp_password, badge_key_passphrase; the variables PEPITES_DB_PASSWORD,
#   PEPITES_MASTER_PASSWORD, PEPITES_ADMIN_PASSWORD, PEPITES_SMTP_PASSWORD and
#   PEPITES_BADGE_KEY_PASSPHRASE win over the files.

PROD="$VAR/prod"
PEPITES_PROD_DB="${PEPITES_PROD_DB:-${DEFAULT_PROD_DB:-pepites_prod}}"
PEPITES_PROD_DB_USER="${PEPITES_PROD_DB_USER:-pepites}"
PEPITES_HTTPS_PORT="${PEPITES_HTTPS_PORT:-8443}"
PEPITES_HTTP_REDIRECT_PORT="${PEPITES_HTTP_REDIRECT_PORT:-8080}"
PEPITES_LISTEN="${PEPITES_LISTEN:-127.0.0.1}"
PEPITES_SERVER_NAMES="${PEPITES_SERVER_NAMES:-127.0.0.1 localhost}"
PEPITES_PROD_ODOO_PORT="${PEPITES_PROD_ODOO_PORT:-8169}"
PEPITES_PROD_LONGPOLLING_PORT="${PEPITES_PROD_LONGPOLLING_PORT:-8172}"
PEPITES_PROD_WORKERS="${PEPITES_PROD_WORKERS:-2}"
PEPITES_PROD_NODES="${PEPITES_PROD_NODES:-1}"
[[ "$PEPITES_PROD_NODES" =~ ^[1-8]$ ]] || die "PEPITES_PROD_NODES: 1 to 8"
PEPITES_SECRETS_DIR="${PEPITES_SECRETS_DIR:-$PROD/secrets}"
if [ -z "${PEPITES_PUBLIC_URL:-}" ]; then
  PEPITES_PUBLIC_URL="https://${PEPITES_SERVER_NAMES%% *}"
  [ "$PEPITES_HTTPS_PORT" = 443 ] || PEPITES_PUBLIC_URL="$PEPITES_PUBLIC_URL:$PEPITES_HTTPS_PORT"
fi
PROD_CONF="$PROD/odoo.conf"
NODE_NAMES=(a b c d e f g h)

# node_conf I / node_log I / node_port I / node_lp_port I: node I's (0: a) configuration, log
# and ports. Node a keeps make prod's names (one node is make prod).
node_conf() { [ "$1" = 0 ] && echo "$PROD_CONF" || echo "$PROD/odoo-node-${NODE_NAMES[$1]}.conf"; }
node_log() { [ "$1" = 0 ] && echo "$PROD/log/odoo.log" || echo "$PROD/log/odoo-node-${NODE_NAMES[$1]}.log"; }
node_port() { echo $(( PEPITES_PROD_ODOO_PORT + 100 * $1 )); }
node_lp_port() { echo $(( PEPITES_PROD_LONGPOLLING_PORT + 100 * $1 )); }
NGINX_PREFIX="$PROD/nginx"
NGINX_BIN="$(command -v nginx 2>/dev/null || echo /usr/sbin/nginx)"

[[ "$PEPITES_PROD_DB_USER" =~ ^[a-z_][a-z0-9_]*$ ]] || die "PEPITES_PROD_DB_USER: lowercase letters, digits and _"
[[ "$PEPITES_PROD_DB" =~ ^[a-z_][a-z0-9_]*$ ]] || die "PEPITES_PROD_DB: lowercase letters, digits and _"

# secret NAME [generate]: the value of a secret: $PEPITES_<NAME> if set, else the file
# $PEPITES_SECRETS_DIR/<name> (created 0600: random when "generate", else empty, to be filled)
secret() {
  local name="$1" var file
  var="PEPITES_$(echo "$name" | tr '[:lower:]' '[:upper:]')"
  if [ -n "${!var:-}" ]; then printf '%s' "${!var}"; return; fi
  file="$PEPITES_SECRETS_DIR/$name"
  if [ ! -f "$file" ]; then
    (umask 077 && mkdir -p "$PEPITES_SECRETS_DIR" && : > "$file")
    if [ "${2:-}" = generate ]; then
      "$PY" -c 'import secrets; print(secrets.token_urlsafe(32))' > "$file"
      say "generated secret $file"
    else
      say "empty secret $file (fill it in, or set $var)"
    fi
  fi
  chmod 600 "$file"
  tr -d '\n' < "$file"
}

# The certificate: real ones from PEPITES_TLS_CERT/KEY, else a local test CA's (var/prod/tls).
prod_tls() {
  if [ -n "${PEPITES_TLS_CERT:-}" ] || [ -n "${PEPITES_TLS_KEY:-}" ]; then
    [ -r "${PEPITES_TLS_CERT:-}" ] && [ -r "${PEPITES_TLS_KEY:-}" ] \
      || die "PEPITES_TLS_CERT and PEPITES_TLS_KEY must both name readable files"
    TLS_CERT="$PEPITES_TLS_CERT" TLS_KEY="$PEPITES_TLS_KEY"
    return
  fi
  # shellcheck disable=SC2086
  "$PY" "$ROOT/scripts/prod_render.py" tls "$PROD/tls" $PEPITES_SERVER_NAMES
  TLS_CERT="$PROD/tls/server.crt" TLS_KEY="$PROD/tls/server.key"
  say "self-signed for local use: trust $PROD/tls/ca.crt (curl --cacert, the browser's authorities)"
}

# The production role (login, no superuser, no CREATEDB/CREATEROLE) with the secret password,
# which PostgreSQL then requires of it (a pg_hba line of its own, before the cluster's trust
# lines), and the database it owns.
prod_database() {
  local password hba
  password="$(secret db_password generate)"
  PEPITES_DB_PASSWORD="$password" PGSOCK="$PGSOCK" PEPITES_PG_PORT="$PEPITES_PG_PORT" \
    "$PY" - "$PEPITES_PROD_DB_USER" <<'EOF'
import os, sys
import psycopg2
from psycopg2 import sql
role = sys.argv[1]
conn = psycopg2.connect(host=os.environ["PGSOCK"], port=os.environ["PEPITES_PG_PORT"],
                        user="postgres", dbname="postgres")
conn.autocommit = True
with conn.cursor() as cr:
    cr.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
    verb = "ALTER" if cr.fetchone() else "CREATE"
    cr.execute(sql.SQL(verb + " ROLE {} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD %s")
               .format(sql.Identifier(role)), (os.environ["PEPITES_DB_PASSWORD"],))
EOF
  hba="$(psql_super -tAc 'SHOW hba_file')"
  if ! as_pg grep -q "^local all $PEPITES_PROD_DB_USER scram-sha-256" "$hba"; then
    say "PostgreSQL asks $PEPITES_PROD_DB_USER for its password ($hba)"
    as_pg sed -i "1i local all $PEPITES_PROD_DB_USER scram-sha-256  # make prod: the production role" "$hba"
    as_pg pg_ctl -D "$PGDATA_DIR" reload >/dev/null
  fi
  if ! db_exists "$PEPITES_PROD_DB"; then
    psql_super -qc "CREATE DATABASE \"$PEPITES_PROD_DB\" OWNER \"$PEPITES_PROD_DB_USER\" ENCODING 'UTF8' TEMPLATE template0"
  fi
  # Odoo's libpq reads the password from the environment: it is in no file Odoo reads
  export PGPASSWORD="$password"
}

prod_configs() {
  local maxconn smtp_password passphrase_file=False i upstream="" lp_upstream=""
  smtp_password="$(secret smtp_password)"
  # the signing keys' passphrase: Odoo reads the secret file, or the variable when it is set
  if [ -z "${PEPITES_BADGE_KEY_PASSPHRASE:-}" ]; then
    secret badge_key_passphrase generate >/dev/null
    passphrase_file="$PEPITES_SECRETS_DIR/badge_key_passphrase"
  fi
  mkdir -p "$PROD/data" "$PROD/log" "$XDG_RUNTIME_DIR" "$XDG_CACHE_HOME"
  # the nodes share PostgreSQL's connections: each gets its part
  maxconn=$(( $(psql_super -tAc 'SHOW max_connections') / PEPITES_PROD_NODES ))
  # every node: the same database and data directory (sessions, filestore); crons on a only
  for i in $(seq 0 $(( PEPITES_PROD_NODES - 1 ))); do
    PEPITES_MASTER_PASSWORD="$(secret master_password generate)" \
      "$PY" "$ROOT/scripts/prod_render.py" odoo "$(node_conf "$i")" \
      "DATA_DIR=$PROD/data" "DB_HOST=$PGSOCK" "DB_PORT=$PEPITES_PG_PORT" \
      "DB_USER=$PEPITES_PROD_DB_USER" "DB=$PEPITES_PROD_DB" "HTTP_PORT=$(node_port "$i")" \
      "LONGPOLLING_PORT=$(node_lp_port "$i")" "WORKERS=$PEPITES_PROD_WORKERS" \
      "CRON_THREADS=$([ "$i" = 0 ] && echo 1 || echo 0)" \
      "MAX_CONNECTIONS=$maxconn" "PUBLIC_URL=$PEPITES_PUBLIC_URL" "LOGFILE=$(node_log "$i")" \
      "SMTP_SERVER=${PEPITES_SMTP_SERVER:-localhost}" "SMTP_PORT=${PEPITES_SMTP_PORT:-25}" \
      "SMTP_SSL=${PEPITES_SMTP_SSL:-False}" "SMTP_USER=${PEPITES_SMTP_USER:-False}" \
      "SMTP_PASSWORD=${smtp_password:-False}" \
      "EMAIL_FROM=${PEPITES_EMAIL_FROM:-False}" "BADGE_KEY_PASSPHRASE_FILE=$passphrase_file"
    upstream="$upstream 127.0.0.1:$(node_port "$i")"
    lp_upstream="$lp_upstream 127.0.0.1:$(node_lp_port "$i")"
  done
  "$PY" "$ROOT/scripts/prod_render.py" nginx "$NGINX_PREFIX/nginx.conf" \
    "PREFIX=$NGINX_PREFIX" "LISTEN=$PEPITES_LISTEN" "HTTPS_PORT=$PEPITES_HTTPS_PORT" \
    "HTTP_PORT=$PEPITES_HTTP_REDIRECT_PORT" "SERVER_NAMES=$PEPITES_SERVER_NAMES" \
    "PUBLIC_URL=$PEPITES_PUBLIC_URL" "ODOO_UPSTREAM=${upstream# }" \
    "LONGPOLLING_UPSTREAM=${lp_upstream# }" \
    "TLS_CERT=$TLS_CERT" "TLS_KEY=$TLS_KEY" "USER=$([ "$(id -u)" = 0 ] && echo www-data)" \
    "CV_MAX_MB=$(prod_cv_max_mb)"
  "$NGINX_BIN" -t -q -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf" || die "nginx refused $NGINX_PREFIX/nginx.conf"
}

# The CV limit the database applies (pepites_jobs.cv_max_size_mb), if INAÉ changed it; empty
# means pepites_jobs' own default (read from its code by the renderer).
prod_cv_max_mb() {
  db_exists "$PEPITES_PROD_DB" || return 0
  psql_super -d "$PEPITES_PROD_DB" -tAc "SELECT value FROM ir_config_parameter WHERE key = 'pepites_jobs.cv_max_size_mb'" 2>/dev/null || true
}

# Install every PEPITES addon (French, no demo data) on first start, update them when their code
# changed; the admin user gets the password of the secret admin_password on creation.
prod_install() {
  local addons stamp fp
  addons="$(addons_info pepites)"
  stamp="$PROD/data/.fingerprint-$PEPITES_PROD_DB"
  fp="$(addons_info fingerprint)"
  if ! psql_super -d "$PEPITES_PROD_DB" -tAc "SELECT 1 FROM pg_tables WHERE tablename = 'ir_module_module'" | grep -q 1; then
    say "installing $addons in $PEPITES_PROD_DB (French, no demo data): several minutes"
    "${ODOO[@]}" -c "$PROD_CONF" -d "$PEPITES_PROD_DB" -i "$addons" --without-demo=all \
      --load-language=fr_FR --stop-after-init --no-http --logfile="$PROD/log/install.log" \
      || die "installation failed: $PROD/log/install.log"
    PEPITES_ADMIN_PASSWORD="$(secret admin_password generate)" "${ODOO[@]}" shell \
      -c "$PROD_CONF" -d "$PEPITES_PROD_DB" --no-http --logfile="$PROD/log/install.log" <<'EOF'
import os
env.ref("base.user_root").write({"password": os.environ["PEPITES_ADMIN_PASSWORD"], "lang": "fr_FR"})
env.cr.commit()
EOF
    echo "$fp" > "$stamp"
  elif [ "$(cat "$stamp" 2>/dev/null)" != "$fp" ]; then
    say "addon code changed: updating $addons in $PEPITES_PROD_DB"
    "${ODOO[@]}" -c "$PROD_CONF" -d "$PEPITES_PROD_DB" -u "$addons" --stop-after-init --no-http \
      --logfile="$PROD/log/install.log" || die "update failed: $PROD/log/install.log"
    echo "$fp" > "$stamp"
  fi
}

# wait_http URL [CURL OPTIONS...]: until URL answers (3 minutes at most)
wait_http() {
  local url="$1" i
  shift
  for i in $(seq 180); do
    curl -fsS -o /dev/null "$@" "$url" 2>/dev/null && return 0
    sleep 1
  done
  return 1
}

# The Odoo nodes and nginx in the foreground; Ctrl-C (or make prod-stop / make cluster-stop)
# stops them all; so does the end of any one of them.
prod_serve() {
  local pids=() i nginx_pid code=0
  PROD_ODOO_PIDS=()
  trap prod_shutdown EXIT
  trap 'exit 0' INT TERM
  # one node after the other: each loads the French translations at its start (load_language),
  # and two nodes writing them into the same database at once would conflict
  for i in $(seq 0 $(( PEPITES_PROD_NODES - 1 ))); do
    "${ODOO[@]}" -c "$(node_conf "$i")" -d "$PEPITES_PROD_DB" \
      --pidfile="$PROD/odoo-node-${NODE_NAMES[$i]}.pid" &
    PROD_ODOO_PIDS+=($!)
    wait_http "http://127.0.0.1:$(node_port "$i")/web/login" || die "Odoo node ${NODE_NAMES[$i]} did not answer: $(node_log "$i")"
  done
  "$NGINX_BIN" -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf" -g 'daemon off;' &
  nginx_pid=$!
  local cacert=()
  [ -z "${PEPITES_TLS_CERT:-}" ] && cacert=(--cacert "$PROD/tls/ca.crt")
  wait_http "$PEPITES_PUBLIC_URL/web/login" "${cacert[@]}" || die "nginx did not answer: $NGINX_PREFIX/logs/error.log"
  say "PEPITES in production mode on $PEPITES_PUBLIC_URL (database $PEPITES_PROD_DB, user admin, password in $PEPITES_SECRETS_DIR/admin_password)"
  for i in $(seq 0 $(( PEPITES_PROD_NODES - 1 ))); do
    say "node ${NODE_NAMES[$i]}: http://127.0.0.1:$(node_port "$i") (longpolling $(node_lp_port "$i")), $PEPITES_PROD_WORKERS workers$([ "$i" = 0 ] && echo ", the crons"), log $(node_log "$i")"
  done
  say "nginx logs: $NGINX_PREFIX/logs/ — Ctrl-C or make $([ "$PEPITES_PROD_NODES" = 1 ] && echo prod-stop || echo cluster-stop) to stop"
  pids=("${PROD_ODOO_PIDS[@]}" "$nginx_pid")
  wait -n "${pids[@]}" || code=$?
  say "$([ "$code" = 0 ] && echo "stopped" || echo "a process failed (exit $code)"): stopping the others"
  exit "$code"
}

# What is left of the nodes and nginx when make prod / make cluster ends.
prod_shutdown() {
  set +e
  local pid
  for pid in "${PROD_ODOO_PIDS[@]}"; do kill "$pid" 2>/dev/null; done
  [ -f "$NGINX_PREFIX/nginx.pid" ] && "$NGINX_BIN" -q -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf" -s quit 2>/dev/null
  wait
  rm -f "$PROD"/odoo-node-*.pid
}

prod_stop() {
  local pidfile
  [ -f "$NGINX_PREFIX/nginx.pid" ] && "$NGINX_BIN" -q -p "$NGINX_PREFIX" -c "$NGINX_PREFIX/nginx.conf" -s quit
  for pidfile in "$PROD"/odoo-node-*.pid; do
    [ -f "$pidfile" ] && kill "$(cat "$pidfile")"
  done
  return 0
}
