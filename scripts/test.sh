#!/usr/bin/env bash
# `make test`: lint, Django checks, then the whole pytest suite against real PostgreSQL, a real
# search engine node and a real Chromium, including the production smoke (tests/smoke/: gunicorn and
# the db_worker on a fresh database, production settings). Starts what is missing and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=hub.settings.test
export PYTHONDONTWRITEBYTECODE=1

started_pg=0
started_engine=0
cleanup() {
  local status=$?
  if [ "$started_engine" = 1 ]; then bash engine/down.sh >/dev/null 2>&1 || true; fi
  if [ "$started_pg" = 1 ]; then bash scripts/postgres.sh down >/dev/null 2>&1 || true; fi
  exit $status
}
trap cleanup EXIT INT TERM

echo "==> Lint (ruff)"
.venv/bin/ruff check .
.venv/bin/ruff format --check .

echo "==> Django checks"
$PY manage.py check --fail-level WARNING
$PY manage.py makemigrations --check --dry-run
DJANGO_SETTINGS_MODULE=hub.settings.production \
  SECRET_KEY="check-deploy-$(head -c 48 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 60)" \
  ALLOWED_HOSTS=hub.example $PY manage.py check --deploy --fail-level WARNING

echo "==> Browser and front-end test tools"
bash scripts/browser-deps.sh

echo "==> Services"
if [ -z "${DATABASE_URL:-}" ]; then
  DATABASE_URL=$(bash scripts/postgres.sh up)
  started_pg=1
fi
export DATABASE_URL
# An external engine (ELASTICSEARCH_URL or OPENSEARCH_URL) is used as given; otherwise the
# project's own node (OpenSearch 2.19 from Maven Central, see engine/README.md) is started.
if [ -z "${ELASTICSEARCH_URL:-}" ] && [ -z "${OPENSEARCH_URL:-}" ]; then
  bash engine/up.sh
  started_engine=1
  export OPENSEARCH_URL="http://127.0.0.1:${ENGINE_PORT:-9200}"
fi
export SEARCH_INDEX_PREFIX="${SEARCH_INDEX_PREFIX:-test-$$}"
echo "    PostgreSQL: ${DATABASE_URL%%@*}@…  Search engine: ${OPENSEARCH_URL:-$ELASTICSEARCH_URL}"

echo "==> pytest (PostgreSQL)"
set +e
$PY -m pytest "$@"
status=$?
set -e
# pytest exits 5 when it collected no test: that is a failure, not a green run.
if [ "$status" = 5 ]; then
  echo "pytest n'a exécuté aucun test : échec." >&2
  exit 1
fi
[ "$status" = 0 ] || exit "$status"

echo "==> pytest (SQLite: the embedded database engine)"
set +e
env -u DATABASE_URL $PY -m pytest -m sqlite -p no:cacheprovider "$@"
status=$?
set -e
[ "$status" = 0 ] || [ "$status" = 5 ] || exit "$status"
