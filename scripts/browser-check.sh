#!/usr/bin/env bash
# The proxy's browser check, outside the test suite: headless Chromium runs a page that opens a WebSocket to the
# built-in demo endpoint's /compressed scenario, through `framescope proxy` (loopback upstreams only: Chromium sends
# its own background requests through any proxy, and these are refused before any lookup). The session the proxy
# writes must hold the page's messages both ways, Chromium's masks and its permessage-deflate offer.
# `mvn verify` runs it after the unit tests, on the jar just packaged (BrowserCheckIT, maven-failsafe-plugin);
# ChromiumProxyTest covers ws and wss with the local CA among the unit tests.
# Usage: scripts/browser-check.sh   (builds target/framescope.jar when missing)
#        FRAMESCOPE_JAR=path/to/framescope.jar scripts/browser-check.sh   (that jar, never a build)
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -n "${FRAMESCOPE_JAR:-}" ]; then
  jar=$FRAMESCOPE_JAR
  [ -f "$jar" ] || { echo "browser-check: FRAMESCOPE_JAR=$jar does not exist" >&2; exit 1; }
else
  jar=target/framescope.jar
  [ -f "$jar" ] || mvn -q -B -DskipTests package
fi
echo "browser-check: using $jar"
chromium=$(command -v chromium || command -v google-chrome || true)
if [ -z "$chromium" ]; then
  echo "browser-check: chromium is missing (Debian: apt-get install -y --no-install-recommends chromium)" >&2
  exit 1
fi
work=$(mktemp -d)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  [ -n "${KEEP:-}" ] && { echo "kept $work"; return; }
  rm -rf "$work" 2>/dev/null || true
}
trap cleanup EXIT

await_line() { # FILE REGEX: prints the first match, waiting up to 30 s
  for _ in $(seq 300); do
    if grep -qE "$2" "$1" 2>/dev/null; then grep -oE "$2" "$1" | head -1; return 0; fi
    sleep 0.1
  done
  echo "browser-check: timed out waiting for '$2' in $1:" >&2; cat "$1" >&2; return 1
}

java -jar "$jar" demo-server --port 0 >"$work/demo.log" 2>&1 & pids+=($!)
demo=$(await_line "$work/demo.log" 'ws://127\.0\.0\.1:[0-9]+')
java -jar "$jar" --config-dir="$work/config" proxy --listen 127.0.0.1:0 --upstream-allow 127.0.0.0/8,::1 \
  --connections 1 --duration 60s --out "$work/browser.fscap" >"$work/proxy.log" 2>&1 & proxy_pid=$!; pids+=($proxy_pid)
port=$(await_line "$work/proxy.log" 'listening on 127\.0\.0\.1:[0-9]+' | grep -oE '[0-9]+$')

page="<script>const ws = new WebSocket('$demo/compressed'); let n = 0;
ws.onopen = () => ws.send('hello from chromium ' + 'x'.repeat(200));
ws.onmessage = () => { if (++n === 2) ws.close(4000, 'page done'); };</script>"
"$chromium" --headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
  --disable-component-update --disable-sync --disable-default-apps --user-data-dir="$work/profile" \
  --proxy-server="http://127.0.0.1:$port" --proxy-bypass-list='<-loopback>' "data:text/html,$page" \
  >"$work/chromium.log" 2>&1 & pids+=($!)

if ! wait "$proxy_pid"; then
  echo "browser-check: the proxy failed:" >&2; cat "$work/proxy.log" >&2; exit 1
fi
java -jar "$jar" inspect "$work/browser.fscap" >"$work/inspect.txt"
fail=0
check() { # WHAT REGEX
  if grep -qE "$2" "$work/inspect.txt" "$work/proxy.log"; then echo "ok   $1"; else echo "FAIL $1" >&2; fail=1; fi
}
check "one WebSocket recorded" '1 WebSocket connection\(s\) recorded'
check "Chromium's deflate offer" 'permessage-deflate; client_max_window_bits'
check "the page's message, inflated" 'hello from chromium x'
check "masked client frames" '→ +TEXT +F 1.. M'
check "server messages" '←'
check "the page's close 4000" '4000'
if [ "$fail" -ne 0 ]; then
  echo "--- proxy" >&2; cat "$work/proxy.log" >&2; echo "--- inspect" >&2; cat "$work/inspect.txt" >&2; exit 1
fi
echo "browser-check: passed"
