"""Facts about the PEPITES addons that the shell scripts need, read from their manifests.

Usage: python scripts/addons.py {pepites|core-deps|fingerprint}
  pepites      comma list of the addons under addons/ (installable ones), dependencies first
  core-deps    comma list of the Odoo addons they depend on directly (the test template holds these)
  fingerprint  sha1 of every file under addons/ (tells whether the run database needs an update)
  closure=A,B  the PEPITES addons A and B need, themselves included (A, B may be test addons)
"""
import ast
import hashlib
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
ADDONS = os.path.join(ROOT, "addons")
# cross-addon test addons (browser journeys, security matrix, hostile inputs): tested, never served
TEST_ADDONS = os.path.join(ROOT, "tests", "addons")


def manifests(folders=(ADDONS,)):
    result = {}
    for folder, name in sorted((f, n) for f in folders if os.path.isdir(f) for n in os.listdir(f)):
        path = os.path.join(folder, name, "__manifest__.py")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as handle:
                manifest = ast.literal_eval(handle.read())
            if manifest.get("installable", True):
                result[name] = manifest
    return result


def ordered(mans):
    done, order = set(), []

    def visit(name):
        if name in done:
            return
        done.add(name)
        for dep in mans[name].get("depends", []):
            if dep in mans:
                visit(dep)
        order.append(name)

    for name in mans:
        visit(name)
    return order


def fingerprint():
    digest = hashlib.sha1()
    for dirpath, dirnames, filenames in os.walk(ADDONS):
        dirnames[:] = sorted(d for d in dirnames if d != "__pycache__")
        for filename in sorted(filenames):
            if filename.endswith((".pyc", ".pyo")):
                continue
            path = os.path.join(dirpath, filename)
            digest.update(os.path.relpath(path, ADDONS).encode())
            with open(path, "rb") as handle:
                digest.update(handle.read())
    return digest.hexdigest()


def main(what):
    mans = manifests()
    if what == "pepites":
        return ",".join(ordered(mans))
    if what == "core-deps":
        deps = {d for m in mans.values() for d in m.get("depends", []) if d not in mans}
        return ",".join(sorted(deps))
    if what == "fingerprint":
        return fingerprint()
    if what.startswith("closure="):
        mans = manifests((ADDONS, TEST_ADDONS))
        wanted = [name for name in what.split("=", 1)[1].split(",") if name]
        closure, stack = set(), list(wanted)
        while stack:
            name = stack.pop()
            if name in mans and name not in closure:
                closure.add(name)
                stack.extend(mans[name].get("depends", []))
        return ",".join(sorted(closure))
    raise SystemExit(__doc__)


if __name__ == "__main__":
    print(main(sys.argv[1] if len(sys.argv) > 1 else ""))
