#!/usr/bin/env bash
# Every scenario of bench/RESULTS.md, one after the other, on one quiet machine (about 30 minutes
# on 2 cores; ansible-playbook takes most of it). As root: the hosts are OpenSSH daemons.
#   bench/all.sh > results.txt
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
echo "# $(date -u +%F) on $(nproc) cores, $(java -version 2>&1 | head -1), $(ansible-playbook --version | head -1), $(ssh -V 2>&1)"
"$here/run.sh" 10 20 3
"$here/run.sh" 10 100 3
"$here/run.sh" 50 20 3
OPSPLAY_JAVA_OPTS=-Xmx512m "$here/run.sh" 500 10 2 "opsplay raw"
for hosts in 50 100 200; do OPSPLAY_JAVA_OPTS=-Xmx512m "$here/run.sh" "$hosts" 10 2 "opsplay raw"; done
"$here/check.sh" 11
