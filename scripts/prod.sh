#!/usr/bin/env bash
# make prod: PEPITES as in production, on this machine: nginx (TLS, security headers, upload and
# rate limits) in front of Odoo (prefork workers, no demo data, hashed master password) on the
# database pepites_prod and its own PostgreSQL role. Settings: scripts/prod_lib.sh.
#   make prod        set up (idempotent), then serve in the foreground (Ctrl-C stops)
#   make prod-stop   stop a make prod running elsewhere
#   bash scripts/prod.sh secrets   only write the secrets and the local certificate (what the
#                    compose production profile reads; any python3 and openssl will do)
ROOT_DIR="$(cd "$(dirname "$0")/.." && pwd)"
# the production venv: the runtime requirements only, none of the test tools
export PEPITES_VENV="${PEPITES_VENV:-$ROOT_DIR/.venv-prod}" PEPITES_REQS=requirements.txt
export PEPITES_BROWSER=0 PEPITES_NGINX=1
source "$ROOT_DIR/scripts/lib.sh"
source "$ROOT_DIR/scripts/prod_lib.sh"
case "${1:-}" in
  stop) prod_stop; exit 0 ;;
  secrets)
    [ -x "$PY" ] || PY=python3
    for name in db_password master_password admin_password pg_superuser_password \
                badge_key_passphrase; do
      secret "$name" generate >/dev/null
    done
    secret smtp_password >/dev/null
    prod_tls
    exit 0 ;;
esac
setup_all
prod_tls
prod_database
prod_configs
prod_install
prod_serve
