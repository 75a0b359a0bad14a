#!/usr/bin/env python3
"""Recompute every hash of a Beamchain chain from the output of `read --json`.

Uses nothing but SHA-256 and the header layout in the README (96 bytes, integers
big-endian), so it checks the node's hashes without trusting the node's code.

    printf 'read --json\n' | dotnet run --project src/Node > chain.json
    python3 scripts/verify_chain.py chain.json        # or: ... | python3 scripts/verify_chain.py

Exit status: 0 when every block checks out, 1 when one does not (it says which and why).
"""
import hashlib
import json
import struct
import sys


def header_bytes(block):
    """version 4 | height 8 | timestamp 8 | previous hash 32 | data hash 32 | bits 4 | nonce 8."""
    return (struct.pack(">IQq", block["version"], block["height"], block["timestamp"])
            + bytes.fromhex(block["previousHash"])
            + bytes.fromhex(block["dataHash"])
            + struct.pack(">IQ", block["bits"], block["nonce"]))


def target_from_bits(bits):
    """Bitcoin's compact form: mantissa (low 3 bytes) x 256^(exponent - 3)."""
    exponent, mantissa = bits >> 24, bits & 0x7FFFFF
    return mantissa << (8 * (exponent - 3)) if exponent >= 3 else mantissa >> (8 * (3 - exponent))


def verify(blocks):
    problems = []
    # A range that starts above genesis takes its first previous hash on trust.
    previous = "00" * 32 if blocks and blocks[0]["height"] == 0 else None
    for block in blocks:
        height = block["height"]
        header = header_bytes(block)
        assert len(header) == 96
        data_hash = hashlib.sha256(block["data"].encode("utf-8")).hexdigest().upper()
        block_hash = hashlib.sha256(header).hexdigest().upper()
        if data_hash != block["dataHash"].upper():
            problems.append(f"block {height}: data hashes to {data_hash}, not {block['dataHash']}")
        if previous is not None and block["previousHash"].upper() != previous:
            problems.append(f"block {height}: previous hash {block['previousHash']} is not block {height - 1}'s {previous}")
        if block_hash != block["hash"].upper():
            problems.append(f"block {height}: header hashes to {block_hash}, not {block['hash']}")
        if int(block_hash, 16) > target_from_bits(block["bits"]):
            problems.append(f"block {height}: hash {block_hash} is above its target (bits 0x{block['bits']:08x})")
        previous = block_hash
    return problems


def main():
    source = open(sys.argv[1], encoding="utf-8") if len(sys.argv) > 1 else sys.stdin
    blocks = json.load(source)["blocks"]
    problems = verify(blocks)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"ok: {len(blocks)} block(s), every hash recomputed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
