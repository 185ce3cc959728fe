# shellcheck shell=bash
# Shared by make backup, make restore and make upgrade (scripts/backup.sh, restore.sh,
# upgrade.sh); the work itself is in scripts/ops.py.
#   PEPITES_DB                 the database to back up or update (default as make run)
#   PEPITES_BACKUP_DIR         where archives go (default var/backups)
#   PEPITES_BACKUP_KEEP_DAYS   archives of that database older than this are deleted (default 14;
#                              0 keeps them all)
#   PEPITES_PROD_DB            the production database: the only one a restore leaves live
#   PEPITES_ODOO_CONF          an Odoo configuration file to use; by default production's
#                              (var/prod/odoo.conf) for PEPITES_PROD_DB, else one like make run's
#   PEPITES_PG_ADMIN_USER      the PostgreSQL role that creates, renames and drops the database of
#   PEPITES_PG_ADMIN_PASSWORD  a restore into production, whose own role may not (default for
#                              PEPITES_PROD_DB: postgres, the administrator of the local cluster)
# shellcheck source=lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
PEPITES_BACKUP_DIR="${PEPITES_BACKUP_DIR:-$VAR/backups}"
PEPITES_BACKUP_KEEP_DAYS="${PEPITES_BACKUP_KEEP_DAYS:-14}"
PEPITES_PROD_DB="${PEPITES_PROD_DB:-$DEFAULT_PROD_DB}"
OPS=("$PY" "$ROOT/scripts/ops.py")

# ops_setup: the venv and the PostgreSQL cluster (no system packages: a backup needs none)
ops_setup() {
  ensure_venv
  ensure_postgres
}

# ops_conf DB: sets OPS_CONF to PEPITES_ODOO_CONF, or to a configuration like make run's
ops_conf() {
  if [ "$1" = "$PEPITES_PROD_DB" ]; then
    # production (make prod) connects as its own role: the password comes from the environment
    # or the secret file, never from a configuration file (lib.sh unsets PGPASSWORD)
    local secret_file="${PEPITES_SECRETS_DIR:-$VAR/prod/secrets}/db_password"
    if [ -n "${PEPITES_DB_PASSWORD:-}" ]; then
      export PGPASSWORD="$PEPITES_DB_PASSWORD"
    elif [ -r "$secret_file" ]; then
      PGPASSWORD="$(cat "$secret_file")"; export PGPASSWORD
    fi
    # its role is NOCREATEDB: the cluster's administrator creates and renames the database
    export PEPITES_PG_ADMIN_USER="${PEPITES_PG_ADMIN_USER:-postgres}"
  fi
  if [ -n "${PEPITES_ODOO_CONF:-}" ]; then
    [ -f "$PEPITES_ODOO_CONF" ] || die "no configuration file $PEPITES_ODOO_CONF"
    OPS_CONF="$PEPITES_ODOO_CONF"
  elif [ "$1" = "$PEPITES_PROD_DB" ] && [ -f "$VAR/prod/odoo.conf" ]; then
    OPS_CONF="$VAR/prod/odoo.conf"   # its role, its filestore under var/prod/data
  else
    OPS_CONF="$VAR/odoo-ops-$$.conf"
    render_config "$OPS_CONF" "$1" "$PEPITES_HTTP_PORT"
    # shellcheck disable=SC2064
    trap "rm -f '$OPS_CONF'" EXIT
  fi
}

# ops_backup DB: prints the path of the archive just written
ops_backup() {
  "${OPS[@]}" backup "$OPS_CONF" "$1" "$PEPITES_BACKUP_DIR" "$PEPITES_BACKUP_KEEP_DAYS"
}
