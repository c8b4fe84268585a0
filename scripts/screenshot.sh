#!/usr/bin/env bash
# Screenshot of the Framescope window under a private Xvfb display.
#
#   scripts/screenshot.sh [light|dark] [name]     -> assets/<name>.png (default name: main-window-<theme>)
#
# Needs: Xvfb, ImageMagick's import, xwininfo, GTK 3 (JavaFX's glass library links it). On Debian:
#   apt-get install -y xvfb imagemagick x11-utils libgtk-3-0
# Builds target/framescope.jar first when it is missing (SKIP_BUILD=1 to forbid that).
set -euo pipefail

cd "$(dirname "$0")/.."
theme="${1:-light}"
name="${2:-main-window-$theme}"
case "$theme" in light | dark) ;; *) echo "theme must be light or dark, not '$theme'" >&2; exit 2 ;; esac
jar=target/framescope.jar
deadline_seconds="${DEADLINE_SECONDS:-60}"

for tool in Xvfb import xwininfo java; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y xvfb imagemagick x11-utils libgtk-3-0" >&2; exit 1; }
done
if [[ ! -f "$jar" ]]; then
  [[ "${SKIP_BUILD:-0}" == 1 ]] && { echo "$jar missing and SKIP_BUILD=1" >&2; exit 1; }
  mvn -B -ntp -q package -DskipTests
fi

# A display number nobody uses.
display=99
while [[ -e "/tmp/.X${display}-lock" || -e "/tmp/.X11-unix/X${display}" ]]; do display=$((display + 1)); done

xvfb_pid=""
app_pid=""
cleanup() {
  [[ -n "$app_pid" ]] && kill "$app_pid" 2>/dev/null || true
  [[ -n "$xvfb_pid" ]] && kill "$xvfb_pid" 2>/dev/null || true
}
trap cleanup EXIT

Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
export DISPLAY=":$display"

deadline=$((SECONDS + deadline_seconds))
until xwininfo -root >/dev/null 2>&1; do
  (( SECONDS < deadline )) || { echo "Xvfb did not start on $DISPLAY" >&2; exit 1; }
  sleep 0.1
done

mkdir -p assets target
log="target/screenshot-$name.log"
java -Dprism.order=sw -Dframescope.theme="${theme^^}" -jar "$jar" >"$log" 2>&1 &
app_pid=$!

# Wait for the window to be mapped ...
until xwininfo -root -tree 2>/dev/null | grep -q '"Framescope"'; do
  kill -0 "$app_pid" 2>/dev/null || { echo "Framescope exited; see $log" >&2; cat "$log" >&2; exit 1; }
  (( SECONDS < deadline )) || { echo "no Framescope window within ${deadline_seconds}s; see $log" >&2; exit 1; }
  sleep 0.2
done

# ... then until two consecutive captures are identical, i.e. the first frames are painted and layout settled.
out="assets/$name.png"
previous=""
while :; do
  import -window root "$out"
  current=$(md5sum "$out" | cut -d' ' -f1)
  # A blank (one-colour) capture is the window before its first paint, not a settled one.
  colours=$(identify -format %k "$out" 2>/dev/null || echo 0)
  [[ "$current" == "$previous" && "$colours" -gt 16 ]] && break
  (( SECONDS < deadline )) || { echo "window never settled; kept the last capture" >&2; break; }
  previous="$current"
  sleep 0.5
done
echo "$out"
