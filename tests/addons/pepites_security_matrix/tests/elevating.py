"""The methods and routes of the PEPITES addons that elevate rights, found by reading the code.

A public method of a model (a name not starting with ``_``: Odoo 11 lets any logged-in user call
it over RPC) or a route function whose body calls ``sudo()`` or runs SQL (``cr.execute``) decides
for itself what the caller may reach: the model's access rights do not bound it. :func:`scan`
finds every such function with :mod:`ast` (not the tests); each must have a row in
:data:`METHODS` (model methods, exercised over XML-RPC by ``test_elevating_methods``) or
:data:`ROUTES` (route functions, exercised by ``test_routes_matrix``), and a new one without a
row fails the test, so that a reviewer decides who may call it before it ships.

Plain Python: importable without a database.
"""
import ast
import os

#: the roles that call the model methods over XML-RPC: a plain portal user (a learner or badge
#: holder), a SIAE portal user, the partner API user
ROLES = ("portal", "siae1", "partner1")

#: what a role gets from a method (``METHODS`` cells):
#: ``-``   refused: every call is an access error and changes nothing;
#: ``own`` allowed on what the role may already touch (its SIAE's records, the people it may
#:         read), refused on anything else;
#: ``ok``  allowed, and the result holds only the caller's own data.
OUTCOMES = ("-", "own", "ok")

#: model methods: ``model.method | portal | siae1 | partner1 | scenario`` (the scenario, a method
#: of ``test_elevating_methods.TestElevatingMethods``, says what "own" and "other" are)
METHODS = """
# model.method                               | portal | siae1 | partner1 | scenario
# --- set-up hooks (indexes, views): run by the module loader, never over RPC
event.registration.init                      | -      | -     | -        | scenario_init
hr.job.init                                  | -      | -     | -        | scenario_init
pepites.badge.assertion.init                 | -      | -     | -        | scenario_init
pepites.badge.issuer.init                    | -      | -     | -        | scenario_init
pepites.kpi.snapshot.init                    | -      | -     | -        | scenario_init
res.partner.init                             | -      | -     | -        | scenario_init
# --- pepites_partners, pepites_jobs
res.partner.write                            | -      | own   | -        | scenario_partner_write
hr.job.create                                | -      | own   | -        | scenario_job_create
hr.job.write                                 | -      | own   | -        | scenario_job_write
hr.job.board_search                          | -      | -     | -        | scenario_board_search
hr.applicant.website_form_input_filter       | -      | -     | -        | scenario_form_filter
pepites.immersion.portal_sign                | -      | own   | -        | scenario_portal_sign
# (the SIAE decides on /my/offers/<id> only: not on the RPC allow-list, outsiders_rpc.py)
hr.applicant.portal_decide                   | -      | -     | -        | scenario_applicant_decide
# --- pepites_training (the slide page calls it through its JSON route, not RPC)
slide.slide.pepites_mark_completed           | -      | -     | -        | scenario_mark_completed
# --- pepites_badges
pepites.badge.class.issue_to                 | -      | -     | own      | scenario_issue_to
pepites.badge.assertion.name_get             | own    | own   | own      | scenario_assertion_name
pepites.badge.assertion.action_revoke        | -      | -     | -        | scenario_revoke
pepites.badge.issuer.action_rotate_key       | -      | -     | -        | scenario_rotate_key
# --- core methods that elevate (not PEPITES code, listed because outsiders met them)
hr.job.message_subscribe                     | -      | -     | -        | scenario_subscribe
hr.job.message_post                          | -      | -     | -        | scenario_post
hr.applicant.message_subscribe               | -      | -     | -        | scenario_subscribe_applicant
"""

#: route functions: ``Controller.function | who may call it, and what they get | the
#: test_routes_matrix.ROUTES line that exercises it`` (``json:/route``: a route of
#: test_web_routes.JSON_ROUTES)
ROUTES = """
# controller.function                 | outsiders (public, portal, siae1, partner1) get           | exercised by route
PepitesJobBoard.jobs                  | all: published offers only (SIAE names searched as sudo) | /jobs
PepitesPathwaysPortal.portal_my_immersions | siae1: its SIAE's conventions; others: sent to /my   | /my/immersions
PepitesKpiController.public_indicators | all: the programme's aggregated figures, no person       | /indicateurs
PepitesSurvey.print_survey            | all: the questions; a quiz's answer key only with the token of a finished answer | /survey/print/{survey}?token=ZQXNOTATOKEN
PepitesMailController.read_followers  | all: followers' names of records the caller may read only | json:/mail/read_followers
PepitesTrainingPortal.portal_attestation | siae1: its employees' attestations; others: 404         | /my/trainings/attestation/{registration1}
BadgesPublic.issuer                   | all: the issuer's public profile                          | /badges/issuers/{issuer}
BadgesPublic.issuer_image             | all: the issuer's public image (404 without one)          | /badges/issuers/{issuer}/image.png
BadgesPublic.revocations              | all: the public revocation list (ids and reasons)         | /badges/issuers/{issuer}/revocations
BadgesPublic.endorsement              | all: a published endorsement (404 without one)            | /badges/endorsements/{issuer}
BadgesPublic.key                      | all: the public key                                       | /badges/keys/{key}
BadgesPublic.assertion                | all: the hosted assertion (hashed recipient only)         | /badges/assertions/{badge1}
BadgesPublic.assertion_image          | all: the baked image of a hosted assertion                | /badges/assertions/{badge1}/image.png
BadgesPublic.verify_page              | all: valid / revoked, the holder's name the holder shares | /badges/verify/{badge1}
"""


