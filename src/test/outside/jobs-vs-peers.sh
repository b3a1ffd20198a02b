#!/usr/bin/env bash
# One-off jobs drained by Stepwise against db-scheduler, alternated (issues 14 and 17; docs/performance.md).
# A round is one db-scheduler drain (../shared/peer-bench: lock-and-fetch, 16 threads, N jobs, its warm-up
# discarded) and one Stepwise drain (bench scenario (l): fresh database, warm service, N jobs over
# POST /v1/jobs/batch while the worker is paused, then resumed), in turns: peer first in odd rounds,
# Stepwise first in even ones. The Stepwise figure is the last of STEPWISE_REPS (default 2) drains in
# one JVM: after a single warm-up drain its JIT is not done (about half the rate of a JVM that has
# drained a few times), where db-scheduler's reps after its one warm-up show no such trend. Two sessions measured the peer alone at 4,392 and 6,272 jobs/s on the
# same machine depending on what PostgreSQL was doing before, so only drains run side by side compare.
# Prints both figures and their ratio per round, then the medians.
#
#   src/test/outside/jobs-vs-peers.sh             # Debian PostgreSQL at 127.0.0.1:5432, postgres/postgres
#   ROUNDS=5 N=20000 PEER_BENCH=/path/to/peer-bench src/test/outside/jobs-vs-peers.sh
#
# Needs: the peer harness built (mvn -q package in PEER_BENCH), a database stepwise_bench, JDK 21+.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source src/test/outside/common.sh
ROUNDS=${ROUNDS:-3}
N=${N:-20000}
PEER_BENCH=${PEER_BENCH:-../shared/peer-bench}
STEPWISE_REPS=${STEPWISE_REPS:-2}
LOGS=target/outside; mkdir -p "$LOGS"
JDK_HOME=$(dirname "$(dirname "$(readlink -f "$JAVA")")")

peer() {
  (cd "$PEER_BENCH" && "$JAVA" -Xms1g -Xmx1g -jar target/peers-bench.jar dbscheduler drain strategy=lock-and-fetch \
    threads=16 n="$N" reps=1) 2>> "$LOGS/peers.err" | tee -a "$LOGS/peers.log" \
    | awk -F'jobs_per_s=' '/^RESULT.*rep=1/ {split($2, v, ","); printf "%.0f\n", v[1]}'
}
stepwise() {
  JAVA_HOME=$JDK_HOME ./mvnw -o -q -Pbench verify -Dbench.scenario=jobs-drain -Dbench.reps="$STEPWISE_REPS" \
    -Dbench.db.url="jdbc:postgresql://$PGHOST:$PGPORT/stepwise_bench" \
    "-Dbench.args=-Dbench.n=$N -Dbench.burst.n=$N" 2>&1 | tee -a "$LOGS/stepwise.log" \
    | awk '/^\(l\) rep [0-9]+:/ {last = $4} END {print last}'
}

peers=() ours=()
echo "## one-off jobs, N = $N: db-scheduler lock-and-fetch (16 threads) and Stepwise (l, last of $STEPWISE_REPS in one JVM)," \
  "$ROUNDS alternated rounds"
for round in $(seq 1 "$ROUNDS"); do
  if [ $((round % 2)) = 1 ]; then p=$(peer); s=$(stepwise); order="peer first"; else s=$(stepwise); p=$(peer); order="Stepwise first"; fi
  [ -n "$p" ] && [ -n "$s" ] || { echo "round $round: a drain gave no figure (see $LOGS)" >&2; exit 1; }
  peers+=("$p"); ours+=("$s")
  echo "round $round ($order): db-scheduler $p, Stepwise $s jobs/s, $(awk -v a="$s" -v b="$p" 'BEGIN {printf "%.2f", a / b}')×"
done
python3 - "${peers[*]}" "${ours[*]}" <<'EOF'
import statistics, sys
peers, ours = ([float(x) for x in a.split()] for a in sys.argv[1:3])
ratios = [o / p for o, p in zip(ours, peers)]
print(f"medians: db-scheduler {statistics.median(peers):.0f}, Stepwise {statistics.median(ours):.0f} jobs/s; "
      f"ratio by round: median {statistics.median(ratios):.2f}×, lowest {min(ratios):.2f}×, highest {max(ratios):.2f}×")
EOF
