#!/usr/bin/env bash
# Adds an AppCDS archive to a jpackage app image: starts the image's window once (a private Xvfb display unless
# DISPLAY is set; the demo runs for a few seconds, then the window closes itself) with
# -XX:ArchiveClassesAtExit, which writes the classes that start loaded to lib/app/framescope.jsa, then adds
# -XX:SharedArchiveFile=$APPDIR/framescope.jsa to the launcher's options (lib/app/framescope.cfg, where jpackage's
# --java-options go). The archive only fits this image's runtime and jar at this path: a JVM that finds them
# changed ignores it and starts as without one.
#
#   bash packaging/linux/cds-archive.sh target/installer/framescope
set -euo pipefail
image="$(realpath "$1")"
launcher="$image/bin/framescope"
cfg="$image/lib/app/framescope.cfg"
archive="$image/lib/app/framescope.jsa"
[[ -x "$launcher" && -f "$cfg" ]] || { echo "not a jpackage app image: $1" >&2; exit 1; }
xvfb=""
trap '[[ -n "$xvfb" ]] && kill "$xvfb" 2>/dev/null || true' EXIT
if [[ -z "${DISPLAY:-}" ]]; then
  if ! command -v Xvfb >/dev/null; then
    echo "no AppCDS archive: no display and no Xvfb for the training run (apt-get install -y xvfb)" >&2
    exit 0
  fi
  display=160
  while [[ -e "/tmp/.X${display}-lock" || -e "/tmp/.X11-unix/X${display}" ]]; do display=$((display + 1)); done
  Xvfb ":$display" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
  xvfb=$!
  export DISPLAY=":$display"
  for _ in $(seq 1 100); do [[ -e "/tmp/.X11-unix/X$display" ]] && break; sleep 0.1; done
fi
config=$(mktemp -d)
rm -f "$archive"
# The GUI bench hook closes the window after its warm-up and one second: start-up, first paint, the demo's
# connections and a few pulses of traffic are what the archive holds.
JAVA_TOOL_OPTIONS="-XX:ArchiveClassesAtExit=$archive -Dframescope.bench.seconds=1 -Dframescope.configDir=$config" \
  timeout 300 "$launcher" >/dev/null 2>&1 || true
rm -rf "$config"
if [[ ! -s "$archive" ]]; then
  echo "no AppCDS archive: the training run did not write $archive" >&2
  exit 0
fi
grep -q 'SharedArchiveFile' "$cfg" || sed -i '/^\[JavaOptions\]/a java-options=-XX:SharedArchiveFile=$APPDIR/framescope.jsa' "$cfg"
echo "AppCDS archive: $archive ($(du -h "$archive" | cut -f1))"
