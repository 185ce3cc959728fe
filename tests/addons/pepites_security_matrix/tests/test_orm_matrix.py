import logging
import os

from psycopg2 import Error as DatabaseError, IntegrityError

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests.common import SavepointCase
from odoo.tools import mute_logger

from . import engine, matrix
from .cast import ROLES, build_cast

_logger = logging.getLogger(__name__)


def write_value(record, field_name):
    """A valid new value of ``field_name`` for ``record`` (the same one for a selection)."""
    field = record._fields[field_name]
    if field.type in ("char", "text", "html"):
        return "ZQX écrit par la matrice"
    if field.type in ("float", "integer", "monetary"):
        return 7
    if field.type == "boolean":
        return not record.sudo()[field_name]
    if field.type == "date":
        return fields.Date.today()
    if field.type == "datetime":
        return fields.Datetime.now()
    if field.type == "selection":
        return record.sudo()[field_name]
    raise NotImplementedError("write a %s field in the matrix" % field.type)


def build_rows(case, c):
    """``{(model, record): (fixture, create values, written field, written value)}``."""
    rows = {}
    for key, (builder, field_name) in sorted(matrix.SPECS.items()):
        model = key[0]
        fixture = builder(c, "fixture")
        if isinstance(fixture, dict):
            fixture = c.sudo_env[model].create(fixture)
        values = builder(c, "create")
        rows[key] = (fixture, values, field_name, write_value(fixture, field_name))
    return rows


class TestOrmMatrix(SavepointCase):
    """Every PEPITES model x role x operation through the ORM, against matrix.TABLE."""

    @classmethod
    def setUpClass(cls):
        super(TestOrmMatrix, cls).setUpClass()
        cls.cast = build_cast(cls.env)
        cls.rows = build_rows(cls, cls.cast)

    def run_operation(self, user, operation, fixture, values, field_name, value):
        """Perform one operation as ``user`` in a savepoint rolled back afterwards; return the
        cell's character and a note when it is neither an allowance nor a denial."""
        cr = self.env.cr
        cr.execute("SAVEPOINT matrix_cell")
        note = None
        try:
            with mute_logger("odoo.sql_db"):
                if operation == "R":
                    fixture.sudo(user).read([field_name])
                elif operation == "W":
                    fixture.sudo(user).write({field_name: value})
                elif operation == "C":
                    self.env[fixture._name].sudo(user).create(dict(values))
                elif operation == "U":
                    fixture.sudo(user).unlink()
                self.env[fixture._name].sudo(user).recompute()
            result = operation
        except AccessError:
            result = "-"
        except (ValidationError, UserError) as error:
            result, note = "v", "%s: %s" % (operation, error.name)
        except IntegrityError as error:
            # unlink checks the rights and rules first: the database refused a granted delete
            result = "U" if operation == "U" else "!"
            note = "%s: %s" % (operation, str(error).splitlines()[0])
        except DatabaseError as error:
            result, note = "!", "%s: %s" % (operation, str(error).splitlines()[0])
        except Exception as error:  # noqa: B902 - any other failure is shown in the diff
            result, note = "!", "%s: %r" % (operation, error)
        finally:
            cr.execute("ROLLBACK TO SAVEPOINT matrix_cell")
            self.env.clear()
        return result, note

    def test_orm_matrix(self):
        """Every model PEPITES defines or extends has rows in the matrix, and every role can do
        through the ORM exactly what the matrix says on each representative record: model
        access rights and record rules (own SIAE, other SIAE, published or not)."""
        missing = engine.unclassified(self.env)
        actual, notes = {}, {}
        for key, (fixture, values, field_name, value) in sorted(self.rows.items()):
            actual[key] = {}
            for role in ROLES:
                user = self.cast.users[role]
                results = {}
                for operation in engine.OPERATIONS:
                    results[operation], note = self.run_operation(
                        user, operation, fixture, values, field_name, value)
                    if note:
                        notes.setdefault(key + (role,), []).append(note)
                actual[key][role] = engine.cell_string(results)
        engine.log_matrix("Security matrix, ORM (%d rows x %d roles x 4 operations)"
                          % (len(actual), len(ROLES)), actual, ROLES)
        if os.environ.get("PEPITES_MATRIX_DISCOVER"):
            for key in sorted(actual):
                _logger.info("DISCOVER %-28s | %-34s | %s", key[0], key[1], " | ".join(
                    "%-4s" % actual[key][role] for role in ROLES))
            for key, messages in sorted(notes.items()):
                _logger.info("NOTE %s: %s", key, messages)
        mismatches = engine.diff(matrix.EXPECTED, actual, notes)
        self.assertFalse(missing + mismatches, "\n" + "\n".join(
            ["Security matrix (ORM): %d problem(s)" % len(missing + mismatches)]
            + missing + mismatches))
