#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages named as arguments when any is
# missing; on other systems prints what to install. Used by the Makefile.
set -euo pipefail
case "$(uname -s)" in
  Darwin)
    echo "macOS: install Xcode command-line tools (xcode-select --install) and Go 1.26+; Fyne needs no other packages." >&2
    exit 0 ;;
  MINGW*|MSYS*|CYGWIN*)
    echo "Windows: install Go 1.26+ and a C compiler (MSYS2 mingw-w64-x86_64-gcc, on PATH) for Fyne's OpenGL driver." >&2
    exit 0 ;;
esac
if ! command -v dpkg-query >/dev/null; then
  echo "Not a Debian/Ubuntu system: install the equivalents of: $*" >&2
  exit 0
fi
missing=()
for p in "$@"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "installing: ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
