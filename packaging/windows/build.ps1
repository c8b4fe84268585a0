# Builds Framescope's .msi on Windows with JDK 17's jpackage (needs the WiX Toolset 3.x on PATH) and Maven.
# Run from the repository root:  powershell -File packaging\windows\build.ps1
$ErrorActionPreference = "Stop"
# "Stop" covers cmdlets only: a failing mvn, jlink or jpackage must end the script too.
function Check { if ($LASTEXITCODE -ne 0) { throw "failed with exit code $LASTEXITCODE" } }
# VERSION (default 1.0.0) is the package's version and what `framescope --version` reports.
$version = if ($env:VERSION) { $env:VERSION } else { "1.0.0" }
mvn -B -ntp -q -DskipTests "-Drelease.version=$version" package; Check
$fx = "$env:USERPROFILE\.m2\repository\org\openjfx"
$v = "21.0.11"
# The openjfx parent POM picks the "win" classifier on Windows.
$mp = (@("base","graphics","controls") | ForEach-Object { "$fx\javafx-$_\$v\javafx-$_-$v-win.jar" }) -join ";"
Remove-Item -Recurse -Force target\runtime, target\pkg, target\installer -ErrorAction SilentlyContinue
jlink --module-path $mp --add-modules java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.scripting,java.sql,java.xml,jdk.crypto.ec,jdk.unsupported,jdk.zipfs,javafx.base,javafx.graphics,javafx.controls --strip-debug --no-header-files --no-man-pages --compress=2 --output target\runtime; Check
New-Item -ItemType Directory target\pkg | Out-Null
Copy-Item target\framescope.jar target\pkg\
jpackage --type msi --name Framescope --app-version $version --vendor Framescope --description "Frame-exact WebSocket inspector" `
  --input target\pkg --main-jar framescope.jar --main-class dev.framescope.ui.Launcher --runtime-image target\runtime `
  --icon packaging\windows\framescope.ico --file-associations packaging\windows\fscap.properties `
  --java-options "-XX:+UseParallelGC -Xms64m -XX:MaxNewSize=192m -XX:MetaspaceSize=64m -XX:MaxHeapFreeRatio=40 -XX:MinHeapFreeRatio=10" `
  --win-menu --win-menu-group Framescope --win-shortcut --win-dir-chooser --dest target\installer; Check
