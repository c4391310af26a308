"""Start-up time and memory of the local search-engine node (engine/up.sh).

    python bench/engine_startup.py [--runs 3] [--docs 1000]

Each run: engine/down.sh, then engine/up.sh timed (wall seconds until /_cluster/health is
yellow or green), the node's resident memory (VmRSS of its pid) right after start-up, then
after bulk-indexing N small French documents (refresh=true) and one search; then
engine/down.sh. The first download of the jars is excluded: a warm-up up/down is run first
when the classpath is not built yet. Prints a Markdown table. Stdlib only.
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
UP = ["bash", str(ROOT / "engine" / "up.sh")]
DOWN = ["bash", str(ROOT / "engine" / "down.sh")]
DATA = Path(os.environ.get("ENGINE_DATA", ROOT / "engine" / ".data"))
PORT = int(os.environ.get("ENGINE_PORT", "9200"))
URL = f"http://127.0.0.1:{PORT}"


def run(cmd):
    return subprocess.run(cmd, check=True, stdin=subprocess.DEVNULL, capture_output=True, text=True)


def http(method, path, body=None, content_type="application/json"):
    data = None
    if body is not None:
        data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
    req = urllib.request.Request(URL + path, data=data, method=method, headers={"Content-Type": content_type})
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read() or b"null")


def node_pid():
    return int((DATA / "engine.pid").read_text().strip())


def rss_mib(pid):
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


def index_docs(n):
    name = "bench-engine"
    http("PUT", f"/{name}", {"settings": {"number_of_shards": 1, "number_of_replicas": 0}})
    lines = []
    for i in range(n):
        lines.append(json.dumps({"index": {"_index": name, "_id": str(i)}}))
        lines.append(
            json.dumps(
                {
                    "title": f"Fiche numérique n° {i}",
                    "body": f"Signature électronique et intelligence artificielle, document {i} de l'État.",
                    "tags": ["numérique", "gouvernement"],
                }
            )
        )
    result = http("POST", "/_bulk?refresh=true", "\n".join(lines) + "\n", "application/x-ndjson")
    assert not result["errors"], result
    found = http("POST", f"/{name}/_search", {"query": {"match": {"body": "signature"}}, "size": 1})
    assert found["hits"]["total"]["value"] == n, found["hits"]["total"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--docs", type=int, default=1000)
    args = parser.parse_args()

    run(DOWN)
    build = ROOT / "engine" / ".build"
    if not any(build.glob("*/classpath.txt")):
        print("warm-up: first run downloads the jars (not measured)...", file=sys.stderr)
        run(UP)
        run(DOWN)

    rows = []
    info = None
    try:
        for i in range(1, args.runs + 1):
            start = time.monotonic()
            run(UP)
            seconds = time.monotonic() - start
            pid = node_pid()
            rss_start = rss_mib(pid)
            if info is None:
                info = http("GET", "/")
                info["jvm"] = http("GET", "/_nodes/jvm?filter_path=**.jvm.version,**.jvm.vm_name,**.jvm.mem")
            index_docs(args.docs)
            rss_indexed = rss_mib(pid)
            rows.append((i, seconds, rss_start, rss_indexed))
            run(DOWN)
            print(f"run {i}: {seconds:.1f}s, {rss_start:.0f} MiB, {rss_indexed:.0f} MiB", file=sys.stderr)
    finally:
        run(DOWN)

    node = next(iter(info["jvm"]["nodes"].values()))["jvm"]
    heap_max = node["mem"]["heap_max_in_bytes"] / 2**20
    heap_init = node["mem"]["heap_init_in_bytes"] / 2**20
    print(
        f"Engine: {info['version'].get('distribution', 'elasticsearch')} {info['version']['number']} "
        f"(Lucene {info['version']['lucene_version']}); JVM: {node['vm_name']} {node['version']}; "
        f"heap {heap_init:.0f}-{heap_max:.0f} MiB; {os.cpu_count()} CPUs; {args.docs} docs per run.\n"
    )
    print(f"| run | start-up to yellow/green (s) | RSS after start-up (MiB) | RSS after {args.docs} docs (MiB) |")
    print("| ---: | ---: | ---: | ---: |")
    for i, seconds, rss_start, rss_indexed in rows:
        print(f"| {i} | {seconds:.1f} | {rss_start:.0f} | {rss_indexed:.0f} |")
    print(
        f"| median | {statistics.median(r[1] for r in rows):.1f} | "
        f"{statistics.median(r[2] for r in rows):.0f} | {statistics.median(r[3] for r in rows):.0f} |"
    )


if __name__ == "__main__":
    main()
