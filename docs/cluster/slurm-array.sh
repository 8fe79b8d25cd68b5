#!/bin/bash
# One shard of a batch per Slurm array task; merge the shards once the array is done.
#   sbatch docs/cluster/slurm-array.sh EXPERIMENT RESULTS [SHARDS]
# The shard count is the array's task count (--array=1-N); give SHARDS when resubmitting
# single tasks (sbatch --array=7 docs/cluster/slurm-array.sh EXPERIMENT RESULTS 20).
# --resume makes a requeued or resubmitted task continue its own shard's folder.
#SBATCH --job-name=crisis-sim
#SBATCH --array=1-20
#SBATCH --cpus-per-task=8
#SBATCH --time=01:00:00
#SBATCH --requeue
set -euo pipefail
experiment=${1:?usage: sbatch slurm-array.sh EXPERIMENT RESULTS [SHARDS]}
results=${2:?usage: sbatch slurm-array.sh EXPERIMENT RESULTS [SHARDS]}
shards=${3:-$SLURM_ARRAY_TASK_COUNT}
crisis-sim batch "$experiment" \
  --out "$results/shard-$SLURM_ARRAY_TASK_ID" \
  --shard "$SLURM_ARRAY_TASK_ID/$shards" \
  --workers "${SLURM_CPUS_PER_TASK:-1}" --resume
