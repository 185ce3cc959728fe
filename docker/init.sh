#!/bin/sh
# Create the PEPITES database on first start (every addon, demo data, French), update it afterwards.
set -e
ADDONS="$(python /opt/pepites/scripts/addons.py pepites)"
if python -c "
import sys, psycopg2
cur = psycopg2.connect(host='db', user='odoo', password='odoo', dbname='postgres').cursor()
cur.execute(\"SELECT 1 FROM pg_database WHERE datname = 'pepites'\")
sys.exit(0 if cur.fetchone() else 1)"; then
  MODE="-u $ADDONS"
else
  MODE="-i $ADDONS"
fi
exec python /opt/pepites/bin/odoo -c /etc/odoo/odoo.conf -d pepites $MODE \
  --load-language=fr_FR --stop-after-init --no-http
