#!/usr/bin/env bash
# Starts N SSH hosts for the benchmarks: real OpenSSH daemons on loopback addresses 127.0.1.x (and
# 127.0.2.x … beyond 250), 16 addresses per daemon (sshd's limit of listen sockets), all logging in
# the user runnertest with one ed25519 key. Writes the inventories both tools read.
#   bench/hosts.sh start N DIR     (as root; DIR must not exist)
#   bench/hosts.sh stop DIR
set -euo pipefail
cmd=${1:?start|stop}; user=${BENCH_USER:-runnertest}

address() { local i=$1; echo "127.0.$((1 + (i - 1) / 250)).$((1 + (i - 1) % 250))"; }

start() {
  local n=$1 dir=$2
  mkdir -p "$dir"; chmod 755 "$dir"; dir="$(cd "$dir" && pwd)"   # sshd needs absolute paths
  ssh-keygen -q -t ed25519 -N '' -f "$dir/host_key"
  ssh-keygen -q -t ed25519 -N '' -f "$dir/client_key"
  cp "$dir/client_key.pub" "$dir/authorized_keys"; chmod 644 "$dir/authorized_keys"
  install -d -m 0755 /run/sshd
  local port; port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
  : > "$dir/known_hosts"; : > "$dir/pids"
  local hostkey; hostkey=$(cut -d' ' -f1,2 "$dir/host_key.pub")
  local d=0 i
  for ((first = 1; first <= n; first += 16)); do
    d=$((d + 1))
    {
      for ((i = first; i < first + 16 && i <= n; i++)); do echo "ListenAddress $(address "$i"):$port"; done
      cat <<CFG
HostKey $dir/host_key
PidFile $dir/sshd-$d.pid
AuthorizedKeysFile $dir/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
MaxStartups 1000:30:2000
MaxSessions 200
LogLevel ERROR
CFG
    } > "$dir/sshd-$d.conf"
    /usr/sbin/sshd -f "$dir/sshd-$d.conf" -E "$dir/sshd-$d.log"
  done
  for ((i = 1; i <= n; i++)); do echo "[$(address "$i")]:$port $hostkey" >> "$dir/known_hosts"; done
  {
    echo "all:"
    echo "  vars: {ssh_user: $user, ssh_key: $dir/client_key, ssh_known_hosts: $dir/known_hosts}"
    echo "  hosts:"
    for ((i = 1; i <= n; i++)); do echo "    h$i: {address: $(address "$i"), ssh_port: $port}"; done
  } > "$dir/opsplay.yml"
  {
    echo "[all]"
    for ((i = 1; i <= n; i++)); do echo "h$i ansible_host=$(address "$i") ansible_port=$port"; done
    echo "[all:vars]"
    echo "ansible_user=$user"
    echo "ansible_ssh_private_key_file=$dir/client_key"
    echo "ansible_ssh_common_args='-o UserKnownHostsFile=$dir/known_hosts -o StrictHostKeyChecking=yes'"
  } > "$dir/ansible.ini"
  echo "$port" > "$dir/port"
  sleep 0.5
}

stop() {
  local dir=$1 p
  for p in "$dir"/sshd-*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; done
}

case "$cmd" in
  start) start "${2:?N}" "${3:?DIR}" ;;
  stop) stop "${2:?DIR}" ;;
  *) echo "usage: $0 start N DIR | stop DIR" >&2; exit 2 ;;
esac
