# Sourced by Vigil's scripts: points JAVA_HOME at a JDK 21 or newer.
# Order: $VIGIL_JAVA_HOME, $JAVA_HOME, `java` on PATH, then /usr/lib/jvm/* (newest first).
vigil_java_major() { "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = \([0-9]*\).*/\1/p'; }
vigil_find_jdk() {
  local c
  for c in "${VIGIL_JAVA_HOME:-}" "${JAVA_HOME:-}" \
           "$(dirname "$(dirname "$(readlink -f "$(command -v javac 2>/dev/null || echo /nonexistent)")")")" \
           $(ls -d /usr/lib/jvm/*/ 2>/dev/null | sort -rV); do
    c="${c%/}"
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    local major; major=$(vigil_java_major "$c")
    if [ -n "$major" ] && [ "$major" -ge 21 ]; then echo "$c"; return 0; fi
  done
  return 1
}
if ! JAVA_HOME=$(vigil_find_jdk); then
  echo "vigil: no JDK 21 or newer found (looked at \$VIGIL_JAVA_HOME, \$JAVA_HOME, PATH and /usr/lib/jvm)." >&2
  echo "vigil: install one (for example a Temurin 21+ package) or set VIGIL_JAVA_HOME." >&2
  exit 2
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
# Netty's direct buffers use sun.misc.Unsafe; from JDK 25 Netty only does when the JVM is told that
# access is allowed (JEP 498), and JDK 21 and 22 do not know the option. Launchers add $VIGIL_UNSAFE_OPT.
VIGIL_UNSAFE_OPT=""
if [ "$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JAVA_HOME/release" 2>/dev/null || true)" -ge 23 ] 2>/dev/null; then
  VIGIL_UNSAFE_OPT="--sun-misc-unsafe-memory-access=allow"
fi
