#!/usr/bin/env bash
# Installs ONNX Runtime for Node (npm's onnxruntime-node 1.30.0, whose CPU
# runtime ships inside the package) for the tests of workflow/deploy/onnx,
# into the user's cache folder, never into the repository: the folder
# MODELBENCH_ORT_DIR, or modelbench/onnxruntime-node-1.30.0 under
# $XDG_CACHE_HOME (~/.cache), where the tests look too. Installs Debian's
# nodejs and npm first when node or npm is missing. Prints the folder.
set -euo pipefail
version=1.30.0
dir="${MODELBENCH_ORT_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/modelbench/onnxruntime-node-$version}"
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  "$(dirname "$0")/deps.sh" nodejs npm
fi
pkg="$dir/node_modules/onnxruntime-node/package.json"
if ! { [ -f "$pkg" ] && grep -q "\"version\": \"$version\"" "$pkg"; }; then
  mkdir -p "$dir"
  # --ignore-scripts: the package's install script downloads optional GPU
  # builds and fails without them; the CPU runtime needs nothing more.
  npm install --ignore-scripts --no-audit --no-fund --prefix "$dir" "onnxruntime-node@$version" >&2
fi
echo "$dir"
