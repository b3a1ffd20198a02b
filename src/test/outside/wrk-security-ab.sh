#!/usr/bin/env bash
# What authentication costs a single start, measured from outside as an A/B (issue 15; docs/performance.md,
# "Security"). Two API-only replicas (workers off) run side by side, each on its own fresh database of an
# external PostgreSQL: one with authentication on (every request carries an operator API key, checked from
# the key cache and audited), one with it off. After a warm-up of each, wrk runs against them in turns,
# on, off, off, on, ..., so that whatever drifts on the machine meanwhile falls on both alike; only one
# replica is under load at a time. Prints every run, the ratio of each pair and the medians, and beside
# throughput the CPU each start cost: the replica's JVM and every PostgreSQL process together, which on a
# machine where all of them share the cores is what throughput divides (a checkpoint or an autovacuum
# shows in both sides' runs alike; processes that end during a run, such as autovacuum workers, are not
# counted).
#
#   src/test/outside/wrk-security-ab.sh            # Debian PostgreSQL at 127.0.0.1:5432, postgres/postgres
#   PAIRS=8 SECONDS_PER_RUN=15 CONNS=64 src/test/outside/wrk-security-ab.sh
#
# Needs: wrk (Debian package), psql, a built jar (./mvnw -o -q package -DskipTests), JDK 21+.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source src/test/outside/common.sh
CONNS=${CONNS:-64}
THREADS=${THREADS:-2}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-15}
WARMUP_SECONDS=${WARMUP_SECONDS:-30}
WARMUPS=${WARMUPS:-2}
PAIRS=${PAIRS:-6}
BOOTSTRAP=wrk-bootstrap-key-0123456789abcdef0123
ON_PORT=8191 OFF_PORT=8192
JAR=${JAR:-$(ls target/stepwise-*.jar | head -1)}
LOGS=target/outside; mkdir -p "$LOGS"

