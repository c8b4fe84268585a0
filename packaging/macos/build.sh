#!/usr/bin/env bash
# Builds Framescope's .dmg on macOS with JDK 17's jpackage and Maven. Run from the repository root:
#   bash packaging/macos/build.sh
# The icon is an .icns, made here from packaging/linux/framescope.png with sips and iconutil when it is missing.
# VERSION (default 1.0.0) is the package's version and what `framescope --version` reports.
set -euo pipefail
version="${VERSION:-1.0.0}"
if [ ! -f packaging/macos/framescope.icns ]; then
  set_dir=target/framescope.iconset
  mkdir -p "$set_dir"
  for s in 16 32 128 256 512; do
    sips -z $s $s packaging/linux/framescope.png --out "$set_dir/icon_${s}x${s}.png" >/dev/null
    sips -z $((s * 2)) $((s * 2)) packaging/linux/framescope.png --out "$set_dir/icon_${s}x${s}@2x.png" >/dev/null
  done
  iconutil -c icns "$set_dir" -o packaging/macos/framescope.icns
fi
mvn -B -ntp -q -DskipTests -Drelease.version="$version" package
fx="$HOME/.m2/repository/org/openjfx"; v=21.0.11
arch=$([ "$(uname -m)" = arm64 ] && echo mac-aarch64 || echo mac)
modpath=$(for m in base graphics controls; do printf '%s:' "$fx/javafx-$m/$v/javafx-$m-$v-$arch.jar"; done)
rm -rf target/runtime target/pkg target/installer
jlink --module-path "${modpath%:}" --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,javafx.base,javafx.graphics,javafx.controls \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output target/runtime
mkdir -p target/pkg && cp target/framescope.jar target/pkg/
jpackage --type dmg --name Framescope --app-version "$version" --vendor Framescope \
  --input target/pkg --main-jar framescope.jar --main-class dev.framescope.ui.Launcher --runtime-image target/runtime \
  --icon packaging/macos/framescope.icns --file-associations packaging/macos/fscap.properties \
  --java-options "-XX:+UseParallelGC -Xms64m -XX:MaxNewSize=192m -XX:MetaspaceSize=64m -XX:MaxHeapFreeRatio=40 -XX:MinHeapFreeRatio=10" \
  --mac-package-identifier dev.framescope.app --mac-package-name Framescope --dest target/installer
