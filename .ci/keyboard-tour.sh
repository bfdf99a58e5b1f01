#!/usr/bin/env bash
# A whole project with the keyboard only, under Xvfb: the path written down
# in NOTES-ship.md, with a screenshot after each step. Not part of make test
# (it waits on fixed delays); run it by hand after UI changes:
#   .ci/keyboard-tour.sh ./modelbench shots/ [scale]
# scale 2 uses a 2560×1600 screen, so the window keeps 1280×800 units.
set -euo pipefail
bin=$(readlink -f "${1:?binary}")
out=$(mkdir -p "${2:-shots}" && cd "${2:-shots}" && pwd)
scale=${3:-1}
w=$((1280 * ${scale%.*})); h=$((800 * ${scale%.*}))
display=":$((60 + RANDOM % 20))"
home=$(mktemp -d)
Xvfb "$display" -screen 0 "${w}x${h}x24" -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=""
cleanup() {
  if [ -n "$app" ]; then kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; fi
  kill "$xvfb" 2>/dev/null || true; wait "$xvfb" 2>/dev/null || true; rm -rf "$home"
}
trap cleanup EXIT
sleep 2
export DISPLAY=$display
(cd "$home" && HOME="$home" LIBGL_ALWAYS_SOFTWARE=1 FYNE_SCALE="$scale" LANG=C.UTF-8 exec "$bin" --no-recovery >"$home/app.log" 2>&1) &
app=$!
for _ in $(seq 1 30); do
  sleep 1
  win=$(xdotool search --name Modelbench 2>/dev/null | head -1 || true)
  [ -n "$win" ] && break
done
[ -n "$win" ] || { echo "tour: no window"; cat "$home/app.log"; exit 1; }
xdotool windowsize "$win" "$w" "$h"; sleep 2
xdotool windowfocus "$win"; sleep 0.5
n=0
shot() { n=$((n + 1)); sleep "${2:-1}"; import -window root "$out/$(printf %02d $n)-$1-x$scale.png"; echo "tour: $1"; }
key() { for k in "$@"; do xdotool key "$k"; sleep 0.25; done; }
tabs() { for _ in $(seq 1 "$1"); do xdotool key Tab; sleep 0.15; done; }

shot start 0
tabs 4; key space;                              shot data 4        # Tab to "Open Palmer penguins", Space
key ctrl+2;                                     shot explore 7     # Explore runs by itself
key ctrl+Next;                                  shot explore-columns 2
key ctrl+3 ctrl+0; tabs 6                                          # Prepare: the split's Seed field
key ctrl+a; xdotool type --delay 60 7; tabs 2; key space           # seed 7, "Use this split"
key ctrl+z;                                     shot prepare-undone 1
key alt Right;                                  shot edit-menu 1   # Edit ▸ Redo names the change
key Escape Escape ctrl+y ctrl+p;                shot prepare-fitted 4
key ctrl+4 ctrl+t;                              shot train 30
key ctrl+0; tabs 14; key space Tab                                 # leaderboard row 1, then the reason
xdotool type --delay 30 "best balanced accuracy and the simplest"
tabs 1; key space;                              shot chosen 3      # "Choose this model"
key ctrl+5 ctrl+e;                              shot evaluate 10
key ctrl+Next;                                  shot evaluate-threshold 2
key ctrl+6;                                     shot deploy 1
key ctrl+slash;                                 shot shortcuts 1
tabs 1; key space ctrl+comma;                   shot preferences 1

if [ -s "$home/app.log" ]; then echo "tour: the app wrote to its output:"; cat "$home/app.log"; fi
echo "tour: screenshots in $out"
