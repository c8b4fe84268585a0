#!/usr/bin/env bash
# Installs the Framescope .deb on a clean Debian 12 and starts it, as a user would on a fresh machine.
#
#   sudo bash packaging/linux/clean-install-test.sh [path/to/framescope_*.deb]
#
# What it does, each time from scratch (idempotent: it recreates its roots and leaves nothing mounted):
#   1. a minimal Debian 12 root (debootstrap --variant=minbase bookworm), made once and kept as a tarball in
#      $WORK/bookworm-minbase.tar (REFRESH=1 makes it again); downloaded packages are kept in $WORK/apt-archives,
#   2. root A: `dpkg -i framescope.deb` (fails on the missing dependencies, as it does on any clean machine), then
#      `apt-get -f install -y`, which must install them and configure framescope; checks `framescope` on PATH, the
#      desktop entry, the icon and the MIME type,
#   3. in root A, installs xvfb, x11-utils, xdotool and imagemagick (after framescope, so they cannot have supplied
#      one of its dependencies), starts Xvfb and launches `framescope` RUNS times (default 3), each a new process:
#      cold start = launch -> window mapped, and -> first painted frame (the window's capture is no longer uniform);
#      run 1 is the first launch after install (JavaFX unpacks its native libraries into ~/.openjfx/cache then).
#      Wall times depend on what else the machine runs: each line also gives the process's CPU time (user + system,
#      all threads) at the first painted frame and the load average, which say more on a shared machine.
#      The last run's screen, after SETTLE seconds of demo traffic, goes to $SHOT (assets/installed-deb-clean.png),
#   4. root B (SECOND=0 skips it): xdg-utils installed first, then `apt-get install -y ./framescope.deb`, then
#      `apt-get purge -y framescope`, checking that the launcher link, desktop entry and MIME file are gone,
#   5. prints the .deb size, its Installed-Size, `du -sh /opt/framescope`, the cold-start times and the screenshot path.
# Needs: root, debootstrap (installed with apt-get when missing), Debian's package mirror (MIRROR=... overrides
# debootstrap's default), ~1.5 GB under $WORK (default target/clean-root). Takes ~6-8 minutes the first time on 2 cores
# (debootstrap ~1 min, each root's apt installs ~1.5-2 min), ~4-5 minutes with the tarball and package cache in place.
# Not part of `mvn verify` (needs root and the network). Builds the .deb with packaging/linux/build.sh if it is missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
repo=$(pwd)

[[ $(id -u) == 0 ]] || { echo "run as root (debootstrap, chroot, mount)" >&2; exit 1; }
deb="${1:-$(ls target/installer/framescope_*_amd64.deb 2>/dev/null | head -1 || true)}"
if [[ -z "$deb" ]]; then
  bash packaging/linux/build.sh
  deb=$(ls target/installer/framescope_*_amd64.deb | head -1)
fi
deb=$(readlink -f "$deb")
WORK="${WORK:-$repo/target/clean-root}"
RUNS="${RUNS:-3}"
SETTLE="${SETTLE:-5}"
SECOND="${SECOND:-1}"
SHOT="${SHOT:-$repo/assets/installed-deb-clean.png}"
base="$WORK/bookworm-minbase.tar"
mkdir -p "$WORK/apt-archives/partial"
export DEBIAN_FRONTEND=noninteractive LC_ALL=C

log() { printf '\n== %s\n' "$*"; }

mounted_under() { awk -v p="$1/" 'index($2, p) == 1 { print $2 }' /proc/mounts | sort -r; }

unmount_root() {
  local r=$1 m
  for m in $(mounted_under "$r"); do umount "$m" 2>/dev/null || umount -l "$m"; done
  [[ -z "$(mounted_under "$r")" ]] || { echo "still mounted under $r; not deleting it" >&2; return 1; }
}

roots=()
cleanup() {
  local r
  for r in "${roots[@]}"; do
    # Processes the test started inside the root (Xvfb, framescope) are ended by the inner script; any left over
    # are found by their root directory, never by name.
    for p in /proc/[0-9]*; do
      [[ "$(readlink "$p/root" 2>/dev/null)" == "$r" ]] && kill "${p#/proc/}" 2>/dev/null || true
    done
    unmount_root "$r" || true
  done
}
trap cleanup EXIT

new_root() {  # new_root DIR: a fresh copy of the base system with /proc, /sys, /dev mounted and the apt cache shared
  local r=$1
  if [[ -e "$r" ]]; then unmount_root "$r"; rm -rf "$r"; fi
  mkdir -p "$r" && tar -C "$r" -xf "$base"
  cp /etc/resolv.conf "$r/etc/resolv.conf"
  mount -t proc proc "$r/proc"
  mount -t sysfs sysfs "$r/sys"
  mount --bind /dev "$r/dev"
  mount --bind /dev/pts "$r/dev/pts"
  mount -t tmpfs -o mode=1777 shm "$r/dev/shm"
  mount --bind "$WORK/apt-archives" "$r/var/cache/apt/archives"
  roots+=("$r")
  chroot "$r" apt-get update -q >/dev/null
}

