#!/bin/sh
# First start of the db volume only: Dagster's storage gets a database of its own
# (DAGSTER_PG_DB) beside the product's (POSTGRES_DB); both have an alembic_version table.
set -eu
psql --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" -v ON_ERROR_STOP=1 \
    -v dagster_db="$DAGSTER_PG_DB" <<'SQL'
SELECT format('CREATE DATABASE %I', :'dagster_db')
WHERE NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'dagster_db')\gexec
SQL
