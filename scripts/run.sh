#!/usr/bin/env bash
# make run: set everything up (idempotent), then serve PEPITES in the foreground.
# the demo server needs no reverse proxy (make prod and make test install nginx)
export PEPITES_NGINX="${PEPITES_NGINX:-0}"
source "$(dirname "$0")/lib.sh"
setup_all
CONF="$VAR/odoo.conf"
render_config "$CONF" "$PEPITES_DB" "$PEPITES_HTTP_PORT"
ADDONS="$(addons_info pepites)"
STAMP="$VAR/data/.fingerprint-$PEPITES_DB"
FP="$(addons_info fingerprint)"
if ! db_exists "$PEPITES_DB"; then
  say "creating database $PEPITES_DB: $ADDONS, demo data, French"
  psql_odoo -qc "CREATE DATABASE \"$PEPITES_DB\" ENCODING 'UTF8' TEMPLATE template0"
  "${ODOO[@]}" -c "$CONF" -d "$PEPITES_DB" -i "$ADDONS" --load-language=fr_FR --stop-after-init --no-http \
    || { psql_odoo -qc "DROP DATABASE \"$PEPITES_DB\""; die "installation failed (database dropped)"; }
  echo "$FP" > "$STAMP"
elif [ "$(cat "$STAMP" 2>/dev/null)" != "$FP" ]; then
  say "addon code changed: updating $ADDONS in $PEPITES_DB"
  "${ODOO[@]}" -c "$CONF" -d "$PEPITES_DB" -i "$ADDONS" -u "$ADDONS" --stop-after-init --no-http
  echo "$FP" > "$STAMP"
fi
say "PEPITES on http://127.0.0.1:$PEPITES_HTTP_PORT/web/login (database $PEPITES_DB) — Ctrl-C to stop"
exec "${ODOO[@]}" -c "$CONF" -d "$PEPITES_DB"
