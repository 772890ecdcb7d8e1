#!/usr/bin/env bash
# The floor the benchmark compares with: plain OpenSSH, one ControlMaster per host opened first,
# then for every task one `ssh` per host through its master, FORKS at a time, task after task.
#   bench/raw-ssh.sh HOSTS_DIR TASKS FORKS
set -euo pipefail
dir=$1; tasks=$2; forks=$3
user=${BENCH_USER:-runnertest}; port=$(cat "$dir/port")
ctl=$(mktemp -d /tmp/opsplay-raw.XXXX)
mapfile -t addrs < <(grep -o 'address: [0-9.]*' "$dir/opsplay.yml" | cut -d' ' -f2)
opts=(-o UserKnownHostsFile="$dir/known_hosts" -o StrictHostKeyChecking=yes -o BatchMode=yes -i "$dir/client_key" -p "$port" -l "$user")
printf '%s\n' "${addrs[@]}" | xargs -P "$forks" -I{} ssh "${opts[@]}" -o ControlMaster=yes -o ControlPath="$ctl/{}" -o ControlPersist=300 -f -N {}
for ((t = 1; t <= tasks; t++)); do
  printf '%s\n' "${addrs[@]}" | xargs -P "$forks" -I{} ssh "${opts[@]}" -o ControlPath="$ctl/{}" {} "echo task $t" > /dev/null
done
printf '%s\n' "${addrs[@]}" | xargs -P "$forks" -I{} ssh "${opts[@]}" -o ControlPath="$ctl/{}" -O exit {} 2> /dev/null
rm -rf "$ctl"