def parse(table, columns):
    """``{key: {column: cell}}`` of a ``|``-separated table (``#`` lines are comments)."""
    rows = {}
    for line in table.strip().splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        parts = [part.strip() for part in line.split("|")]
        assert len(parts) == len(columns) + 1, "bad line: %r" % line
        assert parts[0] not in rows, "two rows for %s" % parts[0]
        rows[parts[0]] = dict(zip(columns, parts[1:]))
    return rows


EXPECTED_METHODS = parse(METHODS, ROLES + ("scenario",))
#: rows of core methods (not found by the scan: they are not PEPITES code)
CORE_METHODS = {key for key in EXPECTED_METHODS
                if key.endswith((".message_subscribe", ".message_post"))}
EXPECTED_ROUTES = parse(ROUTES, ("outsiders", "route"))

_MODEL_BASES = {"Model", "TransientModel", "AbstractModel"}


def _elevates(function):
    """What in ``function``'s body elevates rights: ``sudo()``, ``cr.execute()``."""
    found = set()
    for node in ast.walk(function):
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        if node.func.attr == "sudo":
            found.add("sudo()")
        elif node.func.attr == "execute":
            target = node.func.value
            name = target.attr if isinstance(target, ast.Attribute) else \
                target.id if isinstance(target, ast.Name) else None
            if name in ("cr", "_cr"):
                found.add("cr.execute()")
    return found


def _is_route(function):
    for decorator in function.decorator_list:
        call = decorator.func if isinstance(decorator, ast.Call) else decorator
        name = call.attr if isinstance(call, ast.Attribute) else getattr(call, "id", None)
        if name == "route":
            return True
    return False


def _model_name(cls):
    """The ``_name`` of a model class, else the (first) model of its ``_inherit``."""
    names = {}
    for statement in cls.body:
        if not isinstance(statement, ast.Assign):
            continue
        for target in statement.targets:
            if isinstance(target, ast.Name) and target.id in ("_name", "_inherit"):
                value = statement.value
                if isinstance(value, (ast.List, ast.Tuple)) and value.elts:
                    value = value.elts[0]
                if isinstance(value, ast.Str):
                    names[target.id] = value.s
    return names.get("_name") or names.get("_inherit")


def scan(addons_dir):
    """``(methods, routes)``: ``{"model.method": (file, reasons)}`` for the public methods of
    model classes, ``{"Controller.function": (file, reasons)}`` for the route functions, whose
    body elevates rights; under the ``pepites_*`` addons of ``addons_dir``, tests excluded."""
    methods, routes = {}, {}
    for addon in sorted(os.listdir(addons_dir)):
        if not addon.startswith("pepites_"):
            continue
        for folder, subfolders, files in os.walk(os.path.join(addons_dir, addon)):
            subfolders[:] = sorted(name for name in subfolders if name != "tests")
            for filename in sorted(files):
                if not filename.endswith(".py"):
                    continue
                path = os.path.join(folder, filename)
                with open(path, encoding="utf-8") as source:
                    tree = ast.parse(source.read(), path)
                where = os.path.relpath(path, addons_dir)
                for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
                    bases = {base.attr if isinstance(base, ast.Attribute) else
                             getattr(base, "id", None) for base in cls.bases}
                    model = _model_name(cls) if bases & _MODEL_BASES else None
                    for function in cls.body:
                        if not isinstance(function, ast.FunctionDef):
                            continue
                        reasons = _elevates(function)
                        if not reasons:
                            continue
                        if _is_route(function):
                            routes["%s.%s" % (cls.name, function.name)] = (where, reasons)
                        elif model and not function.name.startswith("_"):
                            methods["%s.%s" % (model, function.name)] = (where, reasons)
    return methods, routes


def unlisted(methods, routes):
    """Problems: a scanned function without a row, a row of a PEPITES method no longer found."""
    problems = []
    for key, (where, reasons) in sorted(methods.items()):
        if key not in EXPECTED_METHODS:
            problems.append("%s (%s) calls %s: add a row to elevating.METHODS (who may call "
                            "it over RPC) and its scenario" % (key, where, ", ".join(
                                sorted(reasons))))
    for key, (where, reasons) in sorted(routes.items()):
        if key not in EXPECTED_ROUTES:
            problems.append("route %s (%s) calls %s: add a row to elevating.ROUTES and a line "
                            "to test_routes_matrix.ROUTES" % (key, where, ", ".join(
                                sorted(reasons))))
    for key in sorted(set(EXPECTED_METHODS) - set(methods) - CORE_METHODS):
        problems.append("elevating.METHODS row %s: no such elevating method (any more): "
                        "remove the row" % key)
    for key in sorted(set(EXPECTED_ROUTES) - set(routes)):
        problems.append("elevating.ROUTES row %s: no such elevating route function (any "
                        "more): remove the row" % key)
    return problems
