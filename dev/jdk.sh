# Sourced by .ci/run and dev/local-stack/run: makes JAVA_HOME point at a JDK 21 or newer.
# Keeps a JAVA_HOME that already qualifies, then tries `java` on the PATH, then the JDKs under /usr/lib/jvm
# and ~/.sdkman. Fails with a clear message when there is none.

java_major() {
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | head -n 1 | cut -d. -f1
}

select_jdk() {
  local candidate major
  for candidate in "${JAVA_HOME:+$JAVA_HOME/bin/java}" "$(command -v java 2>/dev/null)" \
                   /usr/lib/jvm/*/bin/java "$HOME"/.sdkman/candidates/java/*/bin/java; do
    [ -n "$candidate" ] && [ -x "$candidate" ] || continue
    major=$(java_major "$candidate")
    if [ -n "$major" ] && [ "$major" -ge 21 ] 2>/dev/null; then
      JAVA_HOME=$(cd "$(dirname "$(readlink -f "$candidate")")/.." && pwd)
      export JAVA_HOME
      export PATH="$JAVA_HOME/bin:$PATH"
      return 0
    fi
  done
  echo "ticketpay needs a JDK 21 or newer; none found (set JAVA_HOME to one)." >&2
  return 1
}

select_jdk