pids=()
ticks=$(getconf CLK_TCK)
# CPU seconds used so far by the given processes (those that ended are skipped)
cpu_of() {
  local t=0 f
  for p in "$@"; do
    f=$(cat "/proc/$p/stat" 2>/dev/null) || continue
    f=${f##*) }
    t=$((t + $(echo "$f" | awk '{print $12 + $13}')))
  done
  awk -v t="$t" -v k="$ticks" 'BEGIN {printf "%.3f", t / k}'
}
trap 'kill "${pids[@]}" 2>/dev/null || true' EXIT
replica() { # port database security
  fresh_database "$2"
  "$JAVA" -jar "$JAR" --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$2" \
    --spring.datasource.username="$PGUSER" --spring.datasource.password="$PGPASSWORD" --logging.level.root=WARN \
    --server.port="$1" --stepwise.worker.enabled=false --stepwise.security.enabled="$3" \
    --stepwise.security.bootstrap-key=$BOOTSTRAP > "$LOGS/ab-$1.log" 2>&1 &
  pids+=($!)
  eval "jvm_$1=$!"
}
replica $ON_PORT stepwise_wrk_on true
replica $OFF_PORT stepwise_wrk_off false
await_health $ON_PORT
await_health $OFF_PORT

bootstrap=(-H "Authorization: Bearer $BOOTSTRAP")
key=$(curl -sf -X POST "localhost:$ON_PORT/v1/api-keys" "${bootstrap[@]}" -H 'Content-Type: application/json' \
  -d '{"name": "wrk", "role": "operator"}' | python3 -c 'import json, sys; print(json.load(sys.stdin)["key"])')
define_echo $ON_PORT wrk-echo "${bootstrap[@]}"
define_echo $OFF_PORT wrk-echo

run() { # on|off seconds -> "starts/s JVM-CPU-µs-per-start PostgreSQL-CPU-µs-per-start"
  local port auth=() jvm
  if [ "$1" = on ]; then port=$ON_PORT; auth=(-H "Authorization: Bearer $key"); else port=$OFF_PORT; fi
  jvm=$(eval echo "\$jvm_$port")
  local out postgres jvm_before pg_before jvm_after pg_after
  postgres=$(pgrep -d' ' -x postgres || pgrep -d' ' -f '^postgres:')
  jvm_before=$(cpu_of "$jvm"); pg_before=$(cpu_of $postgres)
  out=$(wrk -t"$THREADS" -c"$CONNS" --timeout 10s "${auth[@]}" -d"$2s" -s src/test/outside/start.lua \
    "http://127.0.0.1:$port")
  if ! echo "$out" | grep -q "non-2xx or socket errors: 0"; then
    echo "$out" >&2; echo "errors in a run against the $1 replica" >&2; return 1
  fi
  jvm_after=$(cpu_of "$jvm"); pg_after=$(cpu_of $postgres)
  echo "$out" | awk -v j="$(awk -v a="$jvm_after" -v b="$jvm_before" 'BEGIN {print a - b}')" \
    -v p="$(awk -v a="$pg_after" -v b="$pg_before" 'BEGIN {print a - b}')" -v s="$2" \
    '/^Requests\/sec/ {printf "%.0f %.0f %.0f\n", $2, j * 1e6 / ($2 * s), p * 1e6 / ($2 * s)}'
}

echo "## wrk $CONNS connections, $THREADS threads, ${SECONDS_PER_RUN} s runs, $PAIRS pairs;" \
  "warm-up $WARMUPS × ${WARMUP_SECONDS} s each, alternated"
# the first runs after a warm-up of one side alone still ran slow: the warm-ups alternate, as the runs do
for _ in $(seq 1 "$WARMUPS"); do
  run on "$WARMUP_SECONDS" > /dev/null
  run off "$WARMUP_SECONDS" > /dev/null
done
ons=() offs=() on_cpus=() off_cpus=() on_jvms=() off_jvms=() on_pgs=() off_pgs=()
for pair in $(seq 1 "$PAIRS"); do
  if [ $((pair % 2)) = 1 ]; then order="on off"; else order="off on"; fi
  for side in $order; do
    read -r r j p < <(run "$side" "$SECONDS_PER_RUN")
    if [ "$side" = on ]; then on=$r; on_jvm=$j; on_pg=$p; else off=$r; off_jvm=$j; off_pg=$p; fi
  done
  on_cpu=$((on_jvm + on_pg)); off_cpu=$((off_jvm + off_pg))
  ons+=("$on"); offs+=("$off"); on_cpus+=("$on_cpu"); off_cpus+=("$off_cpu")
  on_jvms+=("$on_jvm"); off_jvms+=("$off_jvm"); on_pgs+=("$on_pg"); off_pgs+=("$off_pg")
  echo "pair $pair ($order): on $on, off $off starts/s, on/off $(awk -v a="$on" -v b="$off" 'BEGIN {printf "%.3f", a / b}');" \
    "CPU per start on $on_cpu ($on_jvm JVM + $on_pg PostgreSQL), off $off_cpu ($off_jvm + $off_pg) µs"
done
python3 - "${ons[*]}" "${offs[*]}" "${on_cpus[*]}" "${off_cpus[*]}" "${on_jvms[*]}" "${off_jvms[*]}" \
  "${on_pgs[*]}" "${off_pgs[*]}" <<'EOF'
import statistics, sys
on, off, on_cpu, off_cpu, on_jvm, off_jvm, on_pg, off_pg = ([float(x) for x in a.split()] for a in sys.argv[1:9])
ratios = [a / b for a, b in zip(on, off)]
print(f"median on {statistics.median(on):.0f}, median off {statistics.median(off):.0f} starts/s; "
      f"on/off: median of pairs {statistics.median(ratios):.3f} [{min(ratios):.3f}-{max(ratios):.3f}], "
      f"of sums {sum(on) / sum(off):.3f}")
print(f"CPU per start (JVM + PostgreSQL): median on {statistics.median(on_cpu):.0f} µs "
      f"[{min(on_cpu):.0f}-{max(on_cpu):.0f}], off {statistics.median(off_cpu):.0f} µs "
      f"[{min(off_cpu):.0f}-{max(off_cpu):.0f}]; off/on {statistics.median(off_cpu) / statistics.median(on_cpu):.3f}")
print(f"  of which the JVM: on {statistics.median(on_jvm):.0f}, off {statistics.median(off_jvm):.0f} µs; "
      f"PostgreSQL: on {statistics.median(on_pg):.0f}, off {statistics.median(off_pg):.0f} µs")
EOF
echo "audit rows: $(psql -tA -d stepwise_wrk_on -c 'SELECT count(*) FROM audit_event')," \
  "executions: on $(psql -tA -d stepwise_wrk_on -c 'SELECT count(*) FROM execution')," \
  "off $(psql -tA -d stepwise_wrk_off -c 'SELECT count(*) FROM execution')"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
