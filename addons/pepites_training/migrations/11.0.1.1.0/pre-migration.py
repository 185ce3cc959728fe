"""11.0.1.1.0 (issue 17): the Campus de l'Insertion's modules and learning paths moved from the
demo to data (``data/pepites_campus_data.xml``), so that a production database has them. A
database installed with the demo already holds them under their demo ids: they are renamed to
the data ids before the data file loads, so the upgrade keeps the records (and their sessions,
registrations and completions) instead of creating a second Campus beside them.
"""

#: demo id → data id
RENAMED = dict(
    [("module_%s_demo" % name, "campus_module_%s" % name) for name in (
        "new_eti_1", "new_eti_2", "new_eti_3", "trainers_insertion", "trainers_trade",
        "team_leader", "market_gardening", "autonomie", "coordinator")]
    + [("path_%s_demo" % name, "campus_path_%s" % name) for name in (
        "team_leader", "new_eti", "trainers", "coordinator")])


def migrate(cr, version):
    if not version:
        return
    for old, new in sorted(RENAMED.items()):
        cr.execute("""
            UPDATE ir_model_data SET name = %s, noupdate = TRUE
             WHERE module = 'pepites_training' AND name = %s
               AND NOT EXISTS (SELECT 1 FROM ir_model_data
                                WHERE module = 'pepites_training' AND name = %s)""",
                   (new, old, new))