in_root() { local r=$1; shift; chroot "$r" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LC_ALL=C \
  DEBIAN_FRONTEND=noninteractive "$@"; }

# 1. the base system
if [[ ! -f "$base" || "${REFRESH:-0}" == 1 ]]; then
  command -v debootstrap >/dev/null || apt-get install -y -q debootstrap >/dev/null
  log "debootstrap bookworm (minbase)"
  tmp="$WORK/debootstrap"
  unmount_root "$tmp" 2>/dev/null || true
  rm -rf "$tmp"
  debootstrap --variant=minbase bookworm "$tmp" ${MIRROR:+"$MIRROR"} >"$WORK/debootstrap.log" 2>&1 \
    || { tail -20 "$WORK/debootstrap.log" >&2; exit 1; }
  tar -C "$tmp" -cf "$base.part" . && mv "$base.part" "$base" && rm -rf "$tmp"
fi

# 2. root A: dpkg -i, then apt-get -f install
A="$WORK/root-a"
log "root A: fresh Debian $(tar -xOf "$base" ./etc/debian_version)"
new_root "$A"
cp "$deb" "$A/tmp/framescope.deb"
set +e
in_root "$A" dpkg -i /tmp/framescope.deb >"$WORK/a-dpkg-i.log" 2>&1
dpkg_rc=$?
set -e
echo "dpkg -i: exit $dpkg_rc ($(grep -c 'depends on' "$WORK/a-dpkg-i.log") unmet dependencies, as expected on a clean machine)"
in_root "$A" apt-get -f install -y -q >"$WORK/a-apt-f-install.log" 2>&1 \
  || { tail -30 "$WORK/a-apt-f-install.log" >&2; echo "apt-get -f install failed" >&2; exit 1; }
grep -E 'newly installed' "$WORK/a-apt-f-install.log" || true
sed -n '/Setting up framescope/,/^[A-Z][a-z]* up /p' "$WORK/a-apt-f-install.log" | grep -v '^Setting up [^f]' || true
status=$(in_root "$A" dpkg-query -W -f '${Status}' framescope)
[[ "$status" == "install ok installed" ]] || { echo "framescope is '$status'" >&2; exit 1; }
echo "framescope: $status"
check() { if [[ -e "$A$1" || -L "$A$1" ]]; then echo "  ok  $1"; else echo "  MISSING $1" >&2; exit 1; fi; }
check /usr/bin/framescope
check /usr/share/applications/framescope-framescope.desktop
check /usr/share/icons/hicolor/256x256/apps/framescope.png
check /usr/share/mime/packages/framescope-framescope-MimeInfo.xml
if [[ -f "$A/usr/share/mime/globs2" ]]; then
  grep -q 'x-framescope-session' "$A/usr/share/mime/globs2" && echo "  ok  *.fscap in the MIME database" \
    || echo "  note: *.fscap not in /usr/share/mime/globs2"
else
  echo "  note: no MIME database on this root (shared-mime-info not installed): the XML waits in /usr/share/mime/packages"
fi
in_root "$A" sh -c 'command -v framescope'
installed_size=$(in_root "$A" dpkg-query -W -f '${Installed-Size}' framescope)
du_opt=$(in_root "$A" du -sh /opt/framescope | cut -f1)

# 3. start it under Xvfb
log "root A: xvfb, x11-utils, xdotool, imagemagick"
in_root "$A" apt-get install -y -q --no-install-recommends xvfb x11-utils xdotool imagemagick >"$WORK/a-x11.log" 2>&1 \
  || { tail -20 "$WORK/a-x11.log" >&2; exit 1; }
