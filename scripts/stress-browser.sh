#!/usr/bin/env bash
# The browser suite several times in a row (STRESS_RUNS, 5 by default) while busy loops keep every
# core loaded (STRESS_LOAD, one per core by default): a wait that depends on timing rather than on
# state shows up here before it shows up in CI. Not part of `make test`.
#
# Services as scripts/test.sh starts them, on ports of their own (STRESS_PG_PORT, STRESS_ENGINE_PORT)
# so that a `make test` may run beside it; DATABASE_URL and OPENSEARCH_URL/ELASTICSEARCH_URL, when
# set, are used as given. Each run's output goes to artifacts/stress/run-N.log, the screenshots and
# HTML of its failures to artifacts/stress/run-N-failures/. The load is bounded (STRESS_LOAD_SECONDS)
# and stopped, with the services this script started, whatever way it ends.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
RUNS="${STRESS_RUNS:-5}"
LOAD="${STRESS_LOAD:-$(nproc)}"
LOAD_SECONDS="${STRESS_LOAD_SECONDS:-5400}"
OUT=artifacts/stress
export DJANGO_SETTINGS_MODULE=hub.settings.test PYTHONDONTWRITEBYTECODE=1

load_pids=()
# shellcheck source=scripts/services.sh
. scripts/services.sh
cleanup() {
  local status=$?
  for pid in "${load_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  services_down
  exit $status
}
trap cleanup EXIT INT TERM

bash scripts/browser-deps.sh
# The journeys read both languages: the catalogues are compiled here too (`make test` does it in its recipe).
DJANGO_SETTINGS_MODULE=hub.settings.dev $PY manage.py compilemessages --ignore=.venv --ignore=node_modules -v0
# Ports and folders of its own, so that a `make test` may run beside it.
export PG_PORT="${STRESS_PG_PORT:-54349}"
export PG_DIR="/tmp/hub-pg-stress-$PG_PORT"
export ENGINE_PORT="${STRESS_ENGINE_PORT:-9290}"
export ENGINE_DATA="/tmp/hub-eng-stress-$ENGINE_PORT" ENGINE_BUILD="/tmp/hub-engbuild-stress-$ENGINE_PORT"
services_up
export SEARCH_INDEX_PREFIX="${SEARCH_INDEX_PREFIX:-stress-$$}"

rm -rf "$OUT"
mkdir -p "$OUT"
echo "==> Charge de fond : $LOAD boucle(s) occupée(s), $LOAD_SECONDS s au plus"
for _ in $(seq "$LOAD"); do
  timeout "$LOAD_SECONDS" sh -c 'while :; do :; done' &
  load_pids+=($!)
done

failed=0
for run in $(seq "$RUNS"); do
  started=$(date +%s)
  rm -rf artifacts/browser/failures
  set +e
  $PY -m pytest tests/browser -m browser -p no:cacheprovider -q >"$OUT/run-$run.log" 2>&1
  status=$?
  set -e
  summary=$(tail -n 1 "$OUT/run-$run.log")
  echo "==> Passage $run/$RUNS : code $status en $(($(date +%s) - started)) s — $summary"
  if [ "$status" != 0 ]; then
    failed=$((failed + 1))
    grep -E '^(FAILED|ERROR) ' "$OUT/run-$run.log" || true
    [ -d artifacts/browser/failures ] && cp -r artifacts/browser/failures "$OUT/run-$run-failures"
  fi
done

if [ "$failed" != 0 ]; then
  echo "$failed passage(s) sur $RUNS en échec : voir $OUT/." >&2
  exit 1
fi
echo "Les $RUNS passages de la suite navigateur ont réussi sous charge."
