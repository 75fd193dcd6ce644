#!/usr/bin/env bash
# Runs one of the tools module's programs: bin/.tool <tool> [flags]. Builds the tools jar first when it is
# missing. JAVA_OPTS reaches the JVM.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
jar="$root/tools/target/nsq-tools.jar"
if [ ! -f "$jar" ] || [ ! -d "$root/tools/target/lib" ]; then
  echo "building the tools (once): ./mvnw -q -pl tools -am package -DskipTests" >&2
  (cd "$root" && ./mvnw -B -q -pl tools -am package -DskipTests) >&2
fi
# a small heap: these are clients; the benchmark raises it through JAVA_OPTS when it needs to
exec java -Xmx256m ${JAVA_OPTS:-} -cp "$jar:$root/tools/target/lib/*" io.nsqj.tools.ToolsMain "$@"
