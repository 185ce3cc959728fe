"""Start Odoo like ``bin/odoo`` does, for the real server of the load test.

Run as ``python launcher.py <odoo server options>``. Why not ``bin/odoo`` itself: with
``--workers`` the prefork master also spawns ``sys.argv[0] gevent ...`` for the longpolling
(bus) server; that needs ``psycogreen``, which the project does not ship, so with ``bin/odoo`` the
master would respawn a crashing process every few seconds on a machine already loaded by the
race. Here ``gevent`` starts an idle stand-in instead (the load test uses no longpolling), which
the master kills when it stops, as it would the real one. Everything else is ``bin/odoo``.
"""
import signal
import sys

if __name__ == "__main__":
    if sys.argv[1:2] == ["gevent"]:
        while True:
            signal.pause()
    from odoo.cli import main

    sys.exit(main())
