#!/usr/bin/env bash
# Runs scenario files one after the other against the running cluster and prints one Markdown table
# row per run, taken from each report.md (the table in docs/scenarios.md comes from this script).
#
#   experiments/run-all.sh [--target local|compose] [--dir DIR] [scenario ...]
#
# Runs the named scenarios, or every *.yaml file of DIR (default: this folder, experiments/; its
# sub-folders are not run unless asked, e.g. --dir experiments/restarts for the kill / restart
# figures). Reports land in run/reports/scenarios/<name>/ (with --dir: run/reports/<DIR's
# name>/<name>/). Expects the cluster to be up (bin/lab up, or
# docker compose up -d with --target compose). The scenarios run at a share of the capacity: with
# none saved for the target, the first run measures it (lab calibrate, about 4 minutes), the others
# reuse it. A scenario the target cannot play is listed as skipped. First, two minutes of load at
# 30% of the capacity that are not counted (--warmup 0 skips them): on two cores the JVMs of a
# cluster that has just started compile the order paths for minutes, and the first scenario would
# measure that (a 1-minute warm-up at 50/s left the first one INCONCLUSIVE here).
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(dirname "$here")
target=()
warmup=2m
dir=$here
reports=$root/run/reports/scenarios
while [ $# -gt 0 ]; do
  case "$1" in
    --target) target=(--target "$2"); shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --dir)
      dir=$(cd "$2" 2>/dev/null && pwd) || { echo "run-all.sh: no folder $2" >&2; exit 2; }
      [ "$dir" = "$here" ] || reports=$root/run/reports/$(basename "$dir")
      shift 2 ;;
    *) break ;;
  esac
done
names=("$@")
if [ ${#names[@]} -eq 0 ]; then
  for f in "$dir"/*.yaml; do names+=("$(basename "$f" .yaml)"); done
fi

cell() { # $1 report, $2 row label, $3 column (2 = sync, 3 = async)
  awk -F'|' -v label="$2" -v col="$(($3 + 1))" \
    '$2 ~ "^ " label " " { gsub(/^ +| +$/, "", $col); print $col; exit }' "$1"
}

mkdir -p "$root/run/reports"
if [ "$warmup" != "0" ] && [ "$warmup" != "0s" ]; then
  echo "warming the cluster up: $warmup at 30% of the capacity, not counted" >&2
  "$root/bin/lab" load "${target[@]}" --rate 30% --duration "$warmup" --out "$reports/warmup" \
    >"$root/run/reports/warmup.log" 2>&1 || echo "warm-up: $(tail -1 "$root/run/reports/warmup.log")" >&2
fi

echo "| scenario | verdict | sync errors | async errors | sync end-to-end p99 | async end-to-end p99 | time to recover (sync / async) | peak lag | ledger | better style |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
for name in "${names[@]}"; do
  out="$reports/$name"
  rm -rf "$out"
  mkdir -p "$(dirname "$out")"
  file=$name # a name in experiments/, which the lab resolves, unless DIR holds the file
  [ -f "$dir/$name.yaml" ] && file="$dir/$name.yaml"
  if ! "$root/bin/lab" experiment run "${target[@]}" "$file" --calibrate --out "$out" >"$out.log" 2>&1; then
    [ -f "$out/report.md" ] || { echo "| $name | skipped: $(tail -1 "$out.log") | | | | | | | | |"; continue; }
  fi
  r="$out/report.md"
  verdict=$(grep -o 'Verdict: \*\*[A-Z]*\*\*' "$r" | tr -d '*' | cut -d' ' -f2)
  e2e_sync=$(cell "$r" "end-to-end latency p50 / p99 / max" 2 | cut -d/ -f2 | xargs)
  e2e_async=$(cell "$r" "end-to-end latency p50 / p99 / max" 3 | cut -d/ -f2 | xargs)
  lag=$(grep -o 'Peak consumer lag: [^.]*' "$r" | head -1 | cut -d: -f2 | xargs)
  ledger=$(grep -q '^Clean: every count is 0' "$r" && echo clean || echo "NOT clean")
  clean_after=$(sed -n 's/^Clean: every count is 0\. First read clean \([0-9.]* s\) after.*/\1/p' "$r")
  [ -n "$clean_after" ] && ledger="clean after $clean_after"
  better=$(grep -o '\*\*Suitability\.\*\* [a-z]*[^(]*' "$r" | sed 's/\*\*Suitability\.\*\* //' | xargs)
  echo "| $name | $verdict | $(cell "$r" "errors, by status" 2) | $(cell "$r" "errors, by status" 3) | $e2e_sync | $e2e_async | $(cell "$r" "time to recover" 2) / $(cell "$r" "time to recover" 3) | $lag | $ledger | $better |"
done
