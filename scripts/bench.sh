#!/usr/bin/env bash
# `make bench`: the load benchmarks of bench/load.py on the production stack (not part of `make test`).
# Starts PostgreSQL and the search node as scripts/test.sh does when they are not given, prints the
# machine's load before and after (the figures of docs/benchmarks.md depend on it), stops what it started.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
export PYTHONDONTWRITEBYTECODE=1

# shellcheck source=scripts/services.sh
. scripts/services.sh
started_redis=0
cleanup() {
  local status=$?
  if [ "$started_redis" = 1 ]; then bash scripts/redis.sh down >/dev/null 2>&1 || true; fi
  services_down
  exit $status
}
trap cleanup EXIT INT TERM

services_up
export SEARCH_INDEX_PREFIX="${SEARCH_INDEX_PREFIX:-bench-$$}"
# The votes are measured with the database cache, then with Redis (BENCH_REDIS=0: the database only).
if [ "${BENCH_REDIS:-1}" = 1 ] && [ -z "${REDIS_URL:-}" ]; then
  REDIS_URL=$(bash scripts/redis.sh up)
  started_redis=1
fi
redis_args=()
if [ "${BENCH_REDIS:-1}" = 1 ]; then redis_args=(--redis-url "$REDIS_URL"); fi

echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPU; uptime before: $(uptime)"
status=0
$PY bench/load.py "${redis_args[@]}" "$@" || status=$?
echo "# uptime after: $(uptime)"
exit "$status"
