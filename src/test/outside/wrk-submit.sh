#!/usr/bin/env bash
# HTTP submission measured from outside with wrk (issue 17; docs/performance.md, "Submission as users do it").
# Starts one API-only replica (workers off) on a fresh database of an external PostgreSQL, defines the
# one-Task workflow `wrk-echo`, then runs wrk against POST /v1/executions (one start per request) and
# POST /v1/executions/batch (1,000 per request). With WORKER=1 a second replica with workers on drains
# the same database meanwhile. Prints wrk's report, wrk's own CPU time and the executions counted in
# the database afterwards.
#
#   src/test/outside/run.sh                        # Debian PostgreSQL at 127.0.0.1:5432, postgres/postgres
#   CONNS=16 SECONDS_PER_RUN=30 RUNS=3 WORKER=1 src/test/outside/run.sh
#
# Needs: wrk (Debian package), psql, a built jar (./mvnw -o -q package -DskipTests), JDK 21+.
set -euo pipefail
cd "$(dirname "$0")/../../.."
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
export PGHOST PGPORT PGUSER PGPASSWORD
DB=${DB:-stepwise_wrk}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-30}
RUNS=${RUNS:-3}
WORKER=${WORKER:-0}
SCRIPTS=${SCRIPTS:-"start batch"}
API_PORT=8181 WORKER_PORT=8182
JAR=$(ls target/stepwise-*.jar | head -1)
LOGS=target/outside; mkdir -p "$LOGS"

psql -q -d postgres -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "CREATE DATABASE $DB"
common=(--spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER"
        --spring.datasource.password="$PGPASSWORD" --stepwise.security.enabled=false --logging.level.root=WARN)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
"$JAVA" -jar "$JAR" "${common[@]}" --server.port=$API_PORT --stepwise.worker.enabled=false > "$LOGS/api.log" 2>&1 &
pids+=($!)
if [ "$WORKER" = 1 ]; then
  "$JAVA" -jar "$JAR" "${common[@]}" --server.port=$WORKER_PORT > "$LOGS/worker.log" 2>&1 &
  pids+=($!)
fi
for port in $API_PORT $([ "$WORKER" = 1 ] && echo $WORKER_PORT); do
  for _ in $(seq 1 120); do curl -sf "localhost:$port/actuator/health" > /dev/null && break; sleep 1; done
done
curl -sf -X PUT "localhost:$API_PORT/v1/state-machines/wrk-echo" -H 'Content-Type: application/json' \
  -d '{"definition":{"StartAt":"Echo","States":{"Echo":{"Type":"Task","Resource":"stepwise:echo","End":true}}}}' > /dev/null

for script in $SCRIPTS; do
  per=$([ "$script" = batch ] && echo 1000 || echo 1)
  echo "## $script.lua, $CONNS connections, $THREADS wrk threads, worker replica: $WORKER"
  wrk -t"$THREADS" -c"$CONNS" --timeout 10s -d10s -s "src/test/outside/$script.lua" "http://127.0.0.1:$API_PORT" > /dev/null  # warm-up, discarded
  for run in $(seq 1 "$RUNS"); do
    out=$( { /usr/bin/time -f "wrk cpu: %U user + %S sys seconds" \
      wrk -t"$THREADS" -c"$CONNS" --timeout 10s -d"${SECONDS_PER_RUN}s" --latency -s "src/test/outside/$script.lua" "http://127.0.0.1:$API_PORT"; } 2>&1 )
    rps=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
    echo "$out" | grep -E "Latency|50%|99%|Requests/sec|errors|wrk cpu" | sed 's/^/    /'
    echo "run $run: $(awk -v r="$rps" -v p="$per" 'BEGIN {printf "%.0f", r * p}') starts/s"
  done
done
echo "executions in the database: $(psql -tA -d "$DB" -c 'SELECT count(*) FROM execution')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
