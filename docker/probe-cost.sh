#!/usr/bin/env bash
# What one healthcheck costs: CPU time (user + system, this process's children) per run of the
# services' probe (docker/service/grpc-health.sh) against a gRPC server on 127.0.0.1:PORT, and, for
# comparison, of the former Java probe (platform's HealthProbe, same check, in a JVM started with
# the flags the images used; needs the jars: ./mvnw -q package -DskipTests) and of a bare JVM start. Usage: bash docker/probe-cost.sh PORT [RUNS]   (e.g. after bin/lab up:
# bash docker/probe-cost.sh 15051). Prints the machine it ran on.
set -Eeuo pipefail
cd "$(dirname "$0")/.."
port=${1:?usage: probe-cost.sh PORT [RUNS]}
runs=${2:-20}

cpu_ms() { # CPU of the waited-for children of process $1 so far, in ms (cutime + cstime)
  local fields
  read -ra fields <"/proc/$1/stat"
  echo $(((fields[15] + fields[16]) * 1000 / $(getconf CLK_TCK)))
}

measure() { # name, command...
  local name=$1 start end wall_start wall_end
  shift
  "$@" >/dev/null 2>&1 || { echo "$name: the command failed: $*" >&2; exit 1; }
  (
    pid=$BASHPID
    start=$(cpu_ms "$pid")
    wall_start=$(date +%s%N)
    for ((i = 0; i < runs; i++)); do "$@" >/dev/null 2>&1; done
    wall_end=$(date +%s%N)
    end=$(cpu_ms "$pid")
    printf '%-28s %8.1f ms CPU  %8.1f ms wall  per check (%d runs)\n' "$name" \
      "$(echo "($end - $start) / $runs" | bc -l)" \
      "$(echo "($wall_end - $wall_start) / 1000000 / $runs" | bc -l)" "$runs"
  )
}

echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
measure "bash gRPC health probe" bash docker/service/grpc-health.sh "$port"
jvm=(java -Xmx32m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
measure "Java HealthProbe (a JVM)" "${jvm[@]}" \
  -cp "order-service/target/order-service.jar:order-service/target/lib/*" \
  dev.couplinglab.platform.grpc.HealthProbe "localhost:$port"
measure "a JVM start (java -version)" java -Xmx32m -Xss512k -XX:+UseSerialGC \
  -XX:TieredStopAtLevel=1 -version
