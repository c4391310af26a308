#!/usr/bin/env bash
# Issue 15's latency cost: the typo benchmark (bench/search_bench.py typo-*) on the code *before*
# typo tolerance (the commit before the merge of issue 15, exported to a temporary folder, with this
# checkout's bench script and .venv) and on this checkout, same seeded query mix, one after the other.
#   OPENSEARCH_URL=http://127.0.0.1:9200 bash bench/typo_before_after.sh [docs] [repeat]
# Prints the Markdown rows of both runs (SQLite database engine, then the engine if OPENSEARCH_URL).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
before_commit=${BEFORE_COMMIT:-55400fa172037acca1868f33c01e2d1d6a15aa4a}  # main just before 73d2f2b (issue 15)
docs=${1:-10000}
repeat=${2:-1}
before=$(mktemp -d /tmp/typo-before.XXXXXX)
trap 'rm -rf "$before" /tmp/typobench-*.sqlite3' EXIT
git -C "$here" archive "$before_commit" | tar -x -C "$before"
ln -s "$(readlink -f "$here/.venv")" "$before/.venv"
cp "$here/bench/search_bench.py" "$before/bench/search_bench.py"
for tree in "$before" "$here"; do
    label=$([ "$tree" = "$here" ] && echo after || echo before)
    echo "## $label ($(git -C "$here" rev-parse --short HEAD) tree: $tree), load $(cut -d' ' -f1 /proc/loadavg), $(date -u +%H:%M)"
    rm -f /tmp/typobench-db.sqlite3 /tmp/typobench-engine.sqlite3
    (cd "$tree" && env -u OPENSEARCH_URL DATABASE_URL=sqlite:////tmp/typobench-db.sqlite3 \
        .venv/bin/python bench/search_bench.py typo-database --docs "$docs" --repeat "$repeat")
    if [ -n "${OPENSEARCH_URL:-}" ]; then
        (cd "$tree" && SEARCH_ENGINE_TIMEOUT=60 DATABASE_URL=sqlite:////tmp/typobench-engine.sqlite3 \
            .venv/bin/python bench/search_bench.py typo-engine --docs "$docs" --repeat "$repeat")
    fi
    echo "load $(cut -d' ' -f1 /proc/loadavg), $(date -u +%H:%M)"
done
