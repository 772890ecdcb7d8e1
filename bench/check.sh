#!/usr/bin/env bash
# Times `opsplay check` (JVM start included, through bin/opsplay as users run it) of every shipped
# KWDB playbook against one detached lab, REPS times each, and prints the medians. Given another
# checkout (built, e.g. a `git worktree` of an older commit), runs it and this one alternately on
# the same lab and prints both, with this one's time as a fraction of the other's: the way to
# compare two builds on a machine whose speed drifts from minute to minute.
#   bench/check.sh [REPS] [OTHER_CHECKOUT]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; repo="$(dirname "$here")"; opsplay="$repo/bin/opsplay"
reps=${1:-11}
other=${2:+$(cd "$2" && pwd)/bin/opsplay}
work=$(mktemp -d /tmp/opsplay-check.XXXX)
inv=$("$opsplay" lab up kwdb --nodes 4 --spare 1 --speed 10 --dir "$work/lab" --detach 2> /dev/null)
trap '"$opsplay" lab down "$(dirname "$inv")" > /dev/null 2>&1 || true; rm -rf "$work"' EXIT

# one timed preview: wall milliseconds
timed() {
  local tool=$1 pb=$2; shift 2
  local start=$(date +%s%N)
  "$tool" check "$repo/playbooks/kwdb/$pb.yml" -i "$inv" "$@" --journal "$work/runs" > /dev/null 2>&1 || { echo "$pb: check failed ($tool)" >&2; exit 1; }
  echo $(( ($(date +%s%N) - start) / 1000000 ))
}

# median, min and max of the numbers given
stats() {
  printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)], a[1], a[NR]}'
}

echo "# opsplay check against a detached KWDB lab (4 nodes + 1 spare), $reps runs each, wall ms"
if [ -z "$other" ]; then
  echo "| playbook | median | min | max |"
  echo "| --- | --- | --- | --- |"
else
  echo "# this: $repo; other: $(dirname "$(dirname "$other")"), run alternately"
  echo "| playbook | this median (min–max) | other median (min–max) | this / other |"
  echo "| --- | --- | --- | --- |"
fi
for pb in scale-out-cli scale-out-script scale-in-cli scale-in-script rebalance; do
  extra=(); case $pb in scale-in-*) extra=(-e remove=n4) ;; esac
  mine=(); theirs=()
  for ((r = 1; r <= reps; r++)); do
    mine+=("$(timed "$opsplay" "$pb" "${extra[@]}")")
    if [ -n "$other" ]; then theirs+=("$(timed "$other" "$pb" "${extra[@]}")"); fi
  done
  read -r m lo hi <<< "$(stats "${mine[@]}")"
  if [ -z "$other" ]; then
    echo "| $pb.yml | $m | $lo | $hi |"
  else
    read -r om olo ohi <<< "$(stats "${theirs[@]}")"
    echo "| $pb.yml | $m ($lo–$hi) | $om ($olo–$ohi) | $(awk -v a="$m" -v b="$om" 'BEGIN {printf "%.2f", a / b}') |"
  fi
done
