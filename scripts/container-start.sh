#!/bin/sh
# The image's entry: sizes V8's old space from the container's memory, then becomes the server (exec,
# so ECS's SIGTERM reaches node). Without it Node sizes its heap from the host's memory, and under load
# the heap can grow past the task's limit and get the task OOM-killed instead of collecting sooner.
# The limit is the lower of the cgroup's (v2 memory.max, else v1 limit_in_bytes) and MEMORY_LIMIT_MB,
# which infra sets to the task's memory (Fargate may give the container no limit of its own).
# The old space gets HEAP_PERCENT of it (default 60); the rest is code, buffers and sharp's native memory.
# The young generation's semi-spaces are capped at SEMI_SPACE_MB (16): Node 24 would let them grow to
# 3 x 64 MiB, which V8 keeps committed (npm run bench: RSS after load 340 -> 269 MiB on a 512 MB task,
# throughput unchanged). A --max-old-space-size already in NODE_OPTIONS wins.
# glibc's malloc keeps an arena per thread that touched it (libuv's pool, zlib, TLS), each holding freed
# memory; MALLOC_ARENA_MAX (default 2) caps them (npm run bench: RSS after load 277 -> 256 MiB, throughput
# unchanged). Usage: start.sh server.js [args]
set -eu

export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"

limit_bytes() {
  for file in "${MEMORY_LIMIT_FILE:-/sys/fs/cgroup/memory.max}" /sys/fs/cgroup/memory/memory.limit_in_bytes; do
    if [ -r "$file" ]; then
      value=$(cat "$file")
      # "max" (v2) or a huge number (v1's "unlimited") mean no limit.
      case "$value" in
        '' | max | *[!0-9]*) ;;
        *) [ "${#value}" -lt 16 ] && echo "$value" && return ;;
      esac
    fi
  done
}

limit_mb=''
cgroup_bytes=$(limit_bytes || true)
[ -n "$cgroup_bytes" ] && limit_mb=$((cgroup_bytes / 1048576))
if [ -n "${MEMORY_LIMIT_MB:-}" ] && { [ -z "$limit_mb" ] || [ "$MEMORY_LIMIT_MB" -lt "$limit_mb" ]; }; then
  limit_mb=$MEMORY_LIMIT_MB
fi

case "${NODE_OPTIONS:-}" in
  *--max-old-space-size*) exec node "$@" ;;
esac
if [ -n "$limit_mb" ]; then
  exec node --max-old-space-size=$((limit_mb * ${HEAP_PERCENT:-60} / 100)) --max-semi-space-size="${SEMI_SPACE_MB:-16}" "$@"
fi
exec node "$@"
