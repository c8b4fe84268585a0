#!/usr/bin/env python3
"""Times `framescope dissect` against tshark on the same WebSocket frames (see scripts/bench-vs-tshark.sh).

For each payload size it writes one server-to-client stream of FIN TEXT frames (printable ASCII, deterministic)
twice: as the raw bytes `dissect --file` reads (the HTTP 101 response first, then the frames), and as a pcapng of
a synthesized TCP connection: handshake, the client's upgrade request, the server's bytes in 1448-byte segments
(an Ethernet MSS: in one 60,000-byte segment tshark stops after a few hundred WebSocket frames), server port 80
so tshark recognises the upgrade. `framescope convert` turns that pcapng into a session file (S) for `inspect` and
`export`. Then it runs, round by round, ours (and, with --before-jar, an older build of ours) and tshark:

  json    : `dissect --json --file F`       vs  `tshark -r P -T json`
  table   : `dissect --file F`              vs  `tshark -r P -Y websocket -T fields -e frame.number ...`
  inspect : `inspect S`                     vs  `tshark -r P -Y websocket -T fields -e frame.time_relative ...`
  export  : `export S --to json --out -`    vs  `tshark -r P -T json`
  pcapng  : `export S --to pcapng --out -`  vs  `tshark -r P -F pcapng -w -` (tshark writing the same packets)

inspect prints one line per frame (time, direction, opcode, flags, length, a preview) and the connection's summary:
the counterpart is tshark's one line per WebSocket frame with those fields. export --to json writes one JSON
object per frame and per message with the payload as hex and text and a decoded tree: the counterpart is tshark's
JSON of every packet with its dissection tree.

Ours runs with the installed launcher's JVM options unless --java-opts says otherwise (what a user of the
`framescope` command gets). Start-up (the least time of N runs on a one-frame stream) is subtracted, so the throughput is "beyond start-up";
JIT warm-up still counts against ours. Every run writes to /dev/null. Both wall-clock and CPU seconds (user + sys of
the process and its threads, from rusage) are taken: on a shared machine the CPU seconds say more about the work
done, the wall clock more about what a user waits. Prints a Markdown table: medians of N rounds, and the ratio's
range over rounds.

--marginal also runs every size at half its frames, in the same rounds, and adds the marginal ratio: tshark's
(time at N - time at N/2) over ours. That difference is the cost of N/2 more frames with every fixed cost of a run
taken out, for both tools alike: start-up, but also our JIT compilation and tshark's dissector set-up, which the
one-frame subtraction leaves in (a one-frame run compiles almost nothing).
"""
import argparse
import os
import random
import resource
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
INSPECT_FIELDS = ["frame.time_relative", "websocket.opcode", "websocket.fin", "websocket.rsv", "websocket.mask",
                  "websocket.payload_length", "websocket.payload.text"]
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
    """(wall seconds, CPU seconds) of one run."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


# What the installed `framescope` command runs the JVM with (packaging/linux/build.sh's --java-options, less the
# window's prism option; the Windows and macOS installers pass the same): the launcher runs the command line too.
LAUNCHER_OPTS = "-XX:+UseParallelGC -Xms64m -XX:MaxNewSize=192m -XX:MetaspaceSize=64m -XX:MaxHeapFreeRatio=40 -XX:MinHeapFreeRatio=10"


def ours(jar, raw, session, mode, java_opts=()):
    # -cp and the command line's main class: the same as -jar for framescope.jar, and works for benchmarks.jar too.
    java = ["java", *java_opts, "-cp", jar, "dev.framescope.cli.Main"]
    if mode == "json":
        return java + ["dissect", "--json", "--from", "server", "--file", raw]
    if mode == "table":
        return java + ["dissect", "--from", "server", "--file", raw]
    if mode == "inspect":
        return java + ["inspect", session]
    if mode == "pcapng":
        return java + ["export", session, "--to", "pcapng", "--out", "/dev/null"]
    return java + ["export", session, "--to", "json", "--out", "/dev/null"]


def tshark(pcap, mode):
    if mode == "pcapng":
        return ["tshark", "-r", pcap, "-F", "pcapng", "-w", "/dev/null"]
    if mode in ("json", "export"):
        return ["tshark", "-r", pcap, "-T", "json"]
    cmd = ["tshark", "-r", pcap, "-Y", "websocket", "-T", "fields"]
    for field in (INSPECT_FIELDS if mode == "inspect" else TSHARK_FIELDS):
        cmd += ["-e", field]
    return cmd


def commands(jars, raw, pcap, session, mode, java_opts=()):
    """Each jar of ours, then tshark."""
    return [ours(jar, raw, session, mode, java_opts) for jar in jars] + [tshark(pcap, mode)]


def rounds(cmds, n):
    """n rounds, ours and tshark alternating within each round so both see the same load."""
    times = [[] for _ in cmds]
    for _ in range(n):
        for i, cmd in enumerate(cmds):
            times[i].append(timed(cmd))
    return times


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--jar", default="target/framescope.jar")
    parser.add_argument("--before-jar", help="an older build of ours, timed in the same rounds (the 'before')")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sizes", default="16:2000000,1024:200000,65536:3000",
                        help="payload:frames pairs (default %(default)s)")
    parser.add_argument("--modes", default="json,table,inspect,export,pcapng")
    parser.add_argument("--java-opts", default=LAUNCHER_OPTS,
                        help="JVM options for ours (default: the installed launcher's, %(default)s; '' for none)")
    parser.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                        help="which seconds the ratio uses (both are printed)")
    parser.add_argument("--marginal", action="store_true",
                        help="also time every size at half its frames, in the same rounds, and add the marginal "
                             "ratio: (time at N - time at N/2) per N/2 frames, which removes every fixed cost of a "
                             "run (start-up, JIT compilation, tshark's set-up) for both tools alike")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="bench-vs-tshark-")
    try:
        run_all(args, work)
    finally:
        shutil.rmtree(work)


LABELS = {"json": "dissect --json / -T json", "table": "dissect / -T fields",
          "inspect": "inspect / -T fields", "export": "export --to json / -T json",
          "pcapng": "export --to pcapng / -w pcapng"}


def convert(jar, pcap, session):
    subprocess.run(["java", "-cp", jar, "dev.framescope.cli.Main", "convert", pcap, session],
                   stdout=subprocess.DEVNULL, check=True)


def run_all(args, work):
    jars = [args.jar] + ([args.before_jar] if args.before_jar else [])
    names = ["ours"] + (["before"] if args.before_jar else [])
    clock = 0 if args.clock == "wall" else 1
    opts = args.java_opts.split()
    print(f"load average at start: {os.getloadavg()[0]:.1f}; ratio by {args.clock} seconds; "
          f"{args.rounds} rounds; ours with JVM options '{args.java_opts}'", flush=True)
    head = "| output | payload | frames | " + " | ".join(f"{n} s wall / cpu" for n in names + ["tshark"])
    if args.marginal:
        head += " | " + " | ".join(f"{n} s at N/2 ({args.clock})" for n in names + ["tshark"])
    head += " | start-up " + " / ".join(names + ["tshark"]) + " s | " \
        + " | ".join(f"{n} frames/s" for n in names + ["tshark"]) + " | " \
        + " | ".join(f"{n} ÷ tshark (range)" for n in names)
    if args.marginal:
        head += " | " + " | ".join(f"{n} ÷ tshark marginal (range)" for n in names)
    print(head + " | load |")
    extra = len(jars) + 1 if args.marginal else 0
    print("|---|---:|---:|" + "---:|" * (len(jars) + 1 + extra) + "---:|" * (len(jars) + 2)
          + "---|" * (len(jars) * (2 if args.marginal else 1)) + "---:|")
    raw1, pcap1 = write_streams(work, "startup", 1, 16)
    session1 = os.path.join(work, "startup.fscap")
    convert(args.jar, pcap1, session1)
    streams = {}
    for mode in args.modes.split(","):
        start = rounds(commands(jars, raw1, pcap1, session1, mode, opts), args.rounds)
        # The least start-up seen: a load spike in one round would otherwise inflate every throughput after it.
        starts = [min(t[clock] for t in runs) for runs in start]
        for pair in args.sizes.split(","):
            size, count = (int(x) for x in pair.split(":"))
            if pair not in streams:
                raw, pcap = write_streams(work, f"s{size}x{count}", count, size)
                session = os.path.join(work, f"s{size}x{count}.fscap")
                convert(args.jar, pcap, session)
                streams[pair] = raw, pcap, session
            raw, pcap, session = streams[pair]
            cmds = commands(jars, raw, pcap, session, mode, opts)
            if args.marginal:
                half = count // 2
                key = f"{size}:{half}"
                if key not in streams:
                    hraw, hpcap = write_streams(work, f"s{size}x{half}", half, size)
                    hsession = os.path.join(work, f"s{size}x{half}.fscap")
                    convert(args.jar, hpcap, hsession)
                    streams[key] = hraw, hpcap, hsession
                cmds += commands(jars, *streams[key], mode, opts)
            both = rounds(cmds, args.rounds)
            t, halves = both[:len(jars) + 1], both[len(jars) + 1:]
            net = lambda x, s: max(x - s, 1e-3)
            medians = [(statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)) for runs in t]
            rates = [count / net(m[clock], s) for m, s in zip(medians, starts)]
            cells = [f"{m[0]:.2f} / {m[1]:.2f}" for m in medians]
            ratios = []
            for i in range(len(jars)):
                per_round = [net(b[clock], starts[-1]) / net(a[clock], starts[i]) for a, b in zip(t[i], t[-1])]
                ratios.append(f"{rates[i] / rates[-1]:.1f}× ({min(per_round):.1f}–{max(per_round):.1f})")
            if args.marginal:
                # Per tool: median time at N minus median time at N/2; per round the same difference, paired.
                hmed = [statistics.median(r[clock] for r in runs) for runs in halves]
                marg = [max(m[clock] - h, 1e-3) for m, h in zip(medians, hmed)]
                for i in range(len(jars)):
                    per_round = [max(tb[clock] - hb[clock], 1e-3) / max(ta[clock] - ha[clock], 1e-3)
                                 for ta, ha, tb, hb in zip(t[i], halves[i], t[-1], halves[-1])]
                    ratios.append(f"{marg[-1] / marg[i]:.1f}× ({min(per_round):.1f}–{max(per_round):.1f})")
                cells += [f"{h:.2f}" for h in hmed]
            print(f"| {LABELS[mode]} | {size} | {count:,} | " + " | ".join(cells) + " | "
                  + " / ".join(f"{s:.2f}" for s in starts) + " | " + " | ".join(f"{r:,.0f}" for r in rates)
                  + " | " + " | ".join(ratios) + f" | {os.getloadavg()[0]:.1f} |", flush=True)

if __name__ == "__main__":
    sys.exit(main())
