#!/usr/bin/env bash
# Builds the Linux app image and .deb with the JDK's jpackage:
#   - a jlinked runtime with the JDK modules the app needs and the JavaFX modules from the Maven jars,
#   - the shaded framescope.jar as the application, dev.framescope.ui.Launcher as its main class,
#   - icon, desktop entry (menu group Development), file association for .fscap session files,
#   - our own control / postinst / prerm / postrm / desktop entry from packaging/linux/resources: jpackage's control
#     would depend on xdg-utils and on what `ldd` finds on THIS machine for the JDK's libraries only (not JavaFX's,
#     which sit inside the jars), and its postinst fails the install where `xdg-desktop-menu` finds no menu directory
#     (a clean Debian 12). resources/control's Depends lists exactly the Debian packages whose libraries the JDK's
#     and JavaFX's native code link to (readelf -d NEEDED of every .so), libgl1 and libgtk-3-0 among them; the t64
#     alternatives are the names after Debian 13 / Ubuntu 24.04's 64-bit time_t rename (not tried here),
#   - launched with the parallel GC (G1's pauses and ZGC's concurrent threads starved the FX thread on two cores),
#     its young generation capped at 192 MB and a 64 MB initial heap (the command line's RSS), and prism es2, then
#     software,
#   - a class-data-sharing archive for a faster cold start: the runtime gets the JDK's default CDS archive
#     (jlink --generate-cds-archive), and the app image an AppCDS archive of the classes one start of the window
#     loads (lib/app/framescope.jsa, made by a training run under Xvfb, -XX:ArchiveClassesAtExit), used through
#     -XX:SharedArchiveFile in the launcher's options. Skipped, with a note, when Xvfb is missing (CDS=0 skips it).
#     The .deb does not carry it (made at this path, it would not fit /opt/framescope).
# Needs JDK 17 (jpackage, jlink), fakeroot and dpkg. Output: target/installer/.
# packaging/linux/clean-install-test.sh installs the result on a fresh debootstrapped Debian 12 and starts it.
set -euo pipefail
cd "$(dirname "$0")/../.."
version="${VERSION:-1.0.0}"
# release.version: what the jar answers to `framescope --version` (pom.xml), the same as the package's.
mvn -B -ntp -q -DskipTests -Drelease.version="$version" package
fx="$HOME/.m2/repository/org/openjfx"
fxv=21.0.11
modpath=""
for m in base graphics controls; do
  modpath="$modpath:$fx/javafx-$m/$fxv/javafx-$m-$fxv-linux.jar"
done
rm -rf target/runtime target/pkg target/installer
jlink --module-path "${modpath#:}" \
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,javafx.base,javafx.graphics,javafx.controls \
  --strip-debug --no-header-files --no-man-pages --compress=2 --generate-cds-archive --output target/runtime
mkdir -p target/pkg
cp target/framescope.jar target/pkg/
type="${TYPE:-deb}"
# -Xms64m -XX:MaxNewSize=192m: the same launcher runs the command line; left alone, the parallel collector grows its
# young generation towards a third of the maximum heap (2 GB here) for a command that allocates fast, and
# `export --to json` of 718,270 frames took 2.1 GB RSS; with these, 292 MB (docs/benchmarks.md, bounded memory).
# 96 MB kept the command line lower still but raised the window's pulse p99 at 50,000 frames/s from 17-22 to 34-36 ms.
# -XX:MaxHeapFreeRatio=40 -XX:MinHeapFreeRatio=10: the heap follows what is live instead of growing to the young cap
# plus an old generation of promoted garbage; the window opening 1,000,000 frames peaked at 516-570 MB RSS without,
# 400-430 MB with, and `export --to json` of them at 307 MB without, 124-144 MB with (docs/benchmarks.md, opening a
# big file). -XX:MetaspaceSize=64m: the window's classes pass the default 21 MB threshold, which cost a young and a
# full collection during the first open or capture; about 27 MB are used.
java_options="-XX:+UseParallelGC -Xms64m -XX:MaxNewSize=192m -XX:MetaspaceSize=64m -XX:MaxHeapFreeRatio=40 -XX:MinHeapFreeRatio=10 -Dprism.order=es2,sw"
jpackage --type app-image --name framescope --app-version "$version" --vendor "Framescope" \
  --description "Frame-exact WebSocket inspector" \
  --input target/pkg --main-jar framescope.jar --main-class dev.framescope.ui.Launcher \
  --runtime-image target/runtime --icon packaging/linux/framescope.png \
  --java-options "$java_options" \
  --dest target/installer
if [ "$type" != app-image ]; then
  # Installer-only options: jpackage refuses them for an app image. The installer packs the app image above, without
  # the AppCDS archive: an archive only fits the path it was made at (the JVM warns on every start elsewhere), and
  # the installed image lives in /opt/framescope. Its runtime has the JDK's default archive (jlink above).
  jpackage --type "$type" --name framescope --app-version "$version" --vendor "Framescope" \
    --description "Frame-exact WebSocket inspector" --app-image target/installer/framescope \
    --icon packaging/linux/framescope.png \
    --file-associations packaging/linux/fscap.properties \
    --linux-package-name framescope --linux-deb-maintainer "framescope@example.invalid" \
    --linux-menu-group Development --linux-app-category devel \
    --resource-dir packaging/linux/resources \
    --dest target/installer
fi
if [ "${CDS:-1}" = 1 ]; then
  bash packaging/linux/cds-archive.sh target/installer/framescope
fi
ls -la target/installer
