#!/usr/bin/env bash
# A throwaway Redis for the cache and the sessions (optional: without REDIS_URL the hub uses its database).
# `up` installs Debian's redis-server (apt) if missing, starts it on 127.0.0.1:${REDIS_PORT:-6379}
# without persistence, prints the REDIS_URL. `down` stops it and removes its folder.
set -euo pipefail
REDIS_PORT="${REDIS_PORT:-6379}"
REDIS_DIR="${REDIS_DIR:-/tmp/hub-redis-${REDIS_PORT}}"
URL="redis://127.0.0.1:${REDIS_PORT}/0"

up() {
  if ! command -v redis-server >/dev/null 2>&1; then
    echo "Redis absent : installation avec apt-get…" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq redis-server >/dev/null
  fi
  if [ -f "$REDIS_DIR/redis.pid" ] && kill -0 "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null; then
    echo "$URL"
    return 0
  fi
  mkdir -p "$REDIS_DIR"
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_DIR" --save "" --appendonly no \
    --daemonize yes --pidfile "$REDIS_DIR/redis.pid" --logfile "$REDIS_DIR/redis.log" \
    --maxmemory 256mb --maxmemory-policy allkeys-lru
  for _ in $(seq 1 100); do
    if redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; then
      echo "$URL"
      return 0
    fi
    sleep 0.1  # the server is starting: nothing to wait on but its socket
  done
  echo "Redis n'a pas démarré : voir $REDIS_DIR/redis.log" >&2
  exit 1
}

down() {
  if [ -f "$REDIS_DIR/redis.pid" ]; then
    kill "$(cat "$REDIS_DIR/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$REDIS_DIR"
}

case "${1:-}" in
  up) up ;;
  down) down ;;
  *) echo "usage: $0 up|down" >&2; exit 2 ;;
esac
