#!/usr/bin/env bash
# Runs inside `npm exec --package=node-…@N`: `node` on PATH is that Node. See run.sh.
set -uo pipefail
root="$1"
out="$2"
node_bin="$(node -p 'require("fs").realpathSync(process.execPath)')"
node_dir="$(dirname "$(dirname "$node_bin")")"
bs3_version="$(node -p "require('$root/node_modules/better-sqlite3/package.json').version")"
abi="$(node -p 'process.versions.modules')"
cache="$root/.ci/node/cache/better-sqlite3-$bs3_version-abi$abi-$(node -p 'process.platform + "-" + process.arch')"
echo "Node $(node --version) (ABI $abi), better-sqlite3 $bs3_version"

if [ ! -f "$cache/node_modules/better-sqlite3/build/Release/better_sqlite3.node" ]; then
  echo "compiling better-sqlite3 for ABI $abi (once; cached in $cache)"
  rm -rf "$cache" && mkdir -p "$cache/node_modules"
  for m in better-sqlite3 bindings file-uri-to-path; do cp -r "$root/node_modules/$m" "$cache/node_modules/"; done
  rm -rf "$cache/node_modules/better-sqlite3/build"
  gyp="$(dirname "$(dirname "$(readlink -f "$(command -v npm)")")")/node_modules/node-gyp/bin/node-gyp.js"
  (cd "$cache/node_modules/better-sqlite3" &&
    npm_config_nodedir="$node_dir" node "$gyp" rebuild --release --nodedir="$node_dir" -j 2 >"$cache/build.log" 2>&1) ||
    { tail -20 "$cache/build.log"; rm -rf "$cache"; exit 1; }
fi

cd "$root" || exit 1
# The copy's module in place of the repo's while the tests run, so every thread and process that loads
# better-sqlite3 (the seed's workers too) gets the one built for this Node; the repo's comes back after.
addon="$root/node_modules/better-sqlite3/build/Release/better_sqlite3.node"
cp -f "$addon" "$addon.repo" || exit 1
trap 'mv -f "$addon.repo" "$addon"' EXIT
cp -f "$cache/node_modules/better-sqlite3/build/Release/better_sqlite3.node" "$addon" || exit 1
node node_modules/vitest/vitest.mjs run --project shared --project server-sqlite \
  --reporter=dot --reporter=json --outputFile.json="$out" "${@:3}"
