#!/usr/bin/env bash
# GUI responsiveness under load: the real window under a private Xvfb display, TICKERS demo tickers (the first one
# selected and shown) each at RATE frames/s for SECONDS; prints FX pulse durations (p50, p99, max over every pulse
# after a 3 s warm-up, the catch-up after the run included), frames captured vs shown, frames the demo server
# sent vs captured, and the memory budget's use.
#
#   scripts/gui-bench.sh [RATE] [SECONDS] [TICKERS]        (defaults: 50000 20 1)
#
# Opening a big session file instead: the window (no demo) opens FILE after a 2 s warm-up as File → Open does and
# prints when the first rows showed, when the file was read, when the table caught up, and the pulse durations over
# that time. A missing FILE is made first: FRAMES ticker frames of 80 B (SessionFileBench make, profile "bench").
#
#   scripts/gui-bench.sh open [FILE] [FRAMES]             (defaults: target/bench-1m.fscap 1000000)
#
# Needs Xvfb and GTK 3: apt-get install -y xvfb libgtk-3-0
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -f target/framescope.jar ]] || mvn -B -ntp -q package -DskipTests
if [[ "${1:-}" == open ]]; then
  file="${2:-target/bench-1m.fscap}"
  if [[ ! -f "$file" ]]; then
    [[ -f target/benchmarks.jar ]] || mvn -B -ntp -q -Pbench -DskipTests package
    java -cp target/benchmarks.jar dev.framescope.bench.SessionFileBench make "$file" "${3:-1000000}" 80
  fi
  mode=(-Dframescope.bench.open="$(realpath "$file")" -jar target/framescope.jar --no-demo)
else
  rate="${1:-50000}"
  seconds="${2:-20}"
  tickers="${3:-1}"
  mode=(-Dframescope.demo.tickerRate="$rate" -Dframescope.demo.tickers="$tickers" -Dframescope.bench.seconds="$seconds"
    -jar target/framescope.jar)
fi
display=120
while [[ -e "/tmp/.X${display}-lock" ]]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1440x900x24 >/dev/null 2>&1 &
xvfb=$!
# A config directory of its own: the user's saved environments stay out of the measurement.
config=$(mktemp -d)
trap 'kill $xvfb 2>/dev/null || true; rm -rf "$config"' EXIT
for _ in $(seq 1 50); do [[ -e "/tmp/.X11-unix/X$display" ]] && break; sleep 0.1; done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
# shellcheck disable=SC2086
DISPLAY=":$display" java -Xmx2g ${JAVA_OPTS:--XX:+UseParallelGC} -Dprism.order=sw -Dframescope.configDir="$config" \
  "${mode[@]}" 2>/dev/null
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
