#!/usr/bin/env bash
# Cold start: launch → first painted window, under a private Xvfb display (1280×800, black root), polling
# screenshots (`import -window root`) until the screen holds more than 16 colours (the window's text and widgets; an
# unpainted window is one colour). Prints each run's time, the load average when it started, and the median.
#
#   scripts/startup-bench.sh [jar|image|floor] [RUNS]        (defaults: jar 5)
#
#   jar    java $JAVA_OPTS -jar $JAR     (JAVA_OPTS defaults to -XX:+UseParallelGC, as in the issue; JAR to
#          target/framescope.jar; a "before" jar kept elsewhere is measured with JAR=that.jar)
#   image  target/installer/framescope/bin/framescope         (TYPE=app-image bash packaging/linux/build.sh)
#   floor  scripts/StartupFloor.java, a bare JavaFX window with a few controls, run from the same jar the same way:
#          what the JVM and JavaFX take on this machine before any of Framescope's work
#
# Each run gets a fresh configuration directory (no saved environments or recent files); JavaFX's native library
# cache (~/.openjfx/cache) is warm after the first run of the machine. The time is taken when the screenshot that
# shows the window returns, so it overstates the paint by up to one poll (a poll takes 0.1–0.4 s on the loaded
# machine); the `poll` column says how long that last one took.
#
# Needs: Xvfb, ImageMagick, GTK 3 (apt-get install -y xvfb imagemagick libgtk-3-0).
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-jar}"
runs="${2:-5}"
case "$mode" in
  jar)
    jar="${JAR:-target/framescope.jar}"
    [[ -f "$jar" ]] || mvn -B -ntp -q package -DskipTests
    # shellcheck disable=SC2206
    command=(java ${JAVA_OPTS:--XX:+UseParallelGC} -jar "$jar") ;;
  floor)
    jar="${JAR:-target/framescope.jar}"
    [[ -f "$jar" ]] || mvn -B -ntp -q package -DskipTests
    floor=$(mktemp -d)
    javac -d "$floor" -cp "$jar" scripts/StartupFloor.java
    # shellcheck disable=SC2206
    command=(java ${JAVA_OPTS:--XX:+UseParallelGC} -cp "$floor:$jar" StartupFloor) ;;
  image)
    [[ -x target/installer/framescope/bin/framescope ]] || TYPE=app-image bash packaging/linux/build.sh >/dev/null
    command=(target/installer/framescope/bin/framescope) ;;
  *) echo "mode is jar, image or floor, not '$mode'" >&2; exit 2 ;;
esac
for tool in Xvfb import; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y xvfb imagemagick libgtk-3-0" >&2; exit 1; }
done

display=140
while [[ -e "/tmp/.X${display}-lock" || -e "/tmp/.X11-unix/X${display}" ]]; do display=$((display + 1)); done
Xvfb ":$display" -screen 0 1280x800x24 -br -nolisten tcp >/dev/null 2>&1 &
xvfb=$!
app=""
work=$(mktemp -d)
cleanup() {
  [[ -n "$app" ]] && kill "$app" 2>/dev/null || true
  kill "$xvfb" 2>/dev/null || true
  rm -rf "$work" "${floor:-}"
}
trap cleanup EXIT
export DISPLAY=":$display"
for _ in $(seq 1 100); do [[ -e "/tmp/.X11-unix/X$display" ]] && break; sleep 0.1; done

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }
colours() { import -window root -format '%k' info:- 2>/dev/null || echo 0; }

times=()
cpus=()
printf '%-4s %10s %8s %10s %8s\n' run painted poll cpu load
for run in $(seq 1 "$runs"); do
  load=$(cut -d' ' -f1 /proc/loadavg)
  config="$work/config-$run"
  mkdir -p "$config"
  start=$(now_ms)
  "${command[@]}" --config-dir="$config" >"$work/log-$run" 2>&1 &
  app=$!
  painted=""
  while [[ -z "$painted" ]]; do
    kill -0 "$app" 2>/dev/null || { echo "run $run: Framescope exited" >&2; cat "$work/log-$run" >&2; exit 1; }
    before=$(now_ms)
    k=$(colours)
    after=$(now_ms)
    if (( k > 16 )); then
      painted=$((after - start)); poll=$((after - before))
      # The process's CPU time (all threads, user + system) by then: steadier than the wall time on a busy machine.
      cpu=$(awk '{ print ($14 + $15) * 10 }' "/proc/$app/stat" 2>/dev/null || echo 0)
    fi
    (( after - start < 180000 )) || { echo "run $run: no window within 180 s" >&2; exit 1; }
  done
  kill "$app" 2>/dev/null || true
  wait "$app" 2>/dev/null || true
  app=""
  times+=("$painted")
  cpus+=("$cpu")
  printf '%-4s %8d ms %5d ms %7d ms %8s\n' "$run" "$painted" "$poll" "$cpu" "$load"
done
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
echo "median of $runs ($mode): painted $(median "${times[@]}") ms, CPU $(median "${cpus[@]}") ms;" \
  "load average now: $(cut -d' ' -f1-3 /proc/loadavg)"
