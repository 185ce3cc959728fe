"""Render the production configuration of PEPITES: nginx in front of Odoo, and Odoo itself.

One renderer for every place that needs these files, so that they cannot drift apart:
``make prod`` (scripts/prod.sh), the ``production`` profile of docker-compose.yml (docker/prod.sh)
and the end-to-end test through the proxy (tests/addons/pepites_prod), which renders the same
nginx template with the upstream pointed at the test server.

Plain Python (the standard library, and passlib for the master password's hash, as Odoo 11 itself
hashes it): it runs in the production venv, in the Docker image and in the tests.

Usage:
  python scripts/prod_render.py nginx OUT KEY=VALUE...     (see NGINX_DEFAULTS)
  python scripts/prod_render.py odoo OUT KEY=VALUE...      (see ODOO_DEFAULTS)
  python scripts/prod_render.py tls FOLDER [HOST...]         (a local test CA and certificate)
  python scripts/prod_render.py db-maxconn MAX_CONNECTIONS WORKERS CRON_THREADS
"""
import ast
import math
import os
import re
import shutil
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NGINX_TEMPLATE = os.path.join(ROOT, "config", "nginx", "pepites.conf.in")
#: the French error pages (413, 429, 50x), rendered beside the configuration
NGINX_ERRORS = os.path.join(ROOT, "config", "nginx", "errors")
ODOO_TEMPLATE = os.path.join(ROOT, "config", "odoo.production.conf.in")
#: where the CV limit of the website's application form is declared (pepites_jobs)
CV_LIMIT_SOURCE = os.path.join(ROOT, "addons", "pepites_jobs", "models", "hr_applicant.py")
CV_LIMIT_NAME = "DEFAULT_CV_MAX_MB"
#: what a multipart application adds to its CV: the other fields (a 5,000-character message),
#: the boundaries and part headers; 1 MiB is far more than they take
FORM_OVERHEAD_MB = 1

#: nginx's request rate limits (limit_req): zone -> (rate, burst). ``burst`` requests pass at
#: once ("nodelay"), then one per period of ``rate``; beyond, nginx answers 429 with a French
#: page. The e2e test reads these to know when the 429 must come.
RATE_LIMITS = {
    # POST /web/login, /web/session/authenticate, /xmlrpc[/2]/common: password guessing;
    # /auth_totp/login, /pepites/totp/enrol: second-factor code guessing
    "pepites_login": ("6r/m", 5),
    # POST /jobs/apply/<offer>: applications with a CV
    "pepites_apply": ("6r/m", 5),
    # POST of an event's registration forms (PEPITES' and core's modal)
    "pepites_event": ("12r/m", 10),
    # /badges/verify[/<uuid>]: the recipient-email check is an oracle, uploads cost CPU
    "pepites_verify": ("30r/m", 20),
}

#: Content-Security-Policy the website, its editor and the back office tolerate: Odoo 11's web
#: client and website editor run inline scripts and styles and evaluate code (QWeb templates are
#: compiled with ``new Function``), hence 'unsafe-inline' 'unsafe-eval' for scripts; videos of
#: the eLearning slides are embedded from YouTube, Vimeo and Google Drive. What it still forbids:
#: scripts, styles and fonts from other sites, plugins, being framed by other sites, forms or
#: <base> pointing elsewhere.
CSP = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline' 'unsafe-eval'",
    "style-src 'self' 'unsafe-inline' https://fonts.googleapis.com",
    "font-src 'self' data: https://fonts.gstatic.com",
    "img-src 'self' data: blob: https:",
    "media-src 'self' blob: https:",
    "connect-src 'self'",
    "frame-src 'self' https://www.youtube.com https://www.youtube-nocookie.com "
    "https://player.vimeo.com https://docs.google.com https://drive.google.com",
    "frame-ancestors 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
])

