#!/bin/bash
# Every shard of a batch with GNU parallel (on this machine, or on several with
# --sshlogin); merge them afterwards. PARALLEL=--dry-run prints the commands instead.
#   bash docs/cluster/parallel.sh EXPERIMENT RESULTS [SHARDS] [JOBS]
set -euo pipefail
experiment=${1:?usage: parallel.sh EXPERIMENT RESULTS [SHARDS] [JOBS]}
results=${2:?usage: parallel.sh EXPERIMENT RESULTS [SHARDS] [JOBS]}
shards=${3:-8}
jobs=${4:-4}
parallel --jobs "$jobs" --halt now,fail=1 \
  crisis-sim batch "$experiment" --out "$results/shard-{}" --shard "{}/$shards" --workers 1 --resume \
  ::: $(seq 1 "$shards")
