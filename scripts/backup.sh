#!/usr/bin/env bash
# make backup: the database PEPITES_DB and its filestore, together and consistent, in one archive
# PEPITES_BACKUP_DIR/<db>_<UTC time>.zip (Odoo's backup format: the database manager restores it
# too); archives older than PEPITES_BACKUP_KEEP_DAYS days are deleted. Prints the archive's path.
source "$(dirname "$0")/ops_lib.sh"
ops_setup
db_exists "$PEPITES_DB" || die "no database $PEPITES_DB (set PEPITES_DB)"
ops_conf "$PEPITES_DB"
say "backing up $PEPITES_DB into $PEPITES_BACKUP_DIR"
ARCHIVE="$(ops_backup "$PEPITES_DB")" || die "backup of $PEPITES_DB failed"
say "backup written ($(du -h "$ARCHIVE" | cut -f1)): restore it with"
say "  make restore BACKUP=$ARCHIVE PEPITES_RESTORE_DB=<name>"
echo "$ARCHIVE"
