#!/bin/bash
# Initialises the data folder on first start, then runs PostgreSQL in the foreground (SIGINT is its fast shutdown).
set -euo pipefail
if [ ! -s "$PGDATA/PG_VERSION" ]; then
  pwfile=$(mktemp)
  printf '%s' "$POSTGRES_PASSWORD" > "$pwfile"
  initdb -D "$PGDATA" -U postgres --pwfile "$pwfile" --auth=scram-sha-256 -E UTF8 --locale=C.UTF-8 --no-instructions >/dev/null
  rm -f "$pwfile"
  echo "host all all 0.0.0.0/0 scram-sha-256" >> "$PGDATA/pg_hba.conf"
  echo "host all all ::/0 scram-sha-256" >> "$PGDATA/pg_hba.conf"
fi
exec postgres -D "$PGDATA" -c listen_addresses='*' -c max_connections=400 -c logging_collector=off "$@"
