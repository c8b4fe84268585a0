#!/usr/bin/env bash
# The HTML report's screenshot, assets/probe-report.png: the probe against the built-in demo's /echo, then its
# index.html in headless Chromium (docs/probe.md).
#
#   scripts/probe-report-shot.sh
#
# Needs: java, chromium. Builds target/framescope.jar first when it is missing (SKIP_BUILD=1 to forbid that).
set -euo pipefail

cd "$(dirname "$0")/.."
jar=target/framescope.jar

for tool in chromium java; do
  command -v "$tool" >/dev/null || { echo "missing $tool: apt-get install -y chromium" >&2; exit 1; }
done
if [[ ! -f "$jar" ]]; then
  [[ "${SKIP_BUILD:-0}" == 1 ]] && { echo "$jar missing and SKIP_BUILD=1" >&2; exit 1; }
  mvn -B -ntp -q package -DskipTests
fi

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# Exit code 1 is expected: the demo's server echoes an unmasked client frame, so 20.3.1 FAILS (the shot shows it).
status=0
java -jar "$jar" probe demo:/echo --cases '1.1.*,2.*,3.*,6.3.*,20.3.*' --report "$out/report" --agent demo-echo \
  >"$out/probe.txt" 2>&1 || status=$?
if [[ "$status" -gt 1 || ! -f "$out/report/index.html" ]]; then
  cat "$out/probe.txt" >&2
  exit 1
fi

chromium --headless --no-sandbox --disable-gpu --hide-scrollbars --window-size=1280,1400 \
  --screenshot="$PWD/assets/probe-report.png" "file://$out/report/index.html" >"$out/chromium.txt" 2>&1 || {
  cat "$out/chromium.txt" >&2
  exit 1
}
echo "assets/probe-report.png"
