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
pepites.path.line.init                       | -      | -     | -        | scenario_init
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
PepitesSiaeDirectory.siae_directory   | all: active non-private SIAE, public fields only (res_partner_public_page.PUBLIC_PAGE_FIELDS), contacts only when the SIAE published them | /siae
PepitesSiaeDirectory.siae_page        | all: the page of an active non-private SIAE (same fields); any other partner 404 | /siae/{siae1_page}
PepitesPathwaysPortal.portal_my_immersions | siae1: its SIAE's conventions; others: sent to /my   | /my/immersions
PepitesKpiController.public_indicators | all: the programme's aggregated figures, no person       | /indicateurs
PepitesSurvey.print_survey            | all: the questions; a quiz's answer key only with the token of a finished answer | /survey/print/{survey}?token=ZQXNOTATOKEN
PepitesMailController.read_followers  | all: followers' names of records the caller may read only | json:/mail/read_followers
PepitesTrainingPortal.portal_attestation | siae1: its employees' attestations; others: 404         | /my/trainings/attestation/{registration1}
PepitesTrainingPortal.portal_alternance_summary | siae1: its contracts' OPCO summary, without the NIR; others: 404 | /my/trainings/alternance/{alternance1}/summary.pdf
PepitesPathwaysPortal.portal_immersion_convention | siae1: its SIAE's conventions; others: 404 | /my/immersions/{immersion1}/convention.pdf
PepitesPathwaysPortal.portal_immersion_attestation | siae1: its SIAE's immersions carried out; others: 404 | /my/immersions/{immersion1}/attestation.pdf
PepitesJobBoard.jobs_detail           | all: a published offer; a draft only to its SIAE and INAÉ (_offer_from_slug) | /jobs/detail/{job1_draft}
PepitesJobBoard.jobs_apply            | all: an application to a published offer only; else 404   | /jobs/apply/{job2_draft}
PepitesPathwaysPortal.portal_my_immersion | siae1: its SIAE's immersions; others: 404            | /my/immersions/{immersion1}
PepitesPathwaysPortal.portal_sign_immersion | siae1: signs its SIAE's conventions; others: 404   | /my/immersions/{immersion2}/sign
PepitesSurvey.get_scores              | all: a quiz's scores only with the token of a finished answer, else {} | /survey/scores/{survey}/ZQXNOTATOKEN
PepitesDataInclusion.data_inclusion_structures | all: the SIAE organisations' published fields (one SQL query on organisations), no person | /data-inclusion/v1/structures
PepitesDataInclusion.data_inclusion_services | all: the SIAE's services, from the same query, no person | /data-inclusion/v1/services
BadgesPublic.badge_class              | all: a published or awarded badge class; a draft 404      | /badges/classes/{class_draft}
BadgesPublic.badge_class_image        | all: a published or awarded badge class's image; a draft 404 | /badges/classes/{class_draft}/image.png
BadgesPublic.issuer                   | all: the issuer's public profile                          | /badges/issuers/{issuer}
BadgesPublic.issuer_image             | all: the issuer's public image (404 without one)          | /badges/issuers/{issuer}/image.png
BadgesPublic.revocations              | all: the public revocation list (ids and reasons)         | /badges/issuers/{issuer}/revocations
BadgesPublic.endorsement              | all: a published endorsement (404 without one)            | /badges/endorsements/{issuer}
BadgesPublic.key                      | all: the public key                                       | /badges/keys/{key}
BadgesPublic.assertion                | all: the hosted assertion (hashed recipient only)         | /badges/assertions/{badge1}
BadgesPublic.assertion_image          | all: the baked image of a hosted assertion                | /badges/assertions/{badge1}/image.png
BadgesPublic.verify_page              | all: valid / revoked, the holder's name the holder shares | /badges/verify/{badge1}
BadgesPublic.credential               | all: a badge's OB 3.0 credential, JSON / VC-JWT / PNG (hashed recipient only) | /badges/v3/credentials/{badge1}.jwt
BadgesPublic.issuer_v3                | all: the issuer's OB 3.0 public profile                   | /badges/v3/issuers/{issuer}
BadgesPublic.jwks                     | all: the public halves of the issuer's keys (JWK Set)     | /badges/v3/issuers/{issuer}/jwks
BadgesPublic.status_list              | all: the issuer's status list (one bit a badge, no names) | /badges/v3/issuers/{issuer}/status
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


#: a route that calls this helper elevates through it: it needs a row in ROUTES
ROUTE = "route"

