#!/usr/bin/env bash
# Turns JMH's CSV for FrameDecodeBenchmark (run with -prof gc) into: size, masked, decoder, frames/s, MB/s of
# payload (1 MB = 10^6 bytes), bytes allocated per frame.
set -euo pipefail
csv="${1:-target/frame-decode.csv}"
awk -F, '
  NR == 1 {
    for (i = 1; i <= NF; i++) { h = $i; gsub(/"/, "", h); col[h] = i }
    next
  }
  {
    for (i = 1; i <= NF; i++) gsub(/"/, "", $i)
    key = $col["Param: size"] " " $col["Param: masked"] " " $col["Param: decoder"]
    if ($col["Benchmark"] ~ /:gc\.alloc\.rate\.norm$/) alloc[key] = $col["Score"]
    else if ($col["Benchmark"] ~ /\.decode$/) { score[key] = $col["Score"]; err[key] = $col["Score Error (99.9%)"] }
  }
  END {
    for (k in score) {
      split(k, p, " ")
      printf "%d %s %s %.0f %.0f %.1f %s\n", p[1], p[2], p[3], score[k], err[k], score[k] * p[1] / 1e6, \
        (k in alloc) ? sprintf("%.1f", alloc[k]) : "-"
    }
  }' "$csv" | sort -k1,1n -k2,2r -k3,3 | awk '
  BEGIN { printf "| %6s | %6s | %-13s | %14s | %12s | %10s | %12s |\n", "size", "masked", "decoder", "frames/s", "± (99.9%)", "MB/s", "B alloc/frame"
          print "|-------:|--------|---------------|---------------:|-------------:|-----------:|--------------:|" }
  { printf "| %6s | %6s | %-13s | %14s | %12s | %10s | %13s |\n", $1, $2, $3, $4, $5, $6, $7 }'
