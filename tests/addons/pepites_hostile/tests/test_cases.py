import collections

from odoo.tests import common

from . import cases


class TestHostileCases(common.BaseCase):
    """The generator of hostile inputs (tables of cases.py and cases_http.py)."""

    def test_generated_inputs(self):
        """At least 200 distinct bad inputs, over the three paths, each with a unique label
        (so that a failing subtest names exactly one input); the count by path and family is
        printed."""
        generated = cases.all_cases()
        names = [case.name for case in generated]
        self.assertEqual(len(names), len(set(names)), [
            name for name, count in collections.Counter(names).items() if count > 1])
        by_path = collections.Counter(case.path for case in generated)
        by_family = collections.Counter((case.path, case.family) for case in generated)
        lines = ["hostile inputs generated: %d" % len(generated)]
        lines += ["  %-8s %4d" % item for item in sorted(by_path.items())]
        lines += ["  %-8s %-16s %4d" % (path, family, count)
                  for (path, family), count in sorted(by_family.items())]
        print("\n".join(lines))
        self.assertGreaterEqual(len(generated), 200)
        for path in ("xmlrpc", "website", "portal"):
            self.assertGreaterEqual(by_path[path], 50, path)