#: the module-level functions of the controllers that elevate: ``ROUTE`` (the routes calling it
#: elevate through it and need a row of ROUTES), else why its callers need none
HELPERS = {
    "portal_report_pdf": ROUTE,
    "login_landing": "reads the logged-in user's own groups to choose the landing page",
    "register": "creates the registration the form describes, nothing else: the event "
                "registration tests of pepites_jobs (wrong input writes nothing, a full event "
                "puts on the waiting list, a repeated address is not told apart)",
    "_registration_transaction": "register's savepoint (see register)",
}


def _elevates(function):
    """What in ``function``'s body elevates rights: ``sudo()``, ``cr.execute()``, a cursor
    handed to a function (``export.export(request.env.cr, …)``: SQL run outside the ORM)."""
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
        # a cursor handed to plain Python (an engine beside models/) runs its SQL there
        for argument in list(node.args) + [keyword.value for keyword in node.keywords]:
            if isinstance(argument, ast.Attribute) and argument.attr in ("cr", "_cr"):
                found.add("cursor to %s()" % node.func.attr)
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


def _called_names(function):
    """The names ``function`` calls: ``helper(...)``, ``self.helper(...)``, ``module.helper(...)``."""
    names = set()
    for node in ast.walk(function):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", None)
            if name:
                names.add(name)
    return names


def _parse_addons(addons_dir):
    """``[(where, tree)]``: the parsed Python files of the ``pepites_*`` addons, tests excluded."""
    parsed = []
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
                    parsed.append((os.path.relpath(path, addons_dir), ast.parse(source.read(), path)))
    return parsed


def _model_bases(cls):
    return {base.attr if isinstance(base, ast.Attribute) else getattr(base, "id", None)
            for base in cls.bases}


def _elevating_helpers(parsed):
    """``(helpers, problems)``: the names of the controllers' helpers a route elevates through
    (the module-level functions of :data:`HELPERS` marked ``ROUTE``, the controllers' non-route
    methods that elevate themselves, such as ``_offer_from_slug``, and those that call one,
    such as an ``_immersion_pdf`` calling ``portal_report_pdf``), and a problem for each module-level function of a ``controllers``
    folder that elevates but is not in :data:`HELPERS` (a reviewer says whether the routes
    calling it need rows)."""
    candidates, problems, own = {}, [], set()
    for where, tree in parsed:
        for node in tree.body:
            if isinstance(node, ast.FunctionDef):
                candidates[node.name] = node
                if "/controllers/" in where and _elevates(node) and node.name not in HELPERS:
                    problems.append("%s (%s) elevates: add it to elevating.HELPERS" % (
                        node.name, where))
            elif isinstance(node, ast.ClassDef) and not _model_bases(node) & _MODEL_BASES:
                for function in node.body:
                    if isinstance(function, ast.FunctionDef) and not _is_route(function):
                        candidates[function.name] = function
                        if _elevates(function):
                            # a controller's own helper method (``_offer_from_slug``): the
                            # routes calling it elevate through it
                            own.add(function.name)
    helpers = {name for name, why in HELPERS.items() if why == ROUTE} | own
    grown = True
    while grown:
        grown = False
        for name, function in candidates.items():
            if name not in helpers and name not in HELPERS and _called_names(function) & helpers:
                helpers.add(name)
                grown = True
    return helpers, problems


def route_reasons(function, helpers):
    """What elevates in a route ``function``: its own body, and the ``helpers`` it calls."""
    return _elevates(function) | {"%s()" % name for name in _called_names(function) & helpers}


def scan(addons_dir):
    """``(methods, routes)``: ``{"model.method": (file, reasons)}`` for the public methods of
    model classes, ``{"Controller.function": (file, reasons)}`` for the route functions, whose
    body elevates rights (for a route: itself or through a helper of the controllers, named in
    the reasons as ``helper()``); under the ``pepites_*`` addons of ``addons_dir``, tests
    excluded."""
    methods, routes = {}, {}
    parsed = _parse_addons(addons_dir)
    helpers, _problems = _elevating_helpers(parsed)
    for where, tree in parsed:
        for cls in (node for node in tree.body if isinstance(node, ast.ClassDef)):
            model = _model_name(cls) if _model_bases(cls) & _MODEL_BASES else None
            for function in cls.body:
                if not isinstance(function, ast.FunctionDef):
                    continue
                reasons = _elevates(function)
                if _is_route(function):
                    reasons = route_reasons(function, helpers)
                    if reasons:
                        routes["%s.%s" % (cls.name, function.name)] = (where, reasons)
                elif reasons and model and not function.name.startswith("_"):
                    methods["%s.%s" % (model, function.name)] = (where, reasons)
    return methods, routes


def unlisted(methods, routes, addons_dir=None):
    """Problems: a scanned function without a row, a row of a PEPITES method no longer found,
    an elevating helper of the controllers not in :data:`HELPERS`."""
    problems = list(_elevating_helpers(_parse_addons(addons_dir))[1]) if addons_dir else []
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
