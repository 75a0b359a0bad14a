#!/usr/bin/env bash
# Total hash rate of two nodes with one CPU thread each against one node with both threads,
# run one after the other on this machine (issue 4's "two nodes of one core each" figure).
# Each configuration mines N blocks at --block-time 3s; blocks 5..N are summed (the first
# ones calibrate the miners and raise the difficulty). Run from the project root:
#
#   scripts/bench-split.sh [blocks]      # default 14
set -euo pipefail
blocks=${1:-14}
dotnet build -c Release src/Node >/dev/null
dll=src/Node/bin/Release/net10.0/beamchain.dll
dir=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$dir"' EXIT
requests() { for i in $(seq 1 "$blocks"); do echo "mine $1-$i"; done; }

requests one | dotnet "$dll" --cluster single --port 4111 --data-dir "$dir/one" --cpu-threads 2 --block-time 3s > "$dir/one.out" 2>&1

# node a stays up (its input held open) until node b has mined every request.
mkfifo "$dir/a.in"
dotnet "$dll" --cluster single --port 4121 --node-name two-a --data-dir "$dir/a" --cpu-threads 1 --block-time 3s < "$dir/a.in" > "$dir/a.out" 2>&1 &
exec 3> "$dir/a.in"
for _ in $(seq 1 300); do grep -q 'listening on' "$dir/a.out" 2>/dev/null && break; sleep 0.1; done
requests two | dotnet "$dll" --cluster seed --seed 127.0.0.1:4121 --port 4122 --node-name two-b --data-dir "$dir/b" --cpu-threads 1 --block-time 3s > "$dir/b.out" 2>&1
exec 3>&-
wait

python3 - "$dir" <<'PY'
import re, sys
d = sys.argv[1]
rates = {}
for name, label in (('one', 'one node, 2 threads'), ('b', 'two nodes, 1 thread each')):
    seconds = nonces = 0
    for line in open(f'{d}/{name}.out'):
        m = re.match(r'block (\d+) mined in ([\d.]+) s at [\d.]+ MH/s.*nonces per node: (.*)', line)
        if m and int(m.group(1)) >= 5:
            seconds += float(m.group(2))
            nonces += sum(int(x.split()[-1]) for x in m.group(3).split(', '))
    rates[name] = nonces / seconds / 1e6 if seconds else 0.0
    print(f'{label}: {nonces} nonces in {seconds:.1f} s = {rates[name]:.2f} MH/s')
if rates['one']:
    print(f"two nodes / one node: {rates['b'] / rates['one'] * 100:.0f}%")
PY
