#!/usr/bin/env bash
# Start-up and memory of the local stack (issue 11, point 7): starts the stack from its built jar ROUNDS times and
# prints, for each start, the seconds from launch until the infrastructure is up (PostgreSQL, Kafka, token issuer,
# databases, Stripe sandbox) and until "ticketpay is up"; after the last start, the memory of every process at rest
# (PSS, shared pages counted once, and RSS) from /proc/<pid>/smaps_rollup. The first start into an empty data
# directory records the AOT caches; later ones map them. Build first (dev/local-stack/run does, or
# ./mvnw -q -DskipTests install); stop any running stack. Env: ROUNDS (3), LOCAL_STACK_DATA (.local-stack),
# REST (s to wait before reading memory, 20), JAR (the launcher).
set -euo pipefail
cd "$(dirname "$0")/../.."
source dev/jdk.sh >/dev/null
ROUNDS=${ROUNDS:-3}; REST=${REST:-20}; export LOCAL_STACK_DATA=${LOCAL_STACK_DATA:-.local-stack}
JAR=${JAR:-$(ls dev/local-stack/target/local-stack-*-exec.jar)}
log=$(mktemp); trap 'rm -f "$log"' EXIT
for round in $(seq "$ROUNDS"); do
  : > "$log"; start=$(date +%s.%N)
  "$JAVA_HOME/bin/java" ${LAUNCHER_JVM_OPTIONS:--Xms64m -Xmx512m -XX:+UseSerialGC} -jar "$JAR" > "$log" 2>&1 &
  launcher=$!
  until grep -q "sandbox listening" "$log"; do kill -0 "$launcher" || { tail "$log"; exit 1; }; sleep 0.1; done
  infra=$(date +%s.%N)
  until grep -q "ticketpay is up" "$log"; do kill -0 "$launcher" || { tail "$log"; exit 1; }; sleep 0.2; done
  ready=$(date +%s.%N)
  echo "start $round: infrastructure $(echo "$infra - $start" | bc | cut -c1-5) s, ready $(echo "$ready - $start" | bc | cut -c1-5) s"
  if [ "$round" = "$ROUNDS" ]; then
    sleep "$REST"
    pss=0; rss=0
    for pid in "$launcher" $(pgrep -f -- '-exec.jar' | grep -vx "$launcher") $(pgrep -x postgres); do
      [ -r "/proc/$pid/smaps_rollup" ] || continue
      p=$(awk '/^Pss:/{print $2}' "/proc/$pid/smaps_rollup"); r=$(awk '/^Rss:/{print $2}' "/proc/$pid/smaps_rollup")
      pss=$((pss + p)); rss=$((rss + r))
      name=$(tr '\0' ' ' < "/proc/$pid/cmdline" | grep -o '[a-z-]*-[0-9.]*-SNAPSHOT-exec' | head -1 || true)
      [ "$pid" = "$launcher" ] && name=launcher
      [ -n "$name" ] && echo "  ${name%-*-SNAPSHOT-exec}: PSS $((p / 1024)) MB, RSS $((r / 1024)) MB"
    done
    echo "  all processes (with PostgreSQL's): PSS $((pss / 1024)) MB, RSS $((rss / 1024)) MB"
  fi
  kill -TERM "$launcher"; wait "$launcher" 2>/dev/null || true
done
