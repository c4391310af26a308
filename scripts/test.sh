#!/usr/bin/env bash
# `make test`: lint, Django checks, then the whole pytest suite against real PostgreSQL, a real
# search engine node and a real Chromium, including the production smoke (tests/smoke/: gunicorn and
# the db_worker on a fresh database, production settings). Starts what is missing and stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export DJANGO_SETTINGS_MODULE=hub.settings.test
export PYTHONDONTWRITEBYTECODE=1

# shellcheck source=scripts/services.sh
. scripts/services.sh
cleanup() {
  local status=$?
  services_down
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
services_up
export SEARCH_INDEX_PREFIX="${SEARCH_INDEX_PREFIX:-test-$$}"
echo "    PostgreSQL: ${DATABASE_URL%%@*}@…  Search engine: ${OPENSEARCH_URL:-$ELASTICSEARCH_URL}"

echo "==> pytest (PostgreSQL)"
set +e
$PY -m pytest --durations=20 "$@"  # the slowest tests, in every log (the suite stays well under 30 min)
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