NGINX_DEFAULTS = {
    # where the rendered configuration and error pages live (nginx's -p prefix)
    "PREFIX": os.path.join(ROOT, "var", "prod", "nginx"),
    # where nginx writes its pid, logs, temporary files and cache (default: PREFIX)
    "STATE": "",
    "LISTEN": "127.0.0.1",
    "HTTPS_PORT": "8443",
    "HTTP_PORT": "8080",
    "SERVER_NAMES": "127.0.0.1 localhost",
    "PUBLIC_URL": "https://127.0.0.1:8443",
    # the Odoo nodes nginx balances between: one address, or several separated by spaces or
    # commas (make cluster: two nodes sharing the database and the data directory); their
    # longpolling (gevent) ports in the same order
    "ODOO_UPSTREAM": "127.0.0.1:8069",
    "LONGPOLLING_UPSTREAM": "127.0.0.1:8072",
    # addresses (CIDR) of proxies whose X-Forwarded-For nginx takes as the client's address
    # (the realip module): empty in production, where nginx faces the clients itself. The
    # rush benchmark and the cluster tests set 127.0.0.1 so that each simulated visitor has an
    # address of its own under the rate limits, as a real crowd has.
    "REAL_IP_FROM": "",
    "TLS_CERT": os.path.join(ROOT, "var", "prod", "tls", "server.crt"),
    "TLS_KEY": os.path.join(ROOT, "var", "prod", "tls", "server.key"),
    "HSTS_MAX_AGE": "31536000",
    # run as root, the workers drop to this user (nginx ignores it otherwise)
    "USER": "",
    "MIME_TYPES": "/etc/nginx/mime.types",
    "CV_MAX_MB": "",
}

ODOO_DEFAULTS = {
    "ADDONS_PATH": os.path.join(ROOT, "addons"),
    "DATA_DIR": os.path.join(ROOT, "var", "prod", "data"),
    "DB_HOST": "",
    "DB_PORT": "5432",
    "DB_USER": "pepites",
    "DB": "pepites_prod",
    "HTTP_INTERFACE": "127.0.0.1",
    "HTTP_PORT": "8069",
    "LONGPOLLING_PORT": "8072",
    "WORKERS": "2",
    "CRON_THREADS": "1",
    "MAX_CONNECTIONS": "100",
    "PUBLIC_URL": "https://127.0.0.1:8443",
    "SMTP_SERVER": "localhost",
    "SMTP_PORT": "25",
    "SMTP_SSL": "False",
    "SMTP_USER": "False",
    "SMTP_PASSWORD": "False",
    "EMAIL_FROM": "False",
    "BADGE_KEY_PASSPHRASE_FILE": "False",
    "MASTER_PASSWORD": "",
    "LOGFILE": os.path.join(ROOT, "var", "prod", "log", "odoo.log"),
}

_PLACEHOLDER = re.compile(r"@([A-Z_]+)@")


def cv_max_mb(source=CV_LIMIT_SOURCE):
    """The CV limit of pepites_jobs in MB, read from its constant (the addon is not imported:
    the renderer runs without Odoo).

    >>> cv_max_mb() > 0
    True
    """
    with open(source, encoding="utf-8") as handle:
        tree = ast.parse(handle.read())
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
                isinstance(target, ast.Name) and target.id == CV_LIMIT_NAME
                for target in node.targets):
            return ast.literal_eval(node.value)
    raise SystemExit("%s not found in %s" % (CV_LIMIT_NAME, source))


def body_limit_mb(cv_mb=None):
    """nginx's client_max_body_size in MB: the CV limit plus the form around it, so that a CV
    the application accepts always reaches Odoo and anything larger is refused by nginx.

    >>> body_limit_mb(5)
    6
    >>> body_limit_mb(2.5)
    4
    """
    cv_mb = cv_max_mb() if cv_mb in (None, "") else float(cv_mb)
    return int(math.ceil(cv_mb)) + FORM_OVERHEAD_MB


