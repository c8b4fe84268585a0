#!/usr/bin/env bash
# Builds Framescope's .dmg on macOS with JDK 17's jpackage and Maven. Run from the repository root:
#   bash packaging/macos/build.sh
# The icon must be an .icns: make it from packaging/linux/framescope.png with `iconutil` (see README) first.
set -euo pipefail
mvn -B -ntp -q -DskipTests package
fx="$HOME/.m2/repository/org/openjfx"; v=21.0.11
arch=$([ "$(uname -m)" = arm64 ] && echo mac-aarch64 || echo mac)
modpath=$(for m in base graphics controls fxml; do printf '%s:' "$fx/javafx-$m/$v/javafx-$m-$v-$arch.jar"; done)
rm -rf target/runtime target/pkg target/installer
jlink --module-path "${modpath%:}" --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,javafx.base,javafx.graphics,javafx.controls,javafx.fxml \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output target/runtime
mkdir -p target/pkg && cp target/framescope.jar target/pkg/
jpackage --type dmg --name Framescope --app-version 1.0.0 --vendor Framescope \
  --input target/pkg --main-jar framescope.jar --main-class dev.framescope.ui.Launcher --runtime-image target/runtime \
  --icon packaging/macos/framescope.icns --file-associations packaging/macos/fscap.properties \
  --java-options "-XX:+UseParallelGC" \
  --mac-package-identifier dev.framescope.app --mac-package-name Framescope --dest target/installer
