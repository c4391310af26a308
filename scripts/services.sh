# Sourced by scripts/test.sh, scripts/bench.sh and scripts/stress-browser.sh: PostgreSQL and the search
# node, started only when none is given (DATABASE_URL, OPENSEARCH_URL or ELASTICSEARCH_URL), and
# `services_down` stops only what `services_up` started. Ports and data folders: PG_PORT/PG_DIR and
# ENGINE_PORT/ENGINE_DATA, as scripts/postgres.sh and engine/up.sh read them.
started_pg=0
started_engine=0

services_up() {
  if [ -z "${DATABASE_URL:-}" ]; then
    DATABASE_URL=$(bash scripts/postgres.sh up)
    started_pg=1
  fi
  export DATABASE_URL
  # An external engine is used as given; otherwise the project's own node (OpenSearch 2.19 from Maven
  # Central, see engine/README.md) is started.
  if [ -z "${ELASTICSEARCH_URL:-}" ] && [ -z "${OPENSEARCH_URL:-}" ]; then
    bash engine/up.sh
    started_engine=1
    export OPENSEARCH_URL="http://127.0.0.1:${ENGINE_PORT:-9200}"
  fi
}

services_down() {
  if [ "$started_engine" = 1 ]; then bash engine/down.sh >/dev/null 2>&1 || true; fi
  if [ "$started_pg" = 1 ]; then bash scripts/postgres.sh down >/dev/null 2>&1 || true; fi
}
