#!/usr/bin/env bash
# Real-window smoke test: starts the app under Xvfb on the default sample
# dataset, takes a screenshot and fails if the app exits or the window is
# blank. Usage: .ci/smoke.sh ./modelbench [screenshot.png]
set -euo pipefail
bin=${1:?binary}
shot=${2:-${TMPDIR:-/tmp}/modelbench-smoke.png}
display=":$((90 + RANDOM % 9))"
home=$(mktemp -d)
Xvfb "$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=""
cleanup() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; fi
  kill "$xvfb" 2>/dev/null; wait "$xvfb" 2>/dev/null
  rm -rf "$home"
}
trap cleanup EXIT
sleep 2
HOME="$home" DISPLAY="$display" LIBGL_ALWAYS_SOFTWARE=1 "$bin" --sample penguins >"$home/app.log" 2>&1 &
app=$!
# The title names the dataset once it is loaded and shown.
title=""
for _ in $(seq 1 90); do
  sleep 1
  kill -0 "$app" 2>/dev/null || { echo "smoke: the app exited early:"; cat "$home/app.log"; exit 1; }
  title=$(DISPLAY="$display" xdotool search --name Modelbench getwindowname 2>/dev/null | head -1 || true)
  case "$title" in *penguins*) break ;; esac
done
case "$title" in *penguins*) echo "smoke: window title: $title" ;; *) echo "smoke: the sample never appeared (title: '$title')"; cat "$home/app.log"; exit 1 ;; esac
sleep 2
kill -0 "$app" 2>/dev/null || { echo "smoke: the app exited:"; cat "$home/app.log"; exit 1; }
DISPLAY="$display" import -window root "$shot"
colours=$(convert "$shot" -format '%k' info:)
stddev=$(convert "$shot" -colorspace Gray -format '%[fx:standard_deviation]' info:)
echo "smoke: screenshot $shot has $colours colours, grey std-dev $stddev"
if [ "$colours" -lt 16 ] || awk "BEGIN{exit !($stddev < 0.02)}"; then
  echo "smoke: the window looks blank"; exit 1
fi
echo "smoke: ok"
