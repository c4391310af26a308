#!/usr/bin/env bash
# Stop the node started by engine/up.sh (TERM, then KILL after a timeout) and remove its
# data folder. Exits 0 when nothing is running.
set -euo pipefail

ENGINE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
DATA="${ENGINE_DATA:-$ENGINE_DIR/.data}"
STOP_TIMEOUT="${ENGINE_STOP_TIMEOUT:-30}"
MAIN_CLASS="hub.engine.EngineNode"
PID_FILE="$DATA/engine.pid"

log() { printf '[engine] %s\n' "$*" >&2; }

# Our node(s): the pid in the pid file, plus any process whose command line is our launcher
# with this very data folder (covers a lost pid file). Never matches by a broad name.
our_pids() {
  local pid cmd
  if [[ -s "$PID_FILE" ]]; then
    pid="$(tr -dc '0-9' < "$PID_FILE")"
    if [[ -n "$pid" && -r "/proc/$pid/cmdline" ]] \
       && tr '\0' ' ' < "/proc/$pid/cmdline" | grep -q -- "$MAIN_CLASS"; then
      echo "$pid"
    fi
  fi
  for cmdfile in /proc/[0-9]*/cmdline; do
    cmd="$(tr '\0' ' ' < "$cmdfile" 2>/dev/null)" || continue
    if [[ "$cmd" == *"-Dengine.home=$DATA "*"$MAIN_CLASS"* ]]; then
      pid="${cmdfile#/proc/}"; echo "${pid%/cmdline}"
    fi
  done
}

mapfile -t pids < <(our_pids | sort -u)

if (( ${#pids[@]} == 0 )); then
  log "no node running"
else
  log "stopping the node (pid ${pids[*]})"
  kill -TERM "${pids[@]}" 2>/dev/null || true
  deadline=$((SECONDS + STOP_TIMEOUT))
  for pid in "${pids[@]}"; do
    while [[ -d "/proc/$pid" ]] && (( SECONDS < deadline )); do sleep 0.2; done
    if [[ -d "/proc/$pid" ]]; then
      log "pid $pid still alive after ${STOP_TIMEOUT}s: KILL"
      kill -KILL "$pid" 2>/dev/null || true
      while [[ -d "/proc/$pid" ]]; do sleep 0.1; done
    fi
  done
  log "stopped"
fi

# Remove the data folder only when it is the default one or clearly ours.
if [[ -d "$DATA" ]]; then
  if [[ "$DATA" == "$ENGINE_DIR/.data" || -e "$DATA/engine.log" || -e "$DATA/engine.pid" ]]; then
    rm -rf "$DATA"
    log "removed $DATA"
  else
    log "left $DATA in place: it does not look like an engine data folder"
  fi
fi
exit 0
