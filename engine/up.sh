#!/usr/bin/env bash
# Start ONE local single-node search engine (OpenSearch 2.19, see engine/README.md)
# on 127.0.0.1:${ENGINE_PORT:-9200}, wait until it is yellow/green, print its URL.
# Idempotent: if our node is already running and healthy, just print the URL.
set -euo pipefail

ENGINE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${ENGINE_PORT:-9200}"
TRANSPORT_PORT="${ENGINE_TRANSPORT_PORT:-$((PORT + 100))}"
DATA="${ENGINE_DATA:-$ENGINE_DIR/.data}"
BUILD_ROOT="${ENGINE_BUILD:-$ENGINE_DIR/.build}"
HEAP_MIN="${ENGINE_HEAP_MIN:-512m}"
HEAP="${ENGINE_HEAP:-1g}"
TIMEOUT="${ENGINE_TIMEOUT:-180}"
MAIN_CLASS="hub.engine.EngineNode"
PID_FILE="$DATA/engine.pid"
LOG_FILE="$DATA/engine.log"
URL="http://127.0.0.1:$PORT"

log() { printf '[engine] %s\n' "$*" >&2; }
die() { printf '[engine] ERROR: %s\n' "$*" >&2; exit 1; }

command -v curl >/dev/null 2>&1 || die "curl is required (apt-get install -y curl)"

if [[ -n "${JAVA_HOME:-}" ]]; then
  JAVA="$JAVA_HOME/bin/java"; JAVAC="$JAVA_HOME/bin/javac"
else
  JAVA="$(command -v java || true)"; JAVAC="$(command -v javac || true)"
fi
[[ -x "$JAVA" && -x "$JAVAC" ]] || die "a JDK 17+ is required (java and javac; set JAVA_HOME)"
java_major="$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')"
[[ "${java_major%%.*}" -ge 17 ]] 2>/dev/null || die "Java 17+ is required, found '$java_major' at $JAVA"

