#!/usr/bin/env bash
# make cluster: make prod with two Odoo nodes behind nginx (scripts/prod.sh, settings in
# scripts/prod_lib.sh): the same database (pepites_prod) and data directory (var/prod/data:
# sessions and filestore) for both, the crons on node a only, nginx balancing the requests and
# the longpolling between them and leaving a dead node aside.
#   make cluster        set up (idempotent), then serve in the foreground (Ctrl-C stops all)
#   make cluster-stop   stop a make cluster running elsewhere
# Ports (defaults): nginx https://127.0.0.1:8443 (http 8080 redirects); node a 8169 (longpolling
# 8172), node b 8269 (8272). PEPITES_PROD_NODES=3 adds node c on 8369/8372;
# PEPITES_PROD_WORKERS [2] HTTP workers per node.
export PEPITES_PROD_NODES="${PEPITES_PROD_NODES:-2}"
exec bash "$(dirname "$0")/prod.sh" "$@"
