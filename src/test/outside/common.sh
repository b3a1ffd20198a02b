# Shared by the scripts of this directory (sourced, not run): the JDK, the PostgreSQL to use, and the
# steps both take to bring a replica up. Run from the project root (the scripts cd there first).
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PGHOST=${PGHOST:-127.0.0.1} PGPORT=${PGPORT:-5432} PGUSER=${PGUSER:-postgres} PGPASSWORD=${PGPASSWORD:-postgres}
export PGHOST PGPORT PGUSER PGPASSWORD

# A database created for this run, dropped first if an earlier run left it.
fresh_database() {
  psql -q -d postgres -c "DROP DATABASE IF EXISTS $1 WITH (FORCE)" -c "CREATE DATABASE $1"
}

# Waits until the replica on port $1 answers /actuator/health (at most two minutes).
await_health() {
  for _ in $(seq 1 120); do curl -sf "localhost:$1/actuator/health" > /dev/null && return 0; sleep 1; done
  echo "no healthy replica on port $1" >&2; return 1
}

# Defines the one-Task workflow named $2 (Task stepwise:echo) on the replica on port $1; more curl
# arguments (an Authorization header) may follow.
define_echo() {
  local port=$1 name=$2; shift 2
  curl -sf -X PUT "localhost:$port/v1/state-machines/$name" "$@" -H 'Content-Type: application/json' \
    -d '{"definition":{"StartAt":"Echo","States":{"Echo":{"Type":"Task","Resource":"stepwise:echo","End":true}}}}' > /dev/null
}
