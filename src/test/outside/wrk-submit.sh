#!/usr/bin/env bash
# HTTP submission measured from outside with wrk (issue 17; docs/performance.md, "Submission as users do it").
# Starts one API-only replica (workers off) on a fresh database of an external PostgreSQL, defines the
# one-Task workflow `wrk-echo`, then runs wrk against POST /v1/executions (one start per request) and
# POST /v1/executions/batch (1,000 per request). With WORKER=1 a second replica with workers on drains
# the same database meanwhile. Prints wrk's report, wrk's own CPU time and the executions counted in
# the database afterwards. With SECURITY=1 authentication is on: every request carries an operator API key
# (made through POST /v1/api-keys with a bootstrap key), checked from the key cache and audited.
#
#   src/test/outside/run.sh                        # Debian PostgreSQL at 127.0.0.1:5432, postgres/postgres
#   CONNS=16 SECONDS_PER_RUN=30 RUNS=3 WORKER=1 src/test/outside/run.sh
#
# Needs: wrk (Debian package), psql, a built jar (./mvnw -o -q package -DskipTests), JDK 21+.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source src/test/outside/common.sh
DB=${DB:-stepwise_wrk}
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-30}
RUNS=${RUNS:-3}
WORKER=${WORKER:-0}
SECURITY=${SECURITY:-0}
BOOTSTRAP=wrk-bootstrap-key-0123456789abcdef0123
SCRIPTS=${SCRIPTS:-"start batch"}
API_PORT=8181 WORKER_PORT=8182
JAR=$(ls target/stepwise-*.jar | head -1)
LOGS=target/outside; mkdir -p "$LOGS"

fresh_database "$DB"
common=(--spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER"
        --spring.datasource.password="$PGPASSWORD" --logging.level.root=WARN)
if [ "$SECURITY" = 1 ]; then
  common+=(--stepwise.security.enabled=true --stepwise.security.bootstrap-key=$BOOTSTRAP)
else
  common+=(--stepwise.security.enabled=false)
fi
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
"$JAVA" -jar "$JAR" "${common[@]}" --server.port=$API_PORT --stepwise.worker.enabled=false > "$LOGS/api.log" 2>&1 &
pids+=($!)
if [ "$WORKER" = 1 ]; then
  "$JAVA" -jar "$JAR" "${common[@]}" --server.port=$WORKER_PORT > "$LOGS/worker.log" 2>&1 &
  pids+=($!)
fi
for port in $API_PORT $([ "$WORKER" = 1 ] && echo $WORKER_PORT); do
  await_health "$port"
done
auth=(); wrk_auth=()
if [ "$SECURITY" = 1 ]; then
  auth=(-H "Authorization: Bearer $BOOTSTRAP")
  key=$(curl -sf -X POST "localhost:$API_PORT/v1/api-keys" "${auth[@]}" -H 'Content-Type: application/json' \
    -d '{"name": "wrk", "role": "operator"}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])')
  wrk_auth=(-H "Authorization: Bearer $key")
fi
define_echo "$API_PORT" wrk-echo "${auth[@]}"

for script in $SCRIPTS; do
  per=$([ "$script" = batch ] && echo 1000 || echo 1)
  echo "## $script.lua, $CONNS connections, $THREADS wrk threads, worker replica: $WORKER, security: $SECURITY"
  wrk -t"$THREADS" -c"$CONNS" --timeout 10s "${wrk_auth[@]}" -d10s -s "src/test/outside/$script.lua" "http://127.0.0.1:$API_PORT" > /dev/null  # warm-up, discarded
  for run in $(seq 1 "$RUNS"); do
    out=$( { /usr/bin/time -f "wrk cpu: %U user + %S sys seconds" \
      wrk -t"$THREADS" -c"$CONNS" --timeout 10s "${wrk_auth[@]}" -d"${SECONDS_PER_RUN}s" --latency -s "src/test/outside/$script.lua" "http://127.0.0.1:$API_PORT"; } 2>&1 )
    rps=$(echo "$out" | awk '/^Requests\/sec/ {print $2}')
    echo "$out" | grep -E "Latency|50%|99%|Requests/sec|errors|wrk cpu" | sed 's/^/    /'
    echo "run $run: $(awk -v r="$rps" -v p="$per" 'BEGIN {printf "%.0f", r * p}') starts/s"
  done
done
echo "executions in the database: $(psql -tA -d "$DB" -c 'SELECT count(*) FROM execution')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
