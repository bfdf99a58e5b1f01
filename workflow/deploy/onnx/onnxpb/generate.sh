#!/usr/bin/env bash
# Regenerates onnx-ml.pb.go, the Go types of the ONNX protobuf schema, from
# the onnx-ml.proto that Debian's python3-onnx package ships (see README.md).
# Needs: apt-get install python3-onnx protobuf-compiler, and
#   go install google.golang.org/protobuf/cmd/protoc-gen-go@v1.36.12
# (the version of google.golang.org/protobuf in go.mod) on PATH.
set -euo pipefail
cd "$(dirname "$0")"

src=/usr/lib/python3/dist-packages/onnx/onnx-ml.proto
want_sha=35f16c52c19ba1da72240a45609129a3cf685dc44b76777e0055271e8bde1d3e
want_gen="protoc-gen-go v1.36.12"
want_protoc="libprotoc 3.21.12"

[ -f "$src" ] || { echo "generate.sh: $src is missing (apt-get install python3-onnx)" >&2; exit 1; }
got_sha=$(sha256sum "$src" | cut -d' ' -f1)
[ "$got_sha" = "$want_sha" ] || { echo "generate.sh: $src has sha256 $got_sha, not $want_sha (python3-onnx 1.12.0-2+b4)" >&2; exit 1; }
[ "$(protoc-gen-go --version)" = "$want_gen" ] || { echo "generate.sh: need $want_gen on PATH, found $(protoc-gen-go --version)" >&2; exit 1; }
[ "$(protoc --version)" = "$want_protoc" ] || echo "generate.sh: note: $(protoc --version), the committed file was made with $want_protoc" >&2

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp "$src" "$tmp/onnx-ml.proto"
protoc --proto_path="$tmp" --go_out="$tmp" --go_opt=paths=source_relative \
  --go_opt=Monnx-ml.proto=modelbench/workflow/deploy/onnx/onnxpb \
  "$tmp/onnx-ml.proto"
mv "$tmp/onnx-ml.pb.go" onnx-ml.pb.go
echo "wrote $(pwd)/onnx-ml.pb.go"
