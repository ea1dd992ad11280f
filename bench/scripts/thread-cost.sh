#!/usr/bin/env bash
# Where a running process's CPU and thread wake-ups go, by thread: CPU ms and context switches
# (voluntary: the thread blocked or waited, a hand-off; involuntary: the scheduler took the core)
# of each thread name (pool numbers dropped, so the 16 gRPC threads are one line) over N seconds.
# Read from /proc/<pid>/task/*/{stat,status}; a thread that ends inside the window is not counted.
# Usage: bench/scripts/thread-cost.sh <seconds> <pid> [<pid>...]
# Divide by the orders completed in the window for per-order figures (lab load prints them).
set -Eeuo pipefail
[ $# -ge 2 ] || { echo "usage: $0 <seconds> <pid> [<pid>...]" >&2; exit 2; }
seconds=$1
shift
HZ=$(getconf CLK_TCK)
snapshot() {
  local pid=$1 task name ticks vol invol
  for task in /proc/"$pid"/task/*; do
    name=$(cat "$task/comm" 2>/dev/null) || continue
    ticks=$(sed -E 's/^.*\) [A-Z] //' "$task/stat" 2>/dev/null | awk '{print $12 + $13}') || continue
    vol=$(awk '/^voluntary_ctxt_switches/ {print $2}' "$task/status" 2>/dev/null) || continue
    invol=$(awk '/^nonvoluntary_ctxt_switches/ {print $2}' "$task/status" 2>/dev/null) || continue
    printf '%s\t%s\t%s\t%s\t%s\n' "${task##*/}" "$name" "$ticks" "$vol" "$invol"
  done
}
declare -A before
for pid in "$@"; do before[$pid]=$(mktemp); snapshot "$pid" >"${before[$pid]}"; done
sleep "$seconds"
for pid in "$@"; do
  after=$(mktemp)
  snapshot "$pid" >"$after"
  echo "== pid $pid ($(tr '\0' ' ' </proc/"$pid"/cmdline | grep -o '[a-z-]*\.jar' | head -1)), $seconds s"
  awk -F'\t' -v hz="$HZ" 'NR == FNR { t[$1] = $3; v[$1] = $4; i[$1] = $5; next }
    ($1 in t) { n = $2; sub(/([-#]?[0-9]+)+$/, "", n);
                cpu[n] += ($3 - t[$1]) * 1000 / hz; vol[n] += $4 - v[$1]; inv[n] += $5 - i[$1] }
    END { for (n in cpu) if (cpu[n] > 0 || vol[n] > 0)
            printf "%10.0f ms %10d vol %8d invol  %s\n", cpu[n], vol[n], inv[n], n }' \
    "${before[$pid]}" "$after" | sort -rn | head -20
  rm -f "${before[$pid]}" "$after"
done
