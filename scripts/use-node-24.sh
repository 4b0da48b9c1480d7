# shellcheck shell=bash
# Puts the Node of .node-version (24.x) first on PATH for this shell, installing it from the npm registry
# when the machine has another Node (the `node` package ships the official binary and its headers).
# Usage: source scripts/use-node-24.sh    (.ci/run sources it; nothing else needs it)
# The binary is kept in ${TODOER_NODE_CACHE:-$HOME/.cache/todoer-node}/<version>/, outside the clone.

todoer_use_node() {
  local root version prefix bin headers
  root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
  version="$(tr -d '[:space:]' < "$root/.node-version")"
  if [ "$(node --version 2>/dev/null)" = "v$version" ]; then
    return 0
  fi
  prefix="${TODOER_NODE_CACHE:-$HOME/.cache/todoer-node}/$version"
  bin="$prefix/node_modules/node/bin"
  if [ "$("$bin/node" --version 2>/dev/null)" != "v$version" ]; then
    echo "==> installing Node $version from the npm registry into $prefix"
    npm install --prefix "$prefix" --no-save --no-audit --no-fund --loglevel=error "node@$version" >/dev/null || return 1
  fi
  export PATH="$bin:$PATH"
  # Native addons must build against this Node's headers, not a system Node's (npm's nodedir setting).
  headers="$(find "$prefix/node_modules/node/node_modules" -maxdepth 3 -name node.h -path '*/include/node/*' -print -quit)"
  if [ -n "$headers" ]; then
    npm_config_nodedir="$(dirname "$(dirname "$(dirname "$headers")")")"
    export npm_config_nodedir
  fi
  echo "==> using Node $(node --version) ($(command -v node))"
}

todoer_use_node