cat >"$A/root/launch-test.sh" <<'EOF'
#!/bin/bash
# Runs inside root A: Xvfb, then framescope RUNS times; prints "run N: mapped X ms, painted Y ms".
set -u
runs=$1 settle=$2
export DISPLAY=:57
rm -rf /root/.openjfx /tmp/.X57-lock /tmp/.X11-unix/X57
Xvfb :57 -screen 0 1280x800x24 -nolisten tcp >/root/xvfb.log 2>&1 &
xvfb=$!
for _ in $(seq 100); do xwininfo -root >/dev/null 2>&1 && break; sleep 0.1; done
now() { date +%s%N; }
for run in $(seq "$runs"); do
  t0=$(now)
  framescope >"/root/framescope-run$run.log" 2>&1 &
  app=$!
  wid="" mapped="" painted="" cpu=""
  deadline=$(( t0 + 60000000000 ))
  while [[ -z "$wid" ]]; do
    wid=$(xdotool search --onlyvisible --name '^Framescope$' 2>/dev/null | head -1)
    [[ -n "$wid" ]] && mapped=$(( ($(now) - t0) / 1000000 )) && break
    kill -0 $app 2>/dev/null || { echo "run $run: framescope exited"; cat "/root/framescope-run$run.log"; break; }
    (( $(now) < deadline )) || { echo "run $run: no window in 60 s"; break; }
    sleep 0.01
  done
  while [[ -n "$wid" && -z "$painted" ]]; do
    sd=$(import -silent -window "$wid" -colorspace gray -format '%[fx:standard_deviation]' info: 2>/dev/null || echo 0)
    if awk -v s="$sd" 'BEGIN { exit !(s > 0.02) }'; then
      painted=$(( ($(now) - t0) / 1000000 ))
      cpu=$(awk -v hz="$(getconf CLK_TCK)" '{ print int(($14 + $15) * 1000 / hz) }' /proc/$app/stat)
    fi
    (( $(now) < deadline )) || { echo "run $run: window never painted"; break; }
  done
  echo "run $run: mapped ${mapped:-?} ms, painted ${painted:-?} ms (CPU time of the process by then: ${cpu:-?} ms; load average $(cut -d' ' -f1 /proc/loadavg))"
  if (( run == runs )); then
    sleep "$settle"
    import -silent -window root /root/installed-deb-clean.png
    xwininfo -root -tree | grep -i framescope | head -3
  fi
  # What the app logged before it was told to stop; after SIGTERM, JavaFX's renderer shutting down mid-pulse may log
  # a RejectedExecutionException or an NPE from GraphicsPipeline.getPipeline(): not the app's doing.
  grep -i -E 'exception|error' "/root/framescope-run$run.log" | sed "s/^/run $run log: /" | head -5
  kill $app 2>/dev/null; wait $app 2>/dev/null
done
kill $xvfb; wait $xvfb 2>/dev/null
exit 0
EOF
log "root A: framescope under Xvfb, $RUNS launches"
in_root "$A" bash /root/launch-test.sh "$RUNS" "$SETTLE" | tee "$WORK/a-launch.log"
mkdir -p "$(dirname "$SHOT")"
cp "$A/root/installed-deb-clean.png" "$SHOT"

# 4. root B: xdg-utils present, apt-get install ./deb, purge
if [[ "$SECOND" == 1 ]]; then
  B="$WORK/root-b"
  log "root B: xdg-utils, then apt-get install ./framescope.deb, then purge"
  new_root "$B"
  cp "$deb" "$B/tmp/framescope.deb"
  in_root "$B" apt-get install -y -q --no-install-recommends xdg-utils >"$WORK/b-xdg.log" 2>&1
  in_root "$B" apt-get install -y -q /tmp/framescope.deb >"$WORK/b-install.log" 2>&1 \
    || { tail -30 "$WORK/b-install.log" >&2; echo "apt-get install ./deb failed" >&2; exit 1; }
  grep -E 'newly installed' "$WORK/b-install.log" || true
  sed -n '/Setting up framescope/,$p' "$WORK/b-install.log" | head -5
  echo "framescope: $(in_root "$B" dpkg-query -W -f '${Status}' framescope)"
  for f in /usr/bin/framescope /usr/share/applications/framescope-framescope.desktop \
           /usr/share/mime/packages/framescope-framescope-MimeInfo.xml; do
    [[ -e "$B$f" || -L "$B$f" ]] && echo "  ok  $f" || { echo "  MISSING $f" >&2; exit 1; }
  done
  in_root "$B" apt-get purge -y -q framescope >"$WORK/b-purge.log" 2>&1 \
    || { tail -20 "$WORK/b-purge.log" >&2; echo "purge failed" >&2; exit 1; }
  left=$(cd "$B" && ls -d opt/framescope usr/bin/framescope usr/share/applications/framescope-framescope.desktop \
    usr/share/mime/packages/framescope-framescope-MimeInfo.xml usr/share/icons/hicolor/256x256/apps/framescope.png \
    2>/dev/null || true)
  [[ -z "$left" ]] && echo "purged: nothing left behind" || { echo "left after purge: $left" >&2; exit 1; }
fi

# 5. numbers
log "summary"
echo ".deb:            $(stat -c %s "$deb") bytes ($(du -h "$deb" | cut -f1)) $deb"
echo "Installed-Size:  ${installed_size} KiB; du -sh /opt/framescope: $du_opt"
grep '^run ' "$WORK/a-launch.log"
echo "screenshot:      $SHOT"
