#!/usr/bin/env bash
# Compares tshark's decoding of every WebSocket frame (FIN, RSV, opcode, MASK, masking key, payload length) in our
# pcapng export with our own, for one session file. Needs tshark (apt-get install -y tshark) and python3.
#
#   scripts/tshark-check.sh SESSION.fscap
set -euo pipefail
cd "$(dirname "$0")/.."
session="$1"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
java -jar target/framescope.jar export "$session" --to pcapng --out "$tmp/s.pcapng" >/dev/null
java -jar target/framescope.jar export "$session" --to json --out "$tmp/s.json" >/dev/null
tshark -r "$tmp/s.pcapng" -Y websocket -T fields -E separator=, -e websocket.fin -e websocket.rsv \
  -e websocket.opcode -e websocket.mask -e websocket.masking_key -e websocket.payload_length \
  -e websocket.payload_length_ext_16 -e websocket.payload_length_ext_64 2>/dev/null > "$tmp/s.tshark"
python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
ours = []
for line in open(f"{tmp}/s.json"):
    o = json.loads(line)
    if o["type"] == "frame" and o.get("chunkOffset", 0) == 0:
        rsv = (4 if o["rsv1"] else 0) | (2 if o["rsv2"] else 0) | (1 if o["rsv3"] else 0)
        ours.append((int(o["fin"]), rsv, o["opcode"], int(o["masked"]), o["maskingKey"] or "", o["payloadLength"]))
theirs = []
for line in open(f"{tmp}/s.tshark"):
    fin, rsv, op, mask, key, plen, e16, e64 = line.rstrip("\n").split(",")[:8]
    n = int(plen)
    n = int(e16) if n == 126 and e16 else (int(e64) if n == 127 and e64 else n)
    theirs.append((int(fin), int(rsv, 16), int(op), int(mask), key.replace(":", ""), n))
bad = [(a, b) for a, b in zip(ours, theirs) if a != b]
print(f"frames: ours {len(ours)}, tshark {len(theirs)}, mismatches {len(bad)}")
for a, b in bad[:10]:
    print("  ours", a, "tshark", b)
sys.exit(1 if bad or len(ours) != len(theirs) else 0)
PY
