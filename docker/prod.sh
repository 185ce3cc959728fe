#!/bin/sh
# The `production` profile of docker-compose.yml: render the Odoo configuration (and, for
# `init`, nginx's) from the same templates as `make prod`, with the secrets of /run/secrets, then
#   init   install every PEPITES addon in French without demo data (first start) or update them
#   serve  run Odoo (prefork workers, proxy_mode) behind the nginx service
set -e
SECRETS=/run/secrets
DB="${PEPITES_PROD_DB:-pepites_prod}"
ROLE="${PEPITES_PROD_DB_USER:-pepites}"
PUBLIC_URL="${PEPITES_PUBLIC_URL:-https://localhost}"
CONF="$HOME/odoo.conf"
RENDER="python /opt/pepites/scripts/prod_render.py"
# Odoo's libpq takes the password from the environment: no file Odoo reads holds it
PGPASSWORD="$(cat "$SECRETS/db_password")"
export PGPASSWORD
MAX_CONNECTIONS="$(python -c "
import sys, psycopg2
cur = psycopg2.connect(host='db-prod', user=sys.argv[1], dbname=sys.argv[2]).cursor()
cur.execute('SHOW max_connections')
print(cur.fetchone()[0])" "$ROLE" "$DB")"
SMTP_PASSWORD="$(cat "$SECRETS/smtp_password" 2>/dev/null || true)"
PEPITES_MASTER_PASSWORD="$(cat "$SECRETS/master_password")" $RENDER odoo "$CONF" \
  ADDONS_PATH=/opt/pepites/addons DATA_DIR=/var/lib/odoo DB_HOST=db-prod DB_PORT=5432 \
  "DB_USER=$ROLE" "DB=$DB" HTTP_INTERFACE=0.0.0.0 HTTP_PORT=8069 LONGPOLLING_PORT=8072 \
  "WORKERS=${PEPITES_PROD_WORKERS:-2}" "MAX_CONNECTIONS=$MAX_CONNECTIONS" \
  "PUBLIC_URL=$PUBLIC_URL" LOGFILE=False \
  "SMTP_SERVER=${PEPITES_SMTP_SERVER:-localhost}" "SMTP_PORT=${PEPITES_SMTP_PORT:-25}" \
  "SMTP_SSL=${PEPITES_SMTP_SSL:-False}" "SMTP_USER=${PEPITES_SMTP_USER:-False}" \
  "SMTP_PASSWORD=${SMTP_PASSWORD:-False}" "EMAIL_FROM=${PEPITES_EMAIL_FROM:-False}" \
  "BADGE_KEY_PASSPHRASE_FILE=$SECRETS/badge_key_passphrase"
ODOO="python /opt/pepites/bin/odoo -c $CONF -d $DB"

case "$1" in
  init)
    # nginx's configuration and French error pages, into the volume the nginx service reads
    $RENDER nginx /etc/pepites-nginx/nginx.conf PREFIX=/etc/pepites-nginx \
      STATE=/var/cache/pepites-nginx LISTEN=0.0.0.0 HTTPS_PORT=8443 HTTP_PORT=8080 \
      "SERVER_NAMES=${PEPITES_SERVER_NAMES:-localhost}" "PUBLIC_URL=$PUBLIC_URL" \
      ODOO_UPSTREAM=odoo-prod:8069 LONGPOLLING_UPSTREAM=odoo-prod:8072 \
      TLS_CERT=/run/secrets/tls_cert TLS_KEY=/run/secrets/tls_key USER=nginx
    chmod 644 /etc/pepites-nginx/nginx.conf
    ADDONS="$(python /opt/pepites/scripts/addons.py pepites)"
    if python -c "
import sys, psycopg2
cur = psycopg2.connect(host='db-prod', user=sys.argv[1], dbname=sys.argv[2]).cursor()
cur.execute(\"SELECT 1 FROM pg_tables WHERE tablename = 'ir_module_module'\")
sys.exit(0 if cur.fetchone() else 1)" "$ROLE" "$DB"; then
      exec $ODOO -u "$ADDONS" --stop-after-init --no-http
    fi
    $ODOO -i "$ADDONS" --without-demo=all --load-language=fr_FR --stop-after-init --no-http
    PEPITES_ADMIN_PASSWORD="$(cat "$SECRETS/admin_password")" \
      python /opt/pepites/bin/odoo shell -c "$CONF" -d "$DB" --no-http <<'PY'
import os
env.ref("base.user_root").write({"password": os.environ["PEPITES_ADMIN_PASSWORD"], "lang": "fr_FR"})
env.cr.commit()
PY
    ;;
  serve)
    exec $ODOO
    ;;
  *)
    echo "usage: docker/prod.sh init|serve" >&2
    exit 2
    ;;
esac
