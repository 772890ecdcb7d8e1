#!/usr/bin/env bash
# Runs one scenario side by side: opsplay, ansible-playbook (pipelining on) and the plain
# multiplexed-OpenSSH loop (bench/raw-ssh.sh), on the same HOSTS real OpenSSH hosts, TASKS echo
# tasks each, alternating the tools REPS times. Prints one line per run and a summary (medians,
# ratios, CPU per host-task on the controller and on the targets).
#   bench/run.sh HOSTS TASKS [REPS] [TOOLS]       (as root; TOOLS default "opsplay ansible raw")
# opsplay runs as users run it, through bin/opsplay (start-up archive included); OPSPLAY_JAVA_OPTS
# adds JVM options (-Xmx512m).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"; repo="$(dirname "$here")"
hosts=$1; tasks=$2; reps=${3:-3}; tools=${4:-opsplay ansible raw}
forks=$(( hosts < 50 ? hosts : 50 ))
"$repo/bin/opsplay" --version > /dev/null   # builds the jar and its start-up archive on first use
work=$(mktemp -d /tmp/opsplay-bench.XXXX); chmod 755 "$work"
trap '"$here/hosts.sh" stop "$work/hosts"; rm -rf "$work"' EXIT
"$here/hosts.sh" start "$hosts" "$work/hosts"

{ echo "- hosts: all"; echo "  tasks:"; for ((t = 1; t <= tasks; t++)); do echo "    - ssh: echo task $t"; done; } > "$work/opsplay-pb.yml"
{ echo "- hosts: all"; echo "  gather_facts: false"; echo "  tasks:";
  for ((t = 1; t <= tasks; t++)); do echo "    - ansible.builtin.command: echo task $t"; done; } > "$work/ansible-pb.yml"

busy() { awk '/^cpu /{print $2+$3+$4+$7+$8}' /proc/stat; }   # user nice system irq softirq, in clock ticks
hz=$(getconf CLK_TCK)

run_tool() {
  case "$1" in
    opsplay) "$repo/bin/opsplay" run "$work/opsplay-pb.yml" -i "$work/hosts/opsplay.yml" \
               --forks "$forks" --journal "$work/runs" -o json > "$work/out.json" ;;
    ansible) ANSIBLE_PIPELINING=True ANSIBLE_FORKS=$forks ANSIBLE_HOST_KEY_CHECKING=True ANSIBLE_RETRY_FILES_ENABLED=False \
               ansible-playbook -i "$work/hosts/ansible.ini" "$work/ansible-pb.yml" > "$work/out.ansible" ;;
    raw) "$here/raw-ssh.sh" "$work/hosts" "$tasks" "$forks" ;;
  esac
}

echo "# $hosts hosts x $tasks tasks, forks $forks, $reps runs each; columns: tool wall_s controller_cpu_s targets_cpu_s largest_process_MB"
for ((r = 1; r <= reps; r++)); do
  for tool in $tools; do
    before=$(busy)
    /usr/bin/time -f '%e %U %S %M' -o "$work/time" bash -c "$(declare -f run_tool); work=$work repo=$repo forks=$forks tasks=$tasks here=$here; run_tool $tool"
    after=$(busy)
    read -r wall user sys rss < "$work/time"
    python3 - "$tool" "$wall" "$user" "$sys" "$before" "$after" "$hz" "$rss" <<'PY'
import sys
tool, wall, user, sys_, before, after, hz, rss = sys.argv[1:]
ctl = float(user) + float(sys_)
total = (int(after) - int(before)) / int(hz)
print(f"{tool} {float(wall):.2f} {ctl:.2f} {max(0.0, total - ctl):.2f} {int(rss) // 1024}")
PY
  done
done | tee "$work/runs.txt"
python3 - "$hosts" "$tasks" "$work/runs.txt" <<'PY'
import sys, statistics
hosts, tasks, path = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
rows = [l.split() for l in open(path) if l.strip() and not l.startswith('#')]
med = {}
for tool in dict.fromkeys(r[0] for r in rows):
    mine = [r for r in rows if r[0] == tool]
    med[tool] = [statistics.median(float(r[i]) for r in mine) for i in (1, 2, 3, 4)]
n = hosts * tasks
print(f"## {hosts} hosts x {tasks} tasks (medians)")
print("| tool | wall s | controller CPU ms / host-task | targets CPU ms / host-task | largest process MB |")
print("| --- | --- | --- | --- | --- |")
for tool, (wall, ctl, tgt, rss) in med.items():
    print(f"| {tool} | {wall:.2f} | {1000 * ctl / n:.2f} | {1000 * tgt / n:.2f} | {rss:.0f} |")
if 'opsplay' in med:
    for other in ('ansible', 'raw'):
        if other in med:
            print(f"opsplay vs {other}: {med[other][0] / med['opsplay'][0]:.2f}x faster (wall ratio {med['opsplay'][0] / med[other][0]:.3f})")
PY
