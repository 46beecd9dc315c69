#!/usr/bin/env bash
# Source this file: puts a Node.js >= 22.12 first on PATH.
# When the system Node is older (Debian bookworm ships 20), Node 24 LTS is installed from the
# npm registry's `node` package into .tools/ (nothing is downloaded from anywhere else).
_outpost_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

_outpost_node_ok() {
  command -v node >/dev/null 2>&1 && node -e '
    const [a, b] = process.versions.node.split(".").map(Number);
    process.exit(a > 22 || (a === 22 && b >= 12) ? 0 : 1);'
}

if ! _outpost_node_ok; then
  if [ ! -x "$_outpost_root/.tools/node_modules/.bin/node" ]; then
    echo "ensure-node: system Node $(node --version 2>/dev/null || echo 'missing') is too old; installing node@24 into .tools/" >&2
    npm install --silent --no-audit --no-fund --prefix "$_outpost_root/.tools" node@24 >&2
  fi
  export PATH="$_outpost_root/.tools/node_modules/.bin:$PATH"
fi
echo "ensure-node: using Node $(node --version) ($(command -v node))" >&2
unset -f _outpost_node_ok
unset _outpost_root