# The process in the pid file, if it is alive and is our node.
running_pid() {
  local pid
  [[ -s "$PID_FILE" ]] || return 1
  pid="$(tr -dc '0-9' < "$PID_FILE")"
  [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$MAIN_CLASS" || return 1
  printf '%s\n' "$pid"
}

# 0 when the node answers /_cluster/health with yellow or green.
healthy() {
  local body
  body="$(curl -s --max-time 5 "$URL/_cluster/health" 2>/dev/null)" || return 1
  [[ "$body" =~ \"status\":\"(green|yellow)\" ]]
}

wait_healthy() { # pid
  local pid="$1" deadline=$((SECONDS + TIMEOUT))
  while (( SECONDS < deadline )); do
    if healthy; then return 0; fi
    if [[ ! -d "/proc/$pid" ]]; then
      log "the node (pid $pid) exited during start-up. Last lines of $LOG_FILE:"
      tail -n 60 "$LOG_FILE" >&2 || true
      rm -f "$PID_FILE"
      return 1
    fi
    sleep 0.5
  done
  log "the node (pid $pid) was not yellow/green on $URL after ${TIMEOUT}s. Last lines of $LOG_FILE:"
  tail -n 60 "$LOG_FILE" >&2 || true
  kill -KILL "$pid" 2>/dev/null || true
  rm -f "$PID_FILE"
  return 1
}

mkdir -p "$DATA" "$BUILD_ROOT"

# One up.sh at a time (fd 9 is closed for the node itself below).
exec 9>"$BUILD_ROOT/up.lock"
if command -v flock >/dev/null 2>&1; then
  flock -w "$TIMEOUT" 9 || die "another engine/up.sh held $BUILD_ROOT/up.lock for ${TIMEOUT}s"
fi

if pid="$(running_pid)"; then
  if healthy || wait_healthy "$pid"; then
    log "already running (pid $pid)"
    echo "$URL"
    exit 0
  fi
  exit 1
fi
rm -f "$PID_FILE"

if curl -s --max-time 2 -o /dev/null "$URL/"; then
  die "something else already answers on $URL (not our node: no live pid in $PID_FILE). Stop it or set ENGINE_PORT."
fi

# --- classpath + launcher, built once per (pom.xml, EngineNode.java) and reused -------------
key="$(cat "$ENGINE_DIR/pom.xml" "$ENGINE_DIR/src/main/java/hub/engine/EngineNode.java" | sha256sum | cut -c1-16)"
BUILD="$BUILD_ROOT/$key"
CP_FILE="$BUILD/classpath.txt"
CLASSES="$BUILD/classes"

classpath_ok() {
  [[ -s "$CP_FILE" && -f "$CLASSES/hub/engine/EngineNode.class" ]] || return 1
  local jar
  while IFS= read -r jar; do
    [[ -f "$jar" ]] || return 1
  done < <(tr ':' '\n' < "$CP_FILE")
}

if ! classpath_ok; then
  command -v mvn >/dev/null 2>&1 || die "mvn is required to resolve the engine's jars (apt-get install -y maven)"
  log "resolving the engine's jars from Maven Central (first run only; cached in ~/.m2)..."
  rm -rf "$BUILD"; mkdir -p "$BUILD"
  if ! mvn -B -q -f "$ENGINE_DIR/pom.xml" dependency:build-classpath \
        -Dmdep.outputFile="$CP_FILE.tmp" >"$BUILD/mvn.log" 2>&1 </dev/null; then
    tail -n 40 "$BUILD/mvn.log" >&2
    die "mvn could not resolve the classpath (full log: $BUILD/mvn.log)"
  fi
  mv "$CP_FILE.tmp" "$CP_FILE"
  mkdir -p "$CLASSES"
  "$JAVAC" -nowarn -d "$CLASSES" -cp "$(cat "$CP_FILE")" \
    "$ENGINE_DIR/src/main/java/hub/engine/EngineNode.java" >"$BUILD/javac.log" 2>&1 \
    || { cat "$BUILD/javac.log" >&2; die "javac failed"; }
  classpath_ok || die "classpath in $CP_FILE is incomplete"
  # Keep only the current build.
  find "$BUILD_ROOT" -mindepth 1 -maxdepth 1 -type d ! -name "$key" -exec rm -rf {} +
fi

# --- start --------------------------------------------------------------------------------
mkdir -p "$DATA/config"
: >"$LOG_FILE"
log "starting the node on $URL (heap $HEAP_MIN-$HEAP, data in $DATA)"
# setsid: own session, so the node outlives the calling shell/make and ignores its Ctrl-C.
# (Run from a non-interactive shell, setsid execs in place: $! is the JVM's pid.)
detach=(nohup)
if command -v setsid >/dev/null 2>&1; then detach=(setsid); fi
"${detach[@]}" "$JAVA" \
  "-Xms$HEAP_MIN" "-Xmx$HEAP" \
  -XX:+UseG1GC -XX:+HeapDumpOnOutOfMemoryError "-XX:HeapDumpPath=$DATA" \
  -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Djna.nosys=true \
  -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true \
  -Dio.netty.recycler.maxCapacityPerThread=0 \
  -Dopensearch.set.netty.runtime.available.processors=false \
  -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true \
  "-Djava.io.tmpdir=$DATA" \
  "-Dengine.home=$DATA" "-Dengine.http.port=$PORT" "-Dengine.transport.port=$TRANSPORT_PORT" \
  -cp "$CLASSES:$(cat "$CP_FILE")" "$MAIN_CLASS" \
  >>"$LOG_FILE" 2>&1 </dev/null 9>&- &
pid=$!
echo "$pid" >"$PID_FILE"

wait_healthy "$pid" || die "the search engine did not start (see above; log: $LOG_FILE)"
log "up (pid $pid) in ${SECONDS}s"
echo "$URL"
