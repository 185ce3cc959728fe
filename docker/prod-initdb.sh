#!/bin/sh
# Run once by the postgres image on an empty data volume (docker-entrypoint-initdb.d): the
# production role (login, no superuser, no CREATEDB/CREATEROLE) with the db_password secret,
# and the production database it owns. The image's superuser keeps its own secret password.
set -e
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname postgres \
  -v role="${PEPITES_PROD_DB_USER:-pepites}" -v db="${PEPITES_PROD_DB:-pepites_prod}" \
  -v password="$(cat /run/secrets/db_password)" <<'SQL'
CREATE ROLE :"role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE PASSWORD :'password';
CREATE DATABASE :"db" OWNER :"role" ENCODING 'UTF8' TEMPLATE template0;
SQL
