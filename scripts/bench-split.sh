#!/usr/bin/env bash
# Total hash rate of two nodes with one CPU thread each against one node with both threads,
# run one after the other on this machine (issue 4's "two nodes of one core each" figure).
# Each configuration mines N blocks at --block-time 3s. Its rate is every nonce its miners
# hashed (from `status --json`, so work cut short when a block lands counts too) over the seconds
# its blocks took to mine. Run from the project root:
#
#   scripts/bench-split.sh [blocks]      # default 14
set -euo pipefail
blocks=${1:-14}
dotnet build -c Release src/Node >/dev/null
dll=src/Node/bin/Release/net10.0/beamchain.dll
dir=$(mktemp -d)
trap 'kill $(jobs -p) 2>/dev/null || true; [ -n "${KEEP:-}" ] || rm -rf "$dir"' EXIT

await_line() { # file pattern: waits up to 10 minutes for a line matching pattern
  for _ in $(seq 1 6000); do grep -qE "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1" >&2; exit 1
}

# start NAME ARGS...: a node whose input is the fifo $dir/NAME.in, held open on a new descriptor.
declare -A fd
start() {
  local name=$1; shift
  mkfifo "$dir/$name.in"
  dotnet "$dll" --data-dir "$dir/$name" --node-name "$name" --block-time 3s "$@" < "$dir/$name.in" > "$dir/$name.out" 2>&1 &
  exec {fd[$name]}> "$dir/$name.in"
  await_line "$dir/$name.out" 'listening on'
}
say() { echo "$2" >&"${fd[$1]}"; }
finish() {
  for name in "$@"; do say "$name" "status --json"; await_line "$dir/$name.out" '^\{"version":'; exec {fd[$name]}>&-; done
  wait
}

start one --cluster single --port 4111 --cpu-threads 2
for i in $(seq 1 "$blocks"); do say one "mine one-$i"; done
await_line "$dir/one.out" "^block $blocks mined"
finish one

start a --cluster single --port 4121 --cpu-threads 1
start b --cluster seed --seed 127.0.0.1:4121 --port 4122 --cpu-threads 1
for i in $(seq 1 "$blocks"); do say b "mine two-$i"; done
await_line "$dir/b.out" "^block $blocks mined"
finish a b

python3 - "$dir" <<'PY'
import json, re, sys
d = sys.argv[1]
def hashed(node):
    documents = [json.loads(line) for line in open(f'{d}/{node}.out') if line.startswith('{"version":')]
    return sum(device['hashed'] for device in documents[-1]['devices'])
def figures(mined_by, nodes):
    seconds = sum(float(m.group(1)) for line in open(f'{d}/{mined_by}.out')
                  if (m := re.match(r'block \d+ mined in ([\d.]+) s', line)))
    nonces = sum(hashed(n) for n in nodes)
    return nonces, seconds, nonces / seconds / 1e6
one = figures('one', ['one'])
two = figures('b', ['a', 'b'])
print(f'one node, 2 threads:      {one[0]} nonces in {one[1]:.1f} s of mining = {one[2]:.2f} MH/s')
print(f'two nodes, 1 thread each: {two[0]} nonces in {two[1]:.1f} s of mining = {two[2]:.2f} MH/s')
print(f'two nodes / one node: {two[2] / one[2] * 100:.0f}%')
PY
