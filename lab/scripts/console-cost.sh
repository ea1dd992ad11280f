#!/usr/bin/env bash
# The console's own cost: CPU and resident memory of the lab JVM that serves `lab console`, with one
# headless Chromium tab attached, first idle, then while `lab load` (another process) sends
# 200 orders/s per style. Needs a running local cluster (bin/lab up) and Debian's chromium.
# Usage: lab/scripts/console-cost.sh [seconds per phase, default 60] [rate, default 200]
# (SETTLE=60: seconds from the tab's start to the first phase; THREADS=1: each phase's CPU by thread)
set -Eeuo pipefail
cd "$(dirname "$0")/../.."
SECONDS_PER_PHASE=${1:-60}
RATE=${2:-200}
HZ=$(getconf CLK_TCK)
out=$(mktemp)
profile=$(mktemp -d)
cleanup() {
  [ -n "${browser:-}" ] && kill "$browser" 2>/dev/null && wait "$browser" 2>/dev/null || true
  [ -n "${console:-}" ] && kill "$console" 2>/dev/null && wait "$console" 2>/dev/null || true
  rm -rf "$profile" "$profile.before" "$profile.after" "$out" 2>/dev/null || true
}
trap cleanup EXIT

bin/lab console --port 0 >"$out" 2>&1 &
console=$!
for _ in $(seq 1 120); do grep -q 'http://' "$out" && break; sleep 0.5; done
url=$(grep -o 'http://[0-9.:]*/' "$out" | head -1)
[ -n "$url" ] || { echo "error: lab console did not start: $(cat "$out")" >&2; exit 1; }
# bin/lab execs java: the console's JVM is the process started above.
jvm=$console
chromium --headless=new --no-sandbox --disable-gpu --user-data-dir="$profile" \
  --remote-debugging-port=0 "$url" >/dev/null 2>&1 &
browser=$!
# The page connects and the console's JVM compiles its code: a phase measured in its first
# minute reads that start-up, not the console's cost.
sleep "${SETTLE:-60}"

ticks() { awk '{print $14 + $15}' "/proc/$jvm/stat"; }
rss_mib() { awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$jvm/status"; }
# One line per thread: name (pool numbers dropped) and its CPU ticks; a thread name may hold spaces.
threads() {
  for stat in /proc/"$jvm"/task/*/stat; do
    sed -E 's/^[0-9]+ \((.*)\) [A-Z] (.*)$/\1\t\2/' "$stat" 2>/dev/null |
      awk -F'\t' '{ split($2, f, " "); name = $1; gsub(/[-#]?[0-9]+$/, "", name); print name "\t" f[12] + f[13] }'
  done
}
# The threads' share of the phase's CPU, biggest first (THREADS=1 to print it).
by_thread() {
  [ "${THREADS:-0}" = 1 ] || return 0
  awk -F'\t' 'NR == FNR { before[$1] += $2; next } { after[$1] += $2 }
    END { for (n in after) { d = after[n] - before[n]; if (d > 0) { total += d; t[n] = d } }
          for (n in t) printf "    %5.1f%%  %s\n", 100 * t[n] / total, n }' "$1" "$2" | sort -rn
}
phase() {
  local name=$1 start end peak=0 rss
  threads >"$profile.before"
  start=$(ticks)
  for _ in $(seq 1 "$SECONDS_PER_PHASE"); do
    sleep 1
    rss=$(rss_mib)
    [ "$rss" -gt "$peak" ] && peak=$rss
  done
  end=$(ticks)
  awk -v n="$name" -v t=$((end - start)) -v hz="$HZ" -v s="$SECONDS_PER_PHASE" -v p="$peak" \
    'BEGIN { printf "%-34s CPU %5.2f%% of one core   RSS peak %4d MiB\n", n, 100 * t / hz / s, p }'
  threads >"$profile.after"
  by_thread "$profile.before" "$profile.after"
}

echo "Machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
echo "Console: $url, one headless Chromium tab, $SECONDS_PER_PHASE s per phase"
phase "idle (cluster idle)"
bin/lab load --rate "$RATE" --duration $((SECONDS_PER_PHASE + 30))s >/dev/null 2>&1 &
load=$!
sleep 15
phase "during lab load at $RATE/s per style"
wait "$load" || true
phase "idle again (after the load)"
