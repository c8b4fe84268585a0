#!/usr/bin/env bash
# Builds target/benchmarks.jar (Maven profile "bench") and runs FrameDecodeBenchmark with the GC profiler,
# then prints a per-frame table. Extra arguments go to JMH, e.g. -p decoder=framescope,netty -p size=1024.
# The full matrix takes about 5 minutes on 2 cores; run it on an otherwise idle machine for stable numbers.
set -euo pipefail
cd "$(dirname "$0")/../.."
mvn -B -ntp -q -Pbench -DskipTests package
java -jar target/benchmarks.jar FrameDecodeBenchmark -prof gc -rf csv -rff target/frame-decode.csv "$@"
python3 src/jmh/table.py target/frame-decode.csv
