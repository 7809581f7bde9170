# One image for every Python service (Dagster webserver and daemon, API, dashboard, the
# one-shot migrations); docker-compose.yml gives each its own command.

# --- build: install the package and its pinned dependencies into a virtualenv ---------
FROM python:3.11-slim-bookworm AS build
ENV PIP_DISABLE_PIP_VERSION_CHECK=1 PIP_NO_CACHE_DIR=1
RUN python -m venv /opt/venv && /opt/venv/bin/pip install --upgrade pip==25.3
WORKDIR /src
COPY pyproject.toml README.md ./
COPY pixely_api ./pixely_api
COPY pixely_dagster ./pixely_dagster
COPY pixely_ui ./pixely_ui
RUN /opt/venv/bin/pip install .

# --- runtime: the virtualenv, PostgreSQL 16 client tools, a non-root user -------------
FROM python:3.11-slim-bookworm AS runtime
# pg_dump/pg_restore must not be older than the server (postgres:16): the PGDG packages.
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates postgresql-common \
    && /usr/share/postgresql-common/pgdg/apt.postgresql.org.sh -y \
    && apt-get install -y --no-install-recommends postgresql-client-16 \
    && rm -rf /var/lib/apt/lists/*
RUN groupadd --system --gid 10001 pixely \
    && useradd --system --uid 10001 --gid pixely --home-dir /opt/pixely --create-home pixely
ENV PATH=/opt/venv/bin:$PATH \
    PYTHONUNBUFFERED=1 \
    DAGSTER_HOME=/opt/dagster/home \
    PIXELY_HOME=/var/lib/pixely
COPY --from=build /opt/venv /opt/venv
WORKDIR /opt/pixely
COPY workspace.yaml /opt/pixely/workspace.yaml
# The production instance config (Postgres storage from DAGSTER_PG_*), at an absolute home.
COPY dagster.yaml /opt/dagster/home/dagster.yaml
RUN mkdir -p /var/lib/pixely/backups /var/lib/pixely/metrics \
    && chown -R pixely:pixely /opt/pixely /opt/dagster/home /var/lib/pixely
USER pixely
CMD ["pixely", "--help"]
