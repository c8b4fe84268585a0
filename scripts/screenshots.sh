#!/usr/bin/env bash
# The user guide's view screenshots (docs/user-guide.md): for each view and theme, the real window (1280×800, under a private Xvfb display)
# with the demo connections, the right connection, frame and detail tab selected (-Dframescope.show), captured once
# the window has painted.
#
#   scripts/screenshots.sh [VIEW...]        (default: every view; VIEW is a name from the table below)
#   SHOW_AFTER=N (s before the scene is posed, default 6), SETTLE=N (s to paint it, default 3; more on a busy machine)
#   DEADLINE_SECONDS=N (s for the window to appear and pose the scene, default 90; more on a busy machine)
#
# Needs: Xvfb, ImageMagick's import, xwininfo, GTK 3:  apt-get install -y xvfb imagemagick x11-utils libgtk-3-0
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f target/framescope.jar ]] || mvn -B -ntp -q package -DskipTests

# view name -> connection:tab[:row]
declare -A views=(
  [frame]="chaos:Frame"
  [handshake]="echo:Handshake"
  [violations]="chaos:Violations"
  [extensions]="echo:Extensions"
  [heartbeat]="echo:Heartbeat"
  [close]="chaos:Close"
  [message]="ticker:Message"
  [protocol]="JSON-RPC:Protocol"
  # Scenes the hooks set up (ScriptHooks): a failed connection, an inline error in the strip, typed numbers.
  [failed]="@failed:Handshake"
  [strip]="@strip"
  [dialog]="@dialog"
  # Issue 14: the dialog with Observe chosen; an Observe connection (its badge in the list, its Handshake tab).
  [observe-dialog]="@observe-dialog"
  [observe]="@observe:Handshake"
  # Issue 18: Replay… of the demo's JSON-RPC connection against its drift=1 variant; Serve as mock… with a client.
  [replay]="@replay"
  [mock]="@mock"
)
wanted=("$@")
[[ ${#wanted[@]} -gt 0 ]] || wanted=(frame handshake violations extensions heartbeat close message protocol failed strip dialog observe-dialog observe replay mock)

display=160
while [[ -e "/tmp/.X${display}-lock" || -e "/tmp/.X11-unix/X${display}" ]]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=""
# A config directory of its own: the shots never show the user's saved environments.
config=$(mktemp -d)
trap 'kill $app $xvfb 2>/dev/null || true; rm -rf "$config"' EXIT
export DISPLAY=":$display"
until xwininfo -root >/dev/null 2>&1; do sleep 0.1; done

for view in "${wanted[@]}"; do
  for theme in light dark; do
    out="assets/$theme-$view.png"
    log="target/screenshot-$theme-$view.log"
    java -XX:+UseParallelGC -Dprism.order=sw -Dframescope.configDir="$config" -Dframescope.theme="${theme^^}" \
      -Dframescope.show="${views[$view]}" \
      -Dframescope.show.after="${SHOW_AFTER:-6}" -jar target/framescope.jar >"$log" 2>&1 &
    app=$!
    deadline=$((SECONDS + ${DEADLINE_SECONDS:-90}))
    # The window poses the scene once the demo has settled and says so (ScriptHooks); then it gets SETTLE to paint.
    until grep -q '^framescope.show: posed' "$log"; do
      kill -0 "$app" 2>/dev/null || { echo "Framescope exited for $view; see $log" >&2; exit 1; }
      (( SECONDS < deadline )) || { echo "no posed window for $view within the deadline; see $log" >&2; exit 1; }
      sleep 0.2
    done
    sleep "${SETTLE:-3}"
    import -window root "$out"
    kill "$app"; wait "$app" 2>/dev/null || true
    echo "$out"
  done
done
