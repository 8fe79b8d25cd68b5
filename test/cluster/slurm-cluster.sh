#!/usr/bin/env bash
# A one-node Slurm cluster in a scratch folder, for the Slurm test (slurm.test.ts):
#   slurm-cluster.sh start DIR [PID]  writes DIR/slurm.conf, starts munged, slurmctld and
#                                slurmd (as root), waits until the node is idle, prints
#                                SLURM_CONF; with PID, stops them when that process ends
#   slurm-cluster.sh stop DIR    stops the three daemons started in DIR
# Everything (sockets, state, logs, pid files, ports) lives in DIR, so it never touches a
# Slurm or MUNGE already installed on the machine. Needs root, slurm-wlm and munge
# (.ci/install-slurm.sh).
set -euo pipefail
command_name=${1:?usage: slurm-cluster.sh start|stop DIR}
dir=$(realpath -m "${2:?usage: slurm-cluster.sh start|stop DIR}")

stop() {
  for daemon in slurmd slurmctld munged; do
    pid_file="$dir/$daemon.pid"
    [ -f "$pid_file" ] || continue
    pid=$(cat "$pid_file")
    kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$pid" 2>/dev/null || true
    rm -f "$pid_file"
  done
}

if [ "$command_name" = stop ]; then stop; exit 0; fi
[ "$command_name" = start ] || { echo "unknown command $command_name" >&2; exit 2; }
[ "$(id -u)" -eq 0 ] || { echo "needs root (slurmd runs jobs as their user)" >&2; exit 3; }
for tool in munged slurmctld slurmd sbatch scontrol sinfo; do
  command -v "$tool" >/dev/null 2>&1 || { echo "$tool not installed (run .ci/install-slurm.sh)" >&2; exit 3; }
done

mkdir -p "$dir/state" "$dir/spool" "$dir/munge"
chmod 700 "$dir/munge"
# A fresh MUNGE key of its own: munged refuses keys readable by others.
head -c 1024 /dev/urandom > "$dir/munge/munge.key"
chmod 400 "$dir/munge/munge.key"
munged --force --socket="$dir/munge/munge.socket" --key-file="$dir/munge/munge.key" \
  --pid-file="$dir/munged.pid" --log-file="$dir/munge/munged.log" --seed-file="$dir/munge/munged.seed"

# Free ports for slurmctld and slurmd, so a system Slurm on 6817/6818 does not clash.
read -r ctld_port slurmd_port < <(node -e '
  const net = require("net");
  const ports = [];
  const next = () => { const server = net.createServer().listen(0, "127.0.0.1", () => { ports.push(server.address().port); if (ports.length < 2) next(); else { console.log(ports.join(" ")); process.exit(0); } }); };
  next();
')
host=$(hostname -s)
# This node as slurmd sees it (real CPU count, sockets, cores, memory).
node_line=$(slurmd -C | head -1)

cat > "$dir/slurm.conf" <<CONF
ClusterName=crisis-sim-test
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$dir/munge/munge.socket
StateSaveLocation=$dir/state
SlurmdSpoolDir=$dir/spool
SlurmctldPidFile=$dir/slurmctld.pid
SlurmdPidFile=$dir/slurmd.pid
SlurmctldLogFile=$dir/slurmctld.log
SlurmdLogFile=$dir/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
MpiDefault=none
MailProg=/bin/true
ReturnToService=2
SchedulerParameters=defer_batch=0
$node_line State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
CONF

export SLURM_CONF="$dir/slurm.conf"
slurmctld -f "$SLURM_CONF"
slurmd -f "$SLURM_CONF"
for _ in $(seq 1 100); do
  state=$(sinfo -h -N -o '%t' 2>/dev/null | head -1 || true)
  if [ "$state" = idle ]; then
    if [ -n "${3:-}" ]; then
      # Stop the daemons once the process that started them is gone, even if it was killed
      # before it could stop them itself.
      nohup bash -c "while kill -0 $3 2>/dev/null; do sleep 2; done; bash '$(realpath "$0")' stop '$dir'" </dev/null >/dev/null 2>&1 &
    fi
    echo "SLURM_CONF=$SLURM_CONF"
    exit 0
  fi
  sleep 0.2
done
echo "the node did not become idle (state: ${state:-none}); logs in $dir" >&2
tail -5 "$dir/slurmctld.log" "$dir/slurmd.log" >&2 || true
stop
exit 4
