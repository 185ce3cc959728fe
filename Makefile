# PEPITES ERP — single entry point. Every target sets up what it needs (idempotent).
.PHONY: run test bench setup stop help backup restore upgrade prod prod-stop cluster cluster-stop
help:
	@echo "make run    serve PEPITES (all addons, demo data, French) on 127.0.0.1:$${PEPITES_HTTP_PORT:-8069}"
	@echo "make test   run every test of every PEPITES addon (ends with 'N passed, N failed')"
	@echo "make prod   serve PEPITES as in production: nginx with TLS on https://127.0.0.1:$${PEPITES_HTTPS_PORT:-8443} in front of Odoo (pepites_prod)"
	@echo "make cluster  make prod with two Odoo nodes (8169, 8269) behind nginx, one database and data directory, crons on the first (make cluster-stop)"
	@echo "make bench  run the benchmarks under bench/ and write bench/RESULTS.md"
	@echo "make stop   stop the project's PostgreSQL cluster"
	@echo "make backup   back up PEPITES_DB (database + filestore) into var/backups; prints the path"
	@echo "make restore BACKUP=<file> [PEPITES_RESTORE_DB=<name>]   restore, check, neutralise a copy"
	@echo "make upgrade  back up PEPITES_DB, then update every PEPITES addon on it"

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

bench:
	@bash scripts/bench.sh

prod:
	@bash scripts/prod.sh

prod-stop:
	@bash scripts/prod.sh stop

cluster:
	@bash scripts/cluster.sh

cluster-stop:
	@bash scripts/cluster.sh stop

setup:
	@bash -c 'source scripts/lib.sh && setup_all'

backup:
	@bash scripts/backup.sh

restore:
	@BACKUP="$(BACKUP)" bash scripts/restore.sh

upgrade:
	@bash scripts/upgrade.sh

stop:
	@bash -c 'source scripts/lib.sh && pg_dirs && as_pg pg_ctl -D "$$PGDATA_DIR" stop -m fast'
