#!/usr/bin/env bash
# The headless commands print nothing that is not theirs, whatever the
# locale: runs the real binary (built with cgo, as shipped) with an empty
# environment and with the locale values that used to make Fyne log
# "Error parsing user locale" before main, and fails when stderr is not
# empty or the exit code is not 0. Usage: .ci/cli-clean.sh ./modelbench
set -uo pipefail
bin=${1:?binary}
case "$bin" in /*) ;; *) bin="$PWD/$bin" ;; esac
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
fail=0
locales=("" "LANG=C" "LANG=POSIX" "LANG=C.UTF-8" "LC_ALL=C.utf8" "LC_MESSAGES=POSIX.UTF-8"
         "LANG=en_US@euro" "LANG=en_US.UTF-8" "LANG=fr_FR.UTF-8" "LANG=C.UTF-8 LANGUAGE=de")
for loc in "${locales[@]}"; do
  for args in "describe --sample iris" "--help" "version"; do
    # shellcheck disable=SC2086 # loc and args are word lists on purpose
    (cd "$dir" && env -i $loc HOME="$dir" "$bin" $args >"$dir/out" 2>"$dir/err")
    rc=$?
    if [ "$rc" -ne 0 ] || [ -s "$dir/err" ] || [ ! -s "$dir/out" ]; then
      echo "cli-clean: env -i $loc modelbench $args: exit $rc, stderr:"
      sed 's/^/  /' "$dir/err"
      fail=1
    fi
  done
done
if [ "$fail" -ne 0 ]; then echo "cli-clean: FAILED"; exit 1; fi
echo "cli-clean: ok (${#locales[@]} locales × 3 commands, stderr empty, exit 0)"
