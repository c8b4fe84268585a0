#!/usr/bin/env bash
# The bounded-memory run of issue 15: peak RSS (and wall time) of every command that reads a whole session file,
# at the JVM's DEFAULT heap (no -Xmx), on one big file, next to the anchor: tshark reading the same frames from our
# pcapng export. Not a test: it takes 20-40 minutes at 5 million frames on the 2-core machine.
#
#   scripts/bench-memory.sh [--frames 5000000] [--size 80] [--dir /tmp/framescope-memory] [--jar target/benchmarks.jar]
#                           [--only "inspect export-pcapng ..."] [--java-opts "-XX:+UseParallelGC -Xms64m ..."]
#
# Steps: builds target/benchmarks.jar (profile "bench": benchmarks + the application) unless --jar is given; makes
# the session file (SessionFileBench make: FRAMES server frames of SIZE bytes, each a frame and its one-frame
# message, as the demo ticker's capture records them) unless it exists; then runs each command once under
# /usr/bin/time -v, output to files in DIR (or /dev/null), and prints one Markdown row per command: wall time and
# peak RSS ("Maximum resident set size"). The target is 400 MB (409,600 kB) per command.
#
# Commands (--only picks some, in this order):
#   inspect         framescope inspect FILE > /dev/null
#   export-json     framescope export FILE --to json    --out OUT.jsonl
#   export-pcapng   framescope export FILE --to pcapng  --out OUT.pcapng   (the anchor's input; kept)
#   export-har      framescope export FILE --to har     --out OUT.har      (import-har's input; kept)
#   export-text     framescope export FILE --to text    --out OUT.txt
#   convert-v1      framescope convert FILE OUT-v1.fscap --to 1
#   convert-v2      framescope convert OUT-v1.fscap OUT-v2.fscap --to 2    (needs convert-v1's output)
#   import-har      framescope import-har OUT.har --out OUT-har.fscap
#   open            SessionFileBench load FILE: what the window's File > Open does, headless
#   tshark          tshark -r OUT.pcapng -T fields -e frame.number -e websocket.payload_length (the anchor)
set -euo pipefail
cd "$(dirname "$0")/.."
frames=5000000
size=80
dir=/tmp/framescope-memory
jar=""
only="inspect export-json export-pcapng export-har export-text convert-v1 convert-v2 import-har open tshark"
java_opts=""
while [ $# -gt 0 ]; do
  case "$1" in
    --frames) frames="$2"; shift 2 ;;
    --size) size="$2"; shift 2 ;;
    --dir) dir="$2"; shift 2 ;;
    --jar) jar="$2"; shift 2 ;;
    --only) only="$2"; shift 2 ;;
    --java-opts) java_opts="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
if [ -z "$jar" ]; then
  mvn -B -ntp -q -o -Pbench -DskipTests package
  jar=target/benchmarks.jar
fi
mkdir -p "$dir"
file="$dir/big-$frames-$size.fscap"
if [ ! -f "$file" ]; then
  java -Xmx1g -cp "$jar" dev.framescope.bench.SessionFileBench make "$file" "$frames" "$size" 2 >&2
fi
out="$dir/out-$frames-$size"
main="java $java_opts -cp $jar dev.framescope.cli.Main"

# run NAME COMMAND...: one row of the table
run() {
  local name="$1"; shift
  local log="$dir/$name.time"
  if /usr/bin/time -v -o "$log" "$@" > "$dir/$name.stdout" 2> "$dir/$name.stderr"; then status=ok; else status="exit $?"; fi
  local rss wall
  rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  printf '| %s | %s | %s | %'"'"'d kB | %s |\n' "$name" "$wall" "$(echo "$*" | sed "s|$dir/||g; s|$jar|JAR|")" "$rss" \
    "$([ "$rss" -le 409600 ] && echo "≤ 400 MB" || echo "**over**") $status"
}

echo "file: $file ($(stat -c %s "$file") bytes, $frames frames of $size B), jar: $jar, java options: ${java_opts:-none}"
echo
echo "| command | wall | run | peak RSS | |"
echo "|---|---|---|---:|---|"
for c in $only; do
  case "$c" in
    inspect) run inspect sh -c "$main inspect $file > /dev/null" ;;
    export-json) run export-json $main export "$file" --to json --out "$out.jsonl"; rm -f "$out.jsonl" ;;
    export-pcapng) run export-pcapng $main export "$file" --to pcapng --out "$out.pcapng" ;;
    export-har) run export-har $main export "$file" --to har --out "$out.har" ;;
    export-text) run export-text $main export "$file" --to text --out "$out.txt"; rm -f "$out.txt" ;;
    convert-v1) run convert-v1 $main convert "$file" "$out-v1.fscap" --to 1 ;;
    convert-v2) run convert-v2 $main convert "$out-v1.fscap" "$out-v2.fscap" --to 2; rm -f "$out-v1.fscap" "$out-v2.fscap" ;;
    import-har) run import-har $main import-har "$out.har" --out "$out-har.fscap"; rm -f "$out-har.fscap" ;;
    open) run open java $java_opts -cp "$jar" dev.framescope.bench.SessionFileBench load "$file" ;;
    tshark) run tshark sh -c "tshark -r $out.pcapng -T fields -e frame.number -e websocket.payload_length > /dev/null" ;;
    *) echo "unknown command $c" >&2; exit 2 ;;
  esac
done
