#!/usr/bin/env bash
# Builds the Linux app image and .deb with the JDK's jpackage:
#   - a jlinked runtime with the JDK modules the app needs and the JavaFX modules from the Maven jars,
#   - the shaded framescope.jar as the application, dev.framescope.ui.Launcher as its main class,
#   - icon, desktop entry (menu group Development), file association for .fscap session files,
#   - dependency on libgtk-3-0 (JavaFX's glass toolkit on Linux).
# Needs JDK 17 (jpackage, jlink), fakeroot and dpkg. Output: target/installer/.
set -euo pipefail
cd "$(dirname "$0")/../.."
version="${VERSION:-1.0.0}"
mvn -B -ntp -q -DskipTests package
fx="$HOME/.m2/repository/org/openjfx"
fxv=21.0.11
modpath=""
for m in base graphics controls fxml; do
  modpath="$modpath:$fx/javafx-$m/$fxv/javafx-$m-$fxv-linux.jar"
done
rm -rf target/runtime target/pkg target/installer
jlink --module-path "${modpath#:}" \
  --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,javafx.base,javafx.graphics,javafx.controls,javafx.fxml \
  --strip-debug --no-header-files --no-man-pages --compress=2 --output target/runtime
mkdir -p target/pkg
cp target/framescope.jar target/pkg/
jpackage --type "${TYPE:-deb}" --name framescope --app-version "$version" --vendor "Framescope" \
  --description "Frame-exact WebSocket inspector" \
  --input target/pkg --main-jar framescope.jar --main-class dev.framescope.ui.Launcher \
  --runtime-image target/runtime --icon packaging/linux/framescope.png \
  --file-associations packaging/linux/fscap.properties \
  --linux-package-name framescope --linux-deb-maintainer "framescope@example.invalid" \
  --linux-menu-group Development --linux-app-category devel --linux-package-deps libgtk-3-0 \
  --java-options "-Dprism.order=es2,sw" \
  --dest target/installer
ls -la target/installer
