#!/bin/sh
# Writes the version 1 model files of this folder with the code of commit
# 0663b76 (the last before version 2 of the tree models' saved form): the
# commit's source is exported to a temporary folder, make_v1.go is run
# there and writes into this folder. Run from anywhere inside the
# repository: sh workflow/artifact/testdata/v1/make_v1.sh
set -e
here=$(cd "$(dirname "$0")" && pwd)
commit=${COMMIT:-0663b76}
src=$(mktemp -d)
trap 'rm -rf "$src"' EXIT
git -C "$here/../../../.." archive "$commit" | tar -x -C "$src"
cp "$here/make_v1.go" "$src/make_v1.go"
(cd "$src" && CGO_ENABLED=0 go run make_v1.go "$here")
