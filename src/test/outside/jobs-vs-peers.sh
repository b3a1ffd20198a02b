#!/usr/bin/env bash
# One-off jobs drained by Stepwise against db-scheduler, alternated (issues 14 and 17; docs/performance.md).
# A round is one db-scheduler drain (../shared/peer-bench: lock-and-fetch, 16 threads, N jobs) and one
# Stepwise drain (bench scenario (l): fresh database, warm service, N jobs over POST /v1/jobs/batch while
# the worker is paused, then resumed), in turns: peer first in odd rounds, Stepwise first in even ones.
# Both are warm the same way: each figure is the same drain of N of each JVM (DRAIN, the fourth by default).
# The peer harness runs its warm-up and then DRAIN - 1 measured drains, each on a fresh database; the last
# is taken. The bench runs DRAIN / 2 reps of a warm-up drain and a timed drain, each rep on a fresh
# database; the last timed drain is taken. A Stepwise JVM's JIT needs more than one drain of 20,000 to settle (its
# second drain runs at about half the rate of its fourth), where db-scheduler's first drains after its
# warm-up show no trend: with one drain of warm-up each, the comparison measured Stepwise's compiler.
# Both keep warming beyond that: by their eighth to tenth drains db-scheduler ran 5,666-7,281 jobs/s
# against 4,384-5,636 in its second to fourth (ninth session). Both JVMs
# get the peer harness's heap (-Xms1g -Xmx1g, G1). Two sessions measured the peer alone at 4,392 and
# 6,272 jobs/s on the same machine depending on what PostgreSQL was doing before, so only drains run side
# by side compare.
# DRAIN (even, default 4) picks which drain of each JVM is compared; DRAIN=10 compares JVMs whose
# compilers have all but finished (docs/performance.md, ninth session).
# Prints both figures and their ratio per round, then the medians.
#
#   src/test/outside/jobs-vs-peers.sh             # Debian PostgreSQL at 127.0.0.1:5432, postgres/postgres
#   ROUNDS=5 N=20000 PEER_BENCH=/path/to/peer-bench src/test/outside/jobs-vs-peers.sh
#   DRAIN=10 src/test/outside/jobs-vs-peers.sh    # each side's tenth drain
#
# Needs: the peer harness built (mvn -q package in PEER_BENCH), a database stepwise_bench, JDK 21+.
set -euo pipefail
cd "$(dirname "$0")/../../.."
source src/test/outside/common.sh
ROUNDS=${ROUNDS:-3}
N=${N:-20000}
PEER_BENCH=${PEER_BENCH:-../shared/peer-bench}
DRAIN=${DRAIN:-4}
[ $((DRAIN % 2)) = 0 ] && [ "$DRAIN" -ge 2 ] || { echo "DRAIN must be even and at least 2 (a Stepwise rep is two drains)" >&2; exit 2; }
STEPWISE_REPS=$((DRAIN / 2))
PEER_REPS=$((DRAIN - 1))
LOGS=target/outside; mkdir -p "$LOGS"
JDK_HOME=$(dirname "$(dirname "$(readlink -f "$JAVA")")")

peer() {
  (cd "$PEER_BENCH" && "$JAVA" -Xms1g -Xmx1g -jar target/peers-bench.jar dbscheduler drain strategy=lock-and-fetch \
    threads=16 n="$N" reps="$PEER_REPS") 2>> "$LOGS/peers.err" | tee -a "$LOGS/peers.log" \
    | awk -F'jobs_per_s=' -v rep="rep=$PEER_REPS" '/^RESULT/ && index($0, rep) {split($2, v, ","); printf "%.0f\n", v[1]}'
}
stepwise() {
  JAVA_HOME=$JDK_HOME ./mvnw -o -q -Pbench verify -Dbench.scenario=jobs-drain -Dbench.reps="$STEPWISE_REPS" \
    "-Dbench.jvm=-Xms1g -Xmx1g -XX:+UseG1GC" \
    -Dbench.db.url="jdbc:postgresql://$PGHOST:$PGPORT/stepwise_bench" \
    "-Dbench.args=-Dbench.n=$N -Dbench.burst.n=$N" 2>&1 | tee -a "$LOGS/stepwise.log" \
    | awk '/^\(l\) rep [0-9]+:/ {last = $4} END {print last}'
}

peers=() ours=()
echo "## one-off jobs, N = $N: db-scheduler lock-and-fetch (16 threads) and Stepwise (l), each a JVM's drain number $DRAIN," \
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
