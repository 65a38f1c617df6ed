#!/usr/bin/env bash
# Runs the `shared` and `server-sqlite` test projects on another Node line (22, 24), taken from the npm
# registry (node-<platform>-<arch>: the binary and headers the registry's `node` package installs).
# better-sqlite3's native module in node_modules is built for the repo's Node, so a copy is compiled once
# per Node ABI into .ci/node/cache (kept between runs) and put in its place while the tests run
# (inner.sh). Writes the vitest JSON report to $2.
#   usage: .ci/node/run.sh 22 /tmp/node22.json [vitest filters…]
set -uo pipefail
major="$1"
out="$2"
root="$(cd "$(dirname "$0")/../.." && pwd)"
pkg="node-$(node -p 'process.platform')-$(node -p 'process.arch')@$major"
inner="$root/.ci/node/inner.sh"
shift 2
exec npm exec -y --package="$pkg" -- bash "$inner" "$root" "$out" "$@"
