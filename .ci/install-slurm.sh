#!/usr/bin/env bash
# Installs Debian's Slurm (slurmctld, slurmd, sbatch), MUNGE and GNU parallel when they are
# missing, so the cluster tests (test/cluster/) really start a one-node Slurm cluster and
# check the documented `parallel` line instead of skipping.
set -euo pipefail
if command -v sbatch >/dev/null 2>&1 && command -v slurmctld >/dev/null 2>&1 && command -v slurmd >/dev/null 2>&1 \
  && command -v munged >/dev/null 2>&1 && command -v parallel >/dev/null 2>&1; then
  echo "slurm, munge and GNU parallel present: $(dpkg-query -W -f='${Package} ${Version} ' slurm-wlm munge parallel 2>/dev/null)"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "slurm/munge/parallel missing and apt-get is not available: the Slurm and GNU parallel tests will be skipped" >&2
  exit 0
fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# slurm-wlm pulls slurmctld and slurmd; --no-install-recommends keeps out the X11 tools.
$SUDO apt-get install -y -qq --no-install-recommends slurm-wlm munge parallel
echo "installed: $(dpkg-query -W -f='${Package} ${Version} ' slurm-wlm munge parallel)"
