#!/usr/bin/env bash
# A cold replica joining a backlog (issue 17; docs/performance.md, "Cold replicas"): one API-only replica
# (workers off) puts BACKLOG one-Task executions on a fresh database of an external PostgreSQL over
# POST /v1/executions/batch; then a new worker JVM starts on it, as a pod Kubernetes adds for lag. Timed:
# JVM start to first claimed step (the worker's own log line), and start to the whole backlog finished.
# Variants, alternated RUNS times: `plain` (java -jar) and `cds` (the class-data archive the image's
# training run makes, same command as the Dockerfile). The jar is laid out as the image lays it out.
#
#   src/test/outside/cold-replica.sh            # Debian PostgreSQL at 127.0.0.1:5432, postgres/postgres
#   BACKLOG=100000 RUNS=3 src/test/outside/cold-replica.sh
#
# Needs: psql, curl, a built jar (./mvnw -o -q package -DskipTests), JDK 21+.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source src/test/outside/common.sh
DB=${DB:-stepwise_cold}
BACKLOG=${BACKLOG:-100000}
RUNS=${RUNS:-3}
API_PORT=8181 WORKER_PORT=8182
OUT=target/outside; mkdir -p "$OUT"
now_ms() { date +%s%3N; }

# the image's layout and training run (Dockerfile), once
APP=$OUT/app
rm -rf "$APP" && "$JAVA" -Djarmode=tools -jar "$(ls target/stepwise-*.jar | head -1)" extract --layers \
  --application-filename stepwise.jar --destination "$OUT/extracted" --force > /dev/null
mkdir -p "$APP" && for layer in dependencies spring-boot-loader snapshot-dependencies application; do
  cp -r "$OUT/extracted/$layer/." "$APP/"; done
t=$(now_ms)
(cd "$APP" && "$JAVA" -XX:ArchiveClassesAtExit=stepwise.jsa -Dspring.context.exit=onRefresh \
  -Dspring.profiles.active=cds-training -jar stepwise.jar > ../training.log 2>&1)
echo "training run: $(( $(now_ms) - t )) ms, archive $(du -m "$APP/stepwise.jsa" | cut -f1) MB"

fresh_database "$DB"
common=(--spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER"
        --spring.datasource.password="$PGPASSWORD" --stepwise.security.enabled=false)
pids=()
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
"$JAVA" -jar "$APP/stepwise.jar" "${common[@]}" --server.port=$API_PORT --stepwise.worker.enabled=false > "$OUT/api.log" 2>&1 &
pids+=($!)
await_health "$API_PORT"
define_echo "$API_PORT" cold-echo
python3 -c 'import json; print(json.dumps({"executions": [{"stateMachine": "cold-echo", "input": {"n": i}} for i in range(1000)]}))' > "$OUT/batch.json"

finished() { psql -tA -d "$DB" -c "SELECT count(*) FROM execution WHERE status <> 'RUNNING'"; }
echo "| run | variant | JVM start to first claim, ms | start to $BACKLOG finished, s | drain after first claim, executions/s |"
echo "|---|---|---:|---:|---:|"
for run in $(seq 1 "$RUNS"); do
  for variant in plain cds; do
    for _ in $(seq 1 $((BACKLOG / 1000))); do
      curl -sf -X POST "localhost:$API_PORT/v1/executions/batch" -H 'Content-Type: application/json' --data-binary "@$OUT/batch.json" > /dev/null
    done
    target=$(( $(psql -tA -d "$DB" -c "SELECT count(*) FROM execution") ))
    archive=(); [ "$variant" = cds ] && archive=(-XX:SharedArchiveFile=stepwise.jsa)
    t0=$(now_ms)
    (cd "$APP" && exec "$JAVA" "${archive[@]}" -jar stepwise.jar "${common[@]}" --server.port=$WORKER_PORT) > "$OUT/worker-$variant-$run.log" 2>&1 &
    worker=$!; pids+=($worker)
    until [ "$(finished)" -ge "$target" ]; do sleep 0.1; done
    t1=$(now_ms)
    first=$(sed -nE 's/.*claimed its first steps ([0-9]+) ms after the JVM started.*/\1/p' "$OUT/worker-$variant-$run.log")
    drain_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN {printf "%.1f", (b - a) / 1000}')
    rate=$(awk -v a="$t0" -v b="$t1" -v f="$first" -v n="$BACKLOG" 'BEGIN {printf "%.0f", n / ((b - a - f) / 1000)}')
    echo "| $run | $variant | $first | $drain_s | $rate |"
    kill "$worker"; wait "$worker" 2>/dev/null || true
  done
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
