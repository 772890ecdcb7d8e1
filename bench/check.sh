#!/usr/bin/env bash
# Times `opsplay check` (JVM start included, through bin/opsplay as users run it) of every shipped
# KWDB playbook against one detached lab, REPS times each, and prints the medians.
#   bench/check.sh [REPS]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; repo="$(dirname "$here")"; opsplay="$repo/bin/opsplay"
reps=${1:-11}
work=$(mktemp -d /tmp/opsplay-check.XXXX)
inv=$("$opsplay" lab up kwdb --nodes 4 --spare 1 --speed 10 --dir "$work/lab" --detach 2> /dev/null)
trap '"$opsplay" lab down "$(dirname "$inv")" > /dev/null 2>&1 || true; rm -rf "$work"' EXIT
echo "# opsplay check against a detached KWDB lab (4 nodes + 1 spare), $reps runs each, wall ms"
echo "| playbook | median | min | max |"
echo "| --- | --- | --- | --- |"
for pb in scale-out-cli scale-out-script scale-in-cli scale-in-script rebalance; do
  extra=(); case $pb in scale-in-*) extra=(-e remove=n4) ;; esac
  times=()
  for ((r = 1; r <= reps; r++)); do
    start=$(date +%s%N)
    "$opsplay" check "$repo/playbooks/kwdb/$pb.yml" -i "$inv" "${extra[@]}" --journal "$work/runs" > /dev/null 2>&1 || { echo "$pb: check failed" >&2; exit 1; }
    times+=($(( ($(date +%s%N) - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | awk -v pb="$pb.yml" '{a[NR]=$1} END {print "| " pb " | " a[int((NR+1)/2)] " | " a[1] " | " a[NR] " |"}'
done