def db_maxconn(max_connections, workers, cron_threads, reserve=10):
    """The connections each Odoo process may open, so that all of them together stay within
    PostgreSQL's ``max_connections``: the HTTP workers, the cron workers and the longpolling
    process each hold their own pool, and ``reserve`` connections stay free for psql, backups
    and the superuser. At most 16: a prefork worker serves one request at a time.

    >>> db_maxconn(100, 2, 1)
    16
    >>> db_maxconn(40, 4, 1)
    5
    """
    processes = int(workers) + int(cron_threads) + 1
    available = int(max_connections) - reserve
    maxconn = min(16, available // processes)
    if maxconn < 2:
        raise SystemExit("PostgreSQL's max_connections=%s is too small for %s Odoo processes"
                         % (max_connections, processes))
    return maxconn


def hash_password(password):
    """The master password as Odoo 11 stores it (``odoo.tools.config.set_admin_password``)."""
    from passlib.context import CryptContext
    return CryptContext(schemes=["pbkdf2_sha512"]).hash(password)


def rate_limit_zones():
    return "\n".join(
        "    limit_req_zone $pepites_%s_key zone=%s:10m rate=%s;"
        % ("post" if zone != "pepites_verify" else "any", zone, rate)
        for zone, (rate, _burst) in sorted(RATE_LIMITS.items()))


def limit(zone):
    return "limit_req zone=%s burst=%d nodelay;" % (zone, RATE_LIMITS[zone][1])


def upstream_servers(addresses):
    """The ``server`` lines of an upstream block, one per address of ``addresses`` (separated
    by spaces or commas).

    ``max_fails=0``: nginx never marks a node unavailable; each request tries its node and, on a
    connection refused or timed out, the next one (proxy_next_upstream in the template). nginx's
    default (1 failure: left aside 10 s) turned a crowd into an outage: when the nodes' listen
    queues overflow (a prefork Odoo queues 8 connections per worker, and open-source nginx has
    no queue of its own), the resets count as failures, every node gets marked down in turn and
    nginx answers 502 at once to everybody for 10 s (bench_rush.py measured it: 801 errors of
    1,086 requests on two nodes). A dead node costs a refused connection (instant) per request
    sent to it; a node whose whole machine is down costs proxy_connect_timeout.

    >>> print(upstream_servers("127.0.0.1:8169 127.0.0.1:8269"))
            server 127.0.0.1:8169 max_fails=0;
            server 127.0.0.1:8269 max_fails=0;
    """
    servers = [address for address in re.split(r"[\s,]+", str(addresses)) if address]
    if not servers:
        raise SystemExit("no upstream address")
    return "\n".join("        server %s max_fails=0;" % address for address in servers)


def real_ip_lines(proxies):
    """The realip lines trusting the X-Forwarded-For of ``proxies`` (CIDR, spaces or commas
    between), or nothing.

    >>> real_ip_lines("")
    ''
    >>> print(real_ip_lines("127.0.0.1"))
        set_real_ip_from 127.0.0.1;
        real_ip_header X-Forwarded-For;
    """
    addresses = [address for address in re.split(r"[\s,]+", str(proxies)) if address]
    if not addresses:
        return ""
    return "\n".join(["    set_real_ip_from %s;" % address for address in addresses]
                     + ["    real_ip_header X-Forwarded-For;"])


def security_headers(hsts_max_age):
    """The add_header lines of every answer ("always": error pages too). nginx drops the
    server's add_header in a location that has its own, so the locations repeat them."""
    headers = [
        ("Strict-Transport-Security", "max-age=%s; includeSubDomains" % hsts_max_age),
        ("X-Frame-Options", "$pepites_frame_options"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("Content-Security-Policy", CSP),
        ("Permissions-Policy", "camera=(), microphone=(), geolocation=()"),
    ]
    return "\n".join('        add_header %s "%s" always;' % header for header in headers)


def render(template, values):
    """``template`` with every ``@KEY@`` replaced; refuses to leave one unfilled."""
    def fill(match):
        if match.group(1) not in values:
            raise SystemExit("no value for @%s@" % match.group(1))
        return str(values[match.group(1)])
    return _PLACEHOLDER.sub(fill, template)


def nginx_values(**overrides):
    """The values of the nginx template; ``overrides`` are NGINX_DEFAULTS keys."""
    values = dict(NGINX_DEFAULTS, **{k.upper(): v for k, v in overrides.items()})
    cv_mb = float(values["CV_MAX_MB"]) if values["CV_MAX_MB"] else cv_max_mb()
    values["CV_MAX_MB"] = ("%g" % cv_mb).replace(".", ",")
    values["ERRORS"] = os.path.join(values["PREFIX"], "errors")
    values["STATE"] = values["STATE"] or values["PREFIX"]
    values["USER_LINE"] = "user %s;" % values["USER"] if values["USER"] else ""
    values["BODY_LIMIT"] = "%dm" % body_limit_mb(cv_mb)
    values["RATE_LIMIT_ZONES"] = rate_limit_zones()
    for zone in RATE_LIMITS:
        values["LIMIT_%s" % zone[len("pepites_"):].upper()] = limit(zone)
    values["SECURITY_HEADERS"] = security_headers(values["HSTS_MAX_AGE"])
    values["ODOO_SERVERS"] = upstream_servers(values["ODOO_UPSTREAM"])
    values["LONGPOLLING_SERVERS"] = upstream_servers(values["LONGPOLLING_UPSTREAM"])
    values["REAL_IP_LINES"] = real_ip_lines(values["REAL_IP_FROM"])
    return values


def write_nginx(out, **overrides):
    """Write the nginx configuration to ``out`` and its error pages under ``PREFIX/errors``,
    and create the folders nginx writes to; return the values used."""
    values = nginx_values(**overrides)
    with open(NGINX_TEMPLATE, encoding="utf-8") as handle:
        write_private(out, render(handle.read(), values))
    os.makedirs(values["ERRORS"], exist_ok=True)
    for name in sorted(os.listdir(NGINX_ERRORS)):
        if name.endswith(".html.in"):
            with open(os.path.join(NGINX_ERRORS, name), encoding="utf-8") as handle:
                page = render(handle.read(), values)
            with open(os.path.join(values["ERRORS"], name[:-3]), "w", encoding="utf-8") as out_page:
                out_page.write(page)
    for folder in ("logs", "tmp", "cache"):
        os.makedirs(os.path.join(values["STATE"], folder), exist_ok=True)
    if values["USER"] and os.geteuid() == 0:
        # the workers run as USER: they write request bodies and the static cache
        for folder in ("tmp", "cache"):
            for path, dirs, _files in os.walk(os.path.join(values["STATE"], folder)):
                for name in [""] + dirs:
                    shutil.chown(os.path.join(path, name), user=values["USER"])
    return values


def render_odoo(**overrides):
    """The Odoo configuration text; ``overrides`` are ODOO_DEFAULTS keys. The master password
    is given in clear and written hashed."""
    values = dict(ODOO_DEFAULTS, **{k.upper(): v for k, v in overrides.items()})
    if not values["MASTER_PASSWORD"]:
        raise SystemExit("no master password")
    values["ADMIN_PASSWD_HASH"] = hash_password(values.pop("MASTER_PASSWORD"))
    values["DB_MAXCONN"] = db_maxconn(values["MAX_CONNECTIONS"], values["WORKERS"],
                                      values["CRON_THREADS"])
    values["DB_HOST"] = values["DB_HOST"] or "False"
    with open(ODOO_TEMPLATE, encoding="utf-8") as handle:
        return render(handle.read(), values)


def write_private(path, text):
    """Write ``text`` to ``path``, readable by its owner only (it may hold secrets)."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    fd = os.open(path + ".tmp", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        handle.write(text)
    os.replace(path + ".tmp", path)


def ensure_local_tls(folder, hosts=("127.0.0.1", "localhost")):
    """A local test CA and a server certificate it signs for ``hosts``, under ``folder``
    (``ca.crt``, ``server.crt``, ``server.key``), made with openssl unless already there.

    Local use only: curl (``--cacert``), requests (``verify=``) and Chromium (the SPKI of
    :func:`spki_sha256`) are told to trust this CA; a public server uses real certificates.
    """
    import subprocess
    import tempfile
    paths = {name: os.path.join(folder, name) for name in ("ca.crt", "server.crt", "server.key")}
    if all(os.path.exists(path) for path in paths.values()):
        return paths
    os.makedirs(folder, mode=0o700, exist_ok=True)
    names = ",".join(("IP:%s" if re.match(r"^[0-9.]+$|:", host) else "DNS:%s") % host
                     for host in hosts)
    with tempfile.TemporaryDirectory() as work:
        def openssl(*args):
            subprocess.run(("openssl",) + args, check=True, cwd=work,
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        openssl("req", "-x509", "-new", "-nodes", "-newkey", "rsa:3072", "-sha256",
                "-days", "3650", "-keyout", "ca.key", "-out", "ca.crt",
                "-subj", "/O=PEPITES/CN=PEPITES local test CA",
                "-addext", "basicConstraints=critical,CA:TRUE",
                "-addext", "keyUsage=critical,keyCertSign,cRLSign")
        openssl("req", "-new", "-nodes", "-newkey", "rsa:2048", "-sha256",
                "-keyout", "server.key", "-out", "server.csr",
                "-subj", "/O=PEPITES/CN=%s" % hosts[0])
        with open(os.path.join(work, "ext.cnf"), "w") as ext:
            ext.write("subjectAltName=%s\nbasicConstraints=critical,CA:FALSE\n"
                      "keyUsage=critical,digitalSignature,keyEncipherment\n"
                      "extendedKeyUsage=serverAuth\n" % names)
        openssl("x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key",
                "-CAcreateserial", "-sha256", "-days", "825", "-extfile", "ext.cnf",
                "-out", "server.crt")
        # the CA's key signs nothing else: it is not kept
        for name in ("ca.crt", "server.crt", "server.key"):
            os.chmod(os.path.join(work, name), 0o600 if name.endswith(".key") else 0o644)
            shutil.move(os.path.join(work, name), paths[name])
    return paths


def spki_sha256(cert_path):
    """The base64 SHA-256 of a certificate's public key, as Chromium's
    ``--ignore-certificate-errors-spki-list`` takes it."""
    import base64
    import hashlib
    from cryptography import x509
    from cryptography.hazmat.primitives import serialization
    with open(cert_path, "rb") as handle:
        cert = x509.load_pem_x509_certificate(handle.read())
    spki = cert.public_key().public_bytes(serialization.Encoding.DER,
                                          serialization.PublicFormat.SubjectPublicKeyInfo)
    return base64.b64encode(hashlib.sha256(spki).digest()).decode("ascii")


def main(argv):
    if len(argv) >= 2 and argv[0] in ("nginx", "odoo"):
        pairs = dict(arg.split("=", 1) for arg in argv[2:])
        if argv[0] == "odoo" and "MASTER_PASSWORD" not in pairs:
            # from the environment, not the command line (other users see the process list)
            pairs["MASTER_PASSWORD"] = os.environ.get("PEPITES_MASTER_PASSWORD", "")
        if argv[0] == "nginx":
            write_nginx(argv[1], **pairs)
        else:
            write_private(argv[1], render_odoo(**pairs))
    elif len(argv) >= 2 and argv[0] == "tls":
        ensure_local_tls(argv[1], tuple(argv[2:]) or ("127.0.0.1", "localhost"))
    elif len(argv) == 4 and argv[0] == "db-maxconn":
        print(db_maxconn(*argv[1:]))
    else:
        raise SystemExit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
