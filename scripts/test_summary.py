"""Read an Odoo test log and decide the run: prints `N passed, N failed[, N skipped]`.

Odoo's runner exits 0 when a tests package fails to import (only an ERROR log line says so), so
the verdict also fails on any ERROR or CRITICAL log line, and on a run that executed no test.

Usage: python scripts/test_summary.py LOGFILE ODOO_EXIT_CODE
"""
import re
import sys

LOG_LINE = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d,\d+ \d+ (?P<level>[A-Z]+) (?P<rest>.*)$")
RAN = re.compile(r"\bRan (\d+) tests? in ")
# unittest's verbose runner names every failing test once: "FAIL: test_x (...)" / "ERROR: test_x"
FAILED_TEST = re.compile(r": (?:FAIL|ERROR): \w+ \(")
SKIPPED = re.compile(r"\bskipped=(\d+)")


def summarize(lines):
    """Return (ran, failed, skipped, bad_lines) from the lines of an Odoo test log."""
    ran = failed = skipped = 0
    bad = []
    for line in lines:
        match = LOG_LINE.match(line)
        if match and match.group("level") in ("ERROR", "CRITICAL"):
            bad.append(line.rstrip())
        found = RAN.search(line)
        if found:
            ran += int(found.group(1))
        if FAILED_TEST.search(line):
            failed += 1
        found = SKIPPED.search(line)
        if found and LOG_LINE.match(line):
            skipped += int(found.group(1))
    return ran, failed, skipped, bad


def main(path, exit_code):
    with open(path, encoding="utf-8", errors="replace") as handle:
        ran, failed, skipped, bad = summarize(handle)
    passed = ran - failed - skipped
    if bad:
        print("\n%d ERROR/CRITICAL log line(s):" % len(bad))
        for line in bad[:50]:
            print("  " + line[:400])
    problems = []
    if exit_code:
        problems.append("Odoo exited with %s" % exit_code)
    if bad:
        problems.append("%d ERROR/CRITICAL log line(s)" % len(bad))
    if not ran:
        problems.append("no test ran")
    if problems:
        print("RESULT: FAILED (%s)" % "; ".join(problems))
        failed = max(failed, 1)
    summary = "%d passed, %d failed" % (passed, failed)
    if skipped:
        summary += ", %d skipped" % skipped
    print(summary)
    return 1 if problems or failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
