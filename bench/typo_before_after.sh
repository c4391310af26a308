#!/usr/bin/env bash
# Issue 15's latency cost: the typo benchmark (bench/search_bench.py typo-*) on the code *before*
# typo tolerance (the commit before the merge of issue 15, exported to a temporary folder, with this
# checkout's bench script and .venv) and on this checkout, same seeded query mix, one after the other.
#   OPENSEARCH_URL=http://127.0.0.1:9200 bash bench/typo_before_after.sh [docs] [repeat] [engine-docs]
# docs: the database engine's size (SQLite, default 10000); engine-docs: the engine's (default: docs;
# the issue asks 100000). The engine's documents are generated one at a time and go in through
# search.indexing.rebuild (the rebuild command's bulk path), so 100,000 need no more memory than 10,000.
# SQLite's run is skipped with TYPO_SKIP_DATABASE=1, the engine's without OPENSEARCH_URL.
# Prints the Markdown rows of both runs (SQLite database engine, then the engine if OPENSEARCH_URL),
# each preceded by `uptime`'s load averages.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
before_commit=${BEFORE_COMMIT:-55400fa172037acca1868f33c01e2d1d6a15aa4a}  # main just before 73d2f2b (issue 15)
docs=${1:-10000}
repeat=${2:-1}
engine_docs=${3:-$docs}
before=$(mktemp -d /tmp/typo-before.XXXXXX)
work=$(mktemp -d /tmp/typobench.XXXXXX)
trap 'rm -rf "$before" "$work"' EXIT
git -C "$here" archive "$before_commit" | tar -x -C "$before"
ln -s "$(readlink -f "$here/.venv")" "$before/.venv"
cp "$here/bench/search_bench.py" "$before/bench/search_bench.py"
for tree in "$before" "$here"; do
    label=$([ "$tree" = "$here" ] && echo after || echo before)
    echo "## $label ($(git -C "$here" rev-parse --short HEAD) tree: $tree), $(uptime | sed 's/.*load/load/'), $(date -u +%H:%M:%S)"
    rm -f "$work"/*.sqlite3
    if [ -z "${TYPO_SKIP_DATABASE:-}" ]; then
        (cd "$tree" && env -u OPENSEARCH_URL DATABASE_URL="sqlite:///$work/db.sqlite3" \
            .venv/bin/python bench/search_bench.py typo-database --docs "$docs" --repeat "$repeat")
        echo "$(uptime | sed 's/.*load/load/'), $(date -u +%H:%M:%S)"
    fi
    if [ -n "${OPENSEARCH_URL:-}" ]; then
        (cd "$tree" && SEARCH_ENGINE_TIMEOUT=60 DATABASE_URL="sqlite:///$work/engine.sqlite3" \
            .venv/bin/python bench/search_bench.py typo-engine --docs "$engine_docs" --repeat "$repeat")
        echo "$(uptime | sed 's/.*load/load/'), $(date -u +%H:%M:%S)"
    fi
done
