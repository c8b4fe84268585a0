#!/usr/bin/env python3
"""Times `framescope dissect` against tshark on the same WebSocket frames (see scripts/bench-vs-tshark.sh).

For each payload size it writes one server-to-client stream of FIN TEXT frames (printable ASCII, deterministic)
twice: as the raw bytes `dissect --file` reads (the HTTP 101 response first, then the frames), and as a pcapng of
a synthesized TCP connection: handshake, the client's upgrade request, the server's bytes in 1448-byte segments
(an Ethernet MSS: in one 60,000-byte segment tshark stops after a few hundred WebSocket frames), server port 80
so tshark recognises the upgrade. Then it runs, round by round, ours and tshark side by side:

  --json : `dissect --json --file F`   vs  `tshark -r P -T json`
  table  : `dissect --file F`          vs  `tshark -r P -T fields -e frame.number -e websocket.opcode ...`

Start-up (the least time of N runs on a one-frame stream) is subtracted, so the throughput is "beyond start-up";
JIT warm-up still counts against ours, which is why a longer stream (16 B x 1,000,000) is in the default set.
Every run writes to /dev/null. Prints a Markdown table: medians of N rounds, and the ratio's range over rounds.
"""
import argparse
import os
import random
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time

REQUEST = (b"GET /bench HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
           b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
RESPONSE = (b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
            b"Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n")
SEGMENT = 1448
ALPHABET = b"abcdefghijklmnopqrstuvwxyz0123456789 ,:{}"
TSHARK_FIELDS = ["frame.number", "websocket.fin", "websocket.rsv", "websocket.opcode", "websocket.mask",
                 "websocket.masking_key", "websocket.payload_length", "websocket.payload.text"]


def frame(payload):
    n = len(payload)
    if n <= 125:
        head = struct.pack("!BB", 0x81, n)
    elif n <= 0xFFFF:
        head = struct.pack("!BBH", 0x81, 126, n)
    else:
        head = struct.pack("!BBQ", 0x81, 127, n)
    return head + payload


def frames(count, size, seed=6455):
    rnd = random.Random(seed)
    block = bytes(rnd.choice(ALPHABET) for _ in range(max(size, 1) * 7 + 101))
    out = bytearray()
    for i in range(count):
        start = (i * 7919) % (len(block) - size)
        out += frame(block[start:start + size])
    return bytes(out)


class Pcapng:
    """Just enough pcapng: one section, one Ethernet interface, enhanced packet blocks with IPv4/TCP."""

    def __init__(self, path):
        self.f = open(path, "wb")
        self.ts = 1_700_000_000_000_000
        self.block(0x0A0D0D0A, struct.pack("<IHHq", 0x1A2B3C4D, 1, 0, -1))
        self.block(0x00000001, struct.pack("<HHI", 1, 0, 0))

    def block(self, kind, body):
        body += b"\0" * (-len(body) % 4)
        total = len(body) + 12
        self.f.write(struct.pack("<II", kind, total) + body + struct.pack("<I", total))

    def tcp(self, client_to_server, seq, ack, flags, payload=b""):
        src, dst = (b"\x0a\0\0\x01", b"\x0a\0\0\x02") if client_to_server else (b"\x0a\0\0\x02", b"\x0a\0\0\x01")
        sport, dport = (50000, 80) if client_to_server else (80, 50000)
        tcp = struct.pack("!HHIIBBHHH", sport, dport, seq & 0xFFFFFFFF, ack & 0xFFFFFFFF, 5 << 4, flags, 65535, 0, 0)
        ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(tcp) + len(payload), 0, 0x4000, 64, 6, 0, src, dst)
        macs = (b"\x02\0\0\0\0\x02" + b"\x02\0\0\0\0\x01") if client_to_server else (b"\x02\0\0\0\0\x01" + b"\x02\0\0\0\0\x02")
        packet = macs + b"\x08\x00" + ip + tcp + payload
        self.ts += 10
        self.block(0x00000006, struct.pack("<IIIII", 0, self.ts >> 32, self.ts & 0xFFFFFFFF, len(packet), len(packet))
                   + packet)

    def connection(self, server_bytes):
        c, s = 1000, 5000
        self.tcp(True, c, 0, 0x02)
        self.tcp(False, s, c + 1, 0x12)
        self.tcp(True, c + 1, s + 1, 0x10)
        self.tcp(True, c + 1, s + 1, 0x18, REQUEST)
        c += 1 + len(REQUEST)
        s += 1
        for at in range(0, len(server_bytes), SEGMENT):
            seg = server_bytes[at:at + SEGMENT]
            self.tcp(False, s, c, 0x18, seg)
            s += len(seg)
        self.f.close()


def write_streams(directory, name, count, size):
    body = RESPONSE + frames(count, size)
    raw = os.path.join(directory, name + ".bin")
    with open(raw, "wb") as f:
        f.write(body)
    pcap = os.path.join(directory, name + ".pcapng")
    Pcapng(pcap).connection(body)
    return raw, pcap


def timed(cmd):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def commands(jar, raw, pcap, mode):
    ours = ["java", "-jar", jar, "dissect", "--from", "server", "--file", raw]
    if mode == "json":
        return ours[:4] + ["--json"] + ours[4:], ["tshark", "-r", pcap, "-T", "json"]
    fields = ["tshark", "-r", pcap, "-Y", "websocket", "-T", "fields"]
    for field in TSHARK_FIELDS:
        fields += ["-e", field]
    return ours, fields


def rounds(cmds, n):
    """n rounds, ours and tshark alternating within each round so both see the same load."""
    times = [[], []]
    for _ in range(n):
        for i, cmd in enumerate(cmds):
            times[i].append(timed(cmd))
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default="target/framescope.jar")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", default="16:200000,16:1000000,1024:20000,65536:300",
                        help="payload:frames pairs (default %(default)s)")
    parser.add_argument("--modes", default="json,table")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="bench-vs-tshark-")
    try:
        run_all(args, work)
    finally:
        shutil.rmtree(work)


def run_all(args, work):
    raw1, pcap1 = write_streams(work, "startup", 1, 16)
    print("| output | payload | frames | ours s (median) | tshark s (median) | start-up ours / tshark s "
          "| ours frames/s | tshark frames/s | ours ÷ tshark (range over rounds) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---|")
    for mode in args.modes.split(","):
        start = rounds(commands(args.jar, raw1, pcap1, mode), args.rounds)
        # The least start-up seen: a load spike in one round would otherwise inflate every throughput after it.
        s_ours, s_tshark = min(start[0]), min(start[1])
        for pair in args.sizes.split(","):
            size, count = (int(x) for x in pair.split(":"))
            raw, pcap = write_streams(work, f"s{size}", count, size)
            t = rounds(commands(args.jar, raw, pcap, mode), args.rounds)
            m_ours, m_tshark = statistics.median(t[0]), statistics.median(t[1])
            net = lambda x, s: max(x - s, 1e-3)
            ratios = [net(b, s_tshark) / net(a, s_ours) for a, b in zip(t[0], t[1])]
            print(f"| {'--json / -T json' if mode == 'json' else 'table / -T fields'} | {size} | {count:,} "
                  f"| {m_ours:.2f} | {m_tshark:.2f} | {s_ours:.2f} / {s_tshark:.2f} "
                  f"| {count / net(m_ours, s_ours):,.0f} | {count / net(m_tshark, s_tshark):,.0f} "
                  f"| {net(m_tshark, s_tshark) / net(m_ours, s_ours):.1f}× ({min(ratios):.1f}–{max(ratios):.1f}) |",
                  flush=True)


if __name__ == "__main__":
    sys.exit(main())
