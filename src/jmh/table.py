#!/usr/bin/env python3
"""Turns JMH's CSV for FrameDecodeBenchmark (run with -prof gc) into a Markdown table: frames/s, MB/s of payload
(1 MB = 10^6 bytes) and bytes allocated per frame, one row per size / masking / decoder."""
import csv
import sys

rows = {}
with open(sys.argv[1] if len(sys.argv) > 1 else "target/frame-decode.csv") as f:
    for r in csv.DictReader(f):
        key = (int(r["Param: size"]), r["Param: masked"], r["Param: decoder"])
        entry = rows.setdefault(key, {})
        if r["Benchmark"].endswith(":gc.alloc.rate.norm"):
            entry["alloc"] = float(r["Score"])
        elif r["Benchmark"].endswith(".decode"):
            entry["score"] = float(r["Score"])
            entry["error"] = float(r["Score Error (99.9%)"])

print("| size | masked | decoder | frames/s | ± (99.9%) | MB/s | B alloc/frame |")
print("|-----:|--------|---------|---------:|----------:|-----:|--------------:|")
order = {"framescope": 0, "javawebsocket": 1, "jetty": 2, "netty": 3}
for (size, masked, decoder), e in sorted(rows.items(), key=lambda kv: (kv[0][0], kv[0][1] != "true", order.get(kv[0][2], 9))):
    if "score" not in e:
        continue
    alloc = "%.1f" % e["alloc"] if "alloc" in e else "-"
    print("| %d | %s | %s | %s | %s | %.1f | %s |" % (size, masked, decoder, format(round(e["score"]), ","),
          format(round(e["error"]), ","), e["score"] * size / 1e6, alloc))
