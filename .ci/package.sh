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
# The fyne tool is built for this machine once (into dist/.tools, reused
# while dist/ is kept), never with the target's GOOS or CC.
fyne_bin=$dist/.tools/fyne
fyne() {
  if [ ! -x "$fyne_bin" ]; then
    echo "package: building the fyne tool ($FYNE_TOOL)"
    (unset GOOS GOARCH CC CXX; GOBIN=$dist/.tools CGO_ENABLED=0 "$GO" install "$FYNE_TOOL")
  fi
  "$fyne_bin" "$@"
}

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
  local work tree root prefix tarball size files
  work=$(mktemp -d); tree="$work/tree"
  stage_src "$work/src"
  echo "package: Linux tarball (fyne package -os linux --release)"
  (cd "$work/src" && fyne package -os linux --release --icon "$work/src/assets/icons/icon-512.png")
  mkdir -p "$tree"; tar -xJf "$work/src/Modelbench.tar.xz" -C "$tree"
  # fyne's tarball holds one folder with usr/local/{bin,share} and a Makefile.
  root=$(dirname "$(find "$tree" -maxdepth 2 -name Makefile | head -1)")
  prefix="$root/usr/local"
  [ -x "$prefix/bin/modelbench" ] || { echo "package: fyne's tarball has no usr/local/bin/modelbench"; exit 1; }
  for size in 16 24 32 48 64 128 256 512; do
    install -D -m 644 "assets/icons/icon-$size.png" "$prefix/share/icons/hicolor/${size}x${size}/apps/$id.png"
  done
  install -D -m 644 README.md "$prefix/share/doc/modelbench/README.md"
  copy_serve "$prefix/lib/modelbench"
  # fyne's Makefile installs three files; this one installs the whole tree
  # (the hicolor icons, the README, the scoring-service binaries too).
  files=$(cd "$prefix" && find . -type f | sed 's|^\./||' | sort | tr '\n' ' ')
  sed "s|@FILES@|$files|" > "$root/Makefile" <<'MAKEFILE'
# make install (PREFIX=/usr/local, as root) or make user-install (~/.local)
PREFIX ?= /usr/local
FILES := @FILES@
install:
	for f in $(FILES); do m=644; if [ -x usr/local/$$f ]; then m=755; fi; install -D -m $$m usr/local/$$f $(DESTDIR)$(PREFIX)/$$f; done
	-gtk-update-icon-cache -q -t $(DESTDIR)$(PREFIX)/share/icons/hicolor 2>/dev/null
uninstall:
	for f in $(FILES); do rm -f $(DESTDIR)$(PREFIX)/$$f; done
user-install:
	$(MAKE) install PREFIX=$(HOME)/.local
user-uninstall:
	$(MAKE) uninstall PREFIX=$(HOME)/.local
.PHONY: install uninstall user-install user-uninstall
MAKEFILE
  tarball="$dist/modelbench-$version-linux-amd64.tar.xz"
  tar -C "$tree" -cJf "$tarball" "$(basename "$root")"
  rm -rf "$work"
  echo "package: $tarball"; tar -tJf "$tarball" | grep -v '/$' | sed 's/^/  /'
}

build_windows() {
  command -v x86_64-w64-mingw32-gcc >/dev/null || { echo "package: x86_64-w64-mingw32-gcc missing (apt-get install gcc-mingw-w64-x86-64)"; exit 1; }
  local src out
  src=$(mktemp -d)/src; out="$dist/windows-amd64"
  stage_src "$src"
  echo "package: Windows exe (fyne package -os windows --release, mingw-w64)"
  fyne version >/dev/null # build the tool before CC points at mingw
  (cd "$src" && CC=x86_64-w64-mingw32-gcc CXX=x86_64-w64-mingw32-g++ GOARCH=amd64 \
     fyne package -os windows --release --icon "$src/assets/icons/icon-256.png")
  # fyne names the exe after FyneApp.toml's Name; the command line is
  # typed in lower case on every system.
  mkdir -p "$out"; mv "$src/Modelbench.exe" "$out/modelbench.exe"
  rm -rf "$(dirname "$src")"
  copy_serve "$out"
  cp README.md "$out/README.md"
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
