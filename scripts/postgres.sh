#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the test suite: `up` installs (apt) if missing, creates a
# cluster in .pg/ owned by the postgres user, starts it on 127.0.0.1:${PG_PORT:-54329}, creates the
# `hub` role and database; prints the DATABASE_URL. `down` stops it and removes the folder.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_PORT="${PG_PORT:-54329}"
PG_DIR="${PG_DIR:-/tmp/hub-pg-${PG_PORT}}"  # outside the checkout: the postgres user must reach it
DB_URL="postgres://hub:hub@127.0.0.1:${PG_PORT}/hub"

pg_bin() {
  local version
  version=$(ls /usr/lib/postgresql 2>/dev/null | sort -V | tail -n 1)
  [ -n "$version" ] && echo "/usr/lib/postgresql/$version/bin"
}

as_postgres() {
  if [ "$(id -u)" = "0" ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

up() {
  if [ -z "$(pg_bin)" ]; then
    echo "PostgreSQL absent : installation avec apt-get…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq postgresql postgresql-contrib >/dev/null
  fi
  local bin
  bin=$(pg_bin)
  if [ -f "$PG_DIR/data/postmaster.pid" ] && as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" status >/dev/null 2>&1; then
    echo "$DB_URL"
    return 0
  fi
  rm -rf "$PG_DIR"
  mkdir -p "$PG_DIR"
  [ "$(id -u)" = "0" ] && chown postgres:postgres "$PG_DIR"
  as_postgres "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1
  as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 \
    -o "-p $PG_PORT -k $PG_DIR -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null
  as_postgres "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -q -v ON_ERROR_STOP=1 \
    -c "CREATE ROLE hub LOGIN PASSWORD 'hub' CREATEDB SUPERUSER;" -c "CREATE DATABASE hub OWNER hub;" >/dev/null
  echo "$DB_URL"
}

down() {
  local bin
  bin=$(pg_bin)
  if [ -n "$bin" ] && [ -f "$PG_DIR/data/postmaster.pid" ]; then
    as_postgres "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
