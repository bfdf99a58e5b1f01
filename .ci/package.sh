#!/usr/bin/env bash
# Builds the release packages into dist/ (make package):
#   dist/modelbench-VERSION-linux-amd64.tar.xz  fyne package's tree (usr/local/bin,
#       share/applications/*.desktop, share/pixmaps) plus the hicolor icons and
#       lib/modelbench/serve/, with fyne's Makefile to install it
#   dist/windows-amd64/                         modelbench.exe (icon, version resource,
#       no console window) and serve/; zipped as dist/modelbench-VERSION-windows-amd64.zip
#   dist/serve/<os>_<arch>/modelbench-serve[.exe]  static scoring service for
#       linux/amd64, linux/arm64, windows/amd64, darwin/arm64, when cmd/modelbench-serve exists
# The fyne tool comes from the Go module proxy (go run, cached after the first
# time); the Windows exe is cross-built with Debian's mingw-w64 gcc.
# Usage: .ci/package.sh [linux|windows|serve ...]   (default: all three)
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
FYNE_TOOL=${FYNE_TOOL:-fyne.io/tools/cmd/fyne@v1.7.4}
version=$(sed -n 's/^Version *= *"\(.*\)"/\1/p' FyneApp.toml | head -1)
id=$(sed -n 's/^ID *= *"\(.*\)"/\1/p' FyneApp.toml | head -1)
[ -n "$version" ] && [ -n "$id" ] || { echo "package: FyneApp.toml has no Version or ID"; exit 1; }
dist=$PWD/dist
mkdir -p "$dist"
parts=("$@")
[ ${#parts[@]} -eq 0 ] && parts=(serve linux windows)
fyne() { "$GO" run "$FYNE_TOOL" "$@"; }

# Both are packaged from a copy of the source (tracked and untracked, not
# ignored, files): fyne package writes its metadata file, and fyne.syso for
# Windows, into the source folder while it builds.
stage_src() {
  local dir=$1
  rm -rf "$dir"; mkdir -p "$dir"
  git ls-files -z -co --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$dir"
}

build_serve() {
  if [ ! -d cmd/modelbench-serve ]; then
    echo "package: cmd/modelbench-serve does not exist on this branch; no scoring-service binaries"
    return 0
  fi
  local t os arch out
  for t in linux/amd64 linux/arm64 windows/amd64 darwin/arm64; do
    os=${t%/*}; arch=${t#*/}
    out="$dist/serve/${os}_${arch}/modelbench-serve"
    [ "$os" = windows ] && out+=.exe
    echo "package: modelbench-serve for $os/$arch"
    CGO_ENABLED=0 GOOS=$os GOARCH=$arch "$GO" build -trimpath -ldflags "-s -w" -o "$out" ./cmd/modelbench-serve
  done
}

# copy_serve DIR puts dist/serve (when built) into DIR/serve.
copy_serve() {
  [ -d "$dist/serve" ] || return 0
  mkdir -p "$1"; rm -rf "$1/serve"; cp -r "$dist/serve" "$1/serve"
}

build_linux() {
  local work tree tarball size
  work=$(mktemp -d); tree="$work/tree"
  stage_src "$work/src"
  echo "package: Linux tarball (fyne package -os linux --release)"
  (cd "$work/src" && fyne package -os linux --release --icon "$work/src/assets/icons/icon-512.png")
  mkdir -p "$tree"; tar -xJf "$work/src/Modelbench.tar.xz" -C "$tree"
  local prefix="$tree/usr/local"
  [ -d "$prefix" ] || prefix="$tree/usr"
  for size in 16 24 32 48 64 128 256 512; do
    install -D -m 644 "assets/icons/icon-$size.png" "$prefix/share/icons/hicolor/${size}x${size}/apps/$id.png"
  done
  copy_serve "$prefix/lib/modelbench"
  # fyne's installer Makefile copies usr/; hicolor and lib/ come along.
  tarball="$dist/modelbench-$version-linux-amd64.tar.xz"
  tar -C "$tree" -cJf "$tarball" .
  rm -rf "$work"
  echo "package: $tarball"; tar -tJf "$tarball" | sed 's/^/  /'
}

build_windows() {
  command -v x86_64-w64-mingw32-gcc >/dev/null || { echo "package: x86_64-w64-mingw32-gcc missing (apt-get install gcc-mingw-w64-x86-64)"; exit 1; }
  local src out
  src=$(mktemp -d)/src; out="$dist/windows-amd64"
  stage_src "$src"
  echo "package: Windows exe (fyne package -os windows --release, mingw-w64)"
  (cd "$src" && CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ GOOS=windows GOARCH=amd64 \
     fyne package -os windows --release --icon "$src/assets/icons/icon-256.png")
  mkdir -p "$out"; mv "$src/modelbench.exe" "$out/modelbench.exe"
  rm -rf "$(dirname "$src")"
  copy_serve "$out"
  if command -v python3 >/dev/null; then
    rm -f "$dist/modelbench-$version-windows-amd64.zip"
    (cd "$dist" && python3 -m zipfile -c "modelbench-$version-windows-amd64.zip" windows-amd64)
  fi
  echo "package: $out/modelbench.exe"; ls -l "$out"
}

for p in "${parts[@]}"; do
  case "$p" in
    serve) build_serve ;;
    linux) build_linux ;;
    windows) build_windows ;;
    *) echo "package: unknown part $p"; exit 2 ;;
  esac
done
