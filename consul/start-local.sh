#!/usr/bin/env bash
# Starts a local Beamchain cluster: Consul (the real agent when `consul` is on the PATH, else the
# HTTP API double from tests/ConsulDouble) and N nodes on 127.0.0.1 with their own ports and data
# directories. Nodes 1..N-1 run in the background (logs in $BEAMCHAIN_LOCAL/node-<i>.log); node N
# runs in the foreground with its prompt. Leaving that prompt (exit, or Ctrl-D) stops everything.
#
#   consul/start-local.sh [N]        (default N=3; ports 4021..402N; Consul on 127.0.0.1:8500)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-3}
local_dir=${BEAMCHAIN_LOCAL:-$PWD/.beamchain-local}
mkdir -p "$local_dir"
pids=()
cleanup() {
  exec 3>&- 2>/dev/null || true
  # Nodes leave on their own once their input ends; Consul (and stragglers) are stopped.
  sleep 2
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

if command -v consul >/dev/null; then
  consul agent -dev -config-file consul/dev.hcl >"$local_dir/consul.log" 2>&1 &
  pids+=($!)
  echo "started consul agent -dev (log: $local_dir/consul.log)"
else
  dotnet run --project tests/ConsulDouble -- --port 8500 >"$local_dir/consul.log" 2>&1 &
  pids+=($!)
  echo "no consul binary: started the Consul HTTP API double on 127.0.0.1:8500 (log: $local_dir/consul.log)"
fi

for _ in $(seq 1 60); do
  curl -sf http://127.0.0.1:8500/v1/status/leader >/dev/null 2>&1 && break
  sleep 0.5
done

dotnet build src/Node -c Release -v q >/dev/null
node=(dotnet src/Node/bin/Release/net10.0/beamchain.dll --cluster consul --consul 127.0.0.1:8500)
# Background nodes read a FIFO this script holds open: when the script ends, they see the end of
# their input, finish the requests they queued (none) and leave the cluster gracefully.
hold="$local_dir/hold"
rm -f "$hold" && mkfifo "$hold"
exec 3<>"$hold"
for i in $(seq 1 $((count - 1))); do
  "${node[@]}" --port $((4020 + i)) --node-name "node-$i" --data-dir "$local_dir/node-$i" <"$hold" >"$local_dir/node-$i.log" 2>&1 &
  pids+=($!)
  echo "started node-$i on 127.0.0.1:$((4020 + i)) (log: $local_dir/node-$i.log)"
done

"${node[@]}" --port $((4020 + count)) --node-name "node-$count" --data-dir "$local_dir/node-$count"
