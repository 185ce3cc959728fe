#!/usr/bin/env bash
# make upgrade: back up PEPITES_DB first, then update (-u) every PEPITES addon on it; stops on
# any error (Odoo's exit code, or an ERROR/CRITICAL line in its log) and prints the command that
# restores the backup just taken. Stop the Odoo server of that database first: what it writes
# after the backup would be lost by a restore.
source "$(dirname "$0")/ops_lib.sh"
ops_setup
db_exists "$PEPITES_DB" || die "no database $PEPITES_DB (set PEPITES_DB)"
ops_conf "$PEPITES_DB"
ADDONS="${PEPITES_UPGRADE_ADDONS:-$(addons_info pepites)}"
say "1/2 backing up $PEPITES_DB"
ARCHIVE="$(ops_backup "$PEPITES_DB")" || die "backup failed: nothing updated"
RESTORE="make restore BACKUP=$ARCHIVE PEPITES_RESTORE_DB=$PEPITES_DB PEPITES_RESTORE_OVERWRITE=1"
[ -n "${PEPITES_ODOO_CONF:-}" ] && RESTORE="PEPITES_ODOO_CONF=$PEPITES_ODOO_CONF $RESTORE"
[ "$PEPITES_DB" != "$PEPITES_PROD_DB" ] && RESTORE="$RESTORE   # (neutralised: not production)"
say "2/2 updating $ADDONS on $PEPITES_DB"
mkdir -p "$VAR/log"
LOG="$VAR/log/upgrade-$PEPITES_DB-$(date +%Y%m%d-%H%M%S).log"
if "${OPS[@]}" upgrade "$OPS_CONF" "$PEPITES_DB" "$ADDONS" "$LOG"; then
  # make run (or make prod) need not update the addons again: the stamp lies in the data_dir
  # of the configuration used (var/data, var/prod/data for production)
  DATA_DIR="$(sed -n 's/^data_dir *= *//p' "$OPS_CONF" | head -1)"
  DATA_DIR="${DATA_DIR:-$VAR/data}"
  mkdir -p "$DATA_DIR"
  addons_info fingerprint > "$DATA_DIR/.fingerprint-$PEPITES_DB"
  say "upgrade of $PEPITES_DB done (log $LOG). To go back to the state before it:"
  say "  $RESTORE"
else
  say "UPGRADE FAILED (log $LOG). $PEPITES_DB may be half-updated: restore the backup with"
  say "  $RESTORE"
  exit 1
fi
