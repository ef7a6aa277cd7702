#!/usr/bin/env python3
"""caf_cycle.py REPORT: exits 0 if REPORT is a LeakSanitizer report of a
cycle of blocks that CAF alone allocated, else 1.

Why: CAF 0.17's BASP broker and the spawn server it starts for each peer
node can be left referencing each other when a cluster node exits while that
actor still waits (seen once in about forty exits). LeakSanitizer reports
such a cycle as indirect leaks only, each allocated by a CAF frame; a
suppression cannot name them all (Debian's libcaf has no symbols for some of
them), and suppressing libcaf by module would also hide our own leaks, whose
stacks pass through CAF's scheduler. A leak of ours has a direct leak, or a
block whose allocating frame is ours: this passes neither."""
import re
import sys

FRAME_1 = re.compile(r"^\s+#1 ")


def only_caf_cycle(text):
    if "ERROR: LeakSanitizer: detected memory leaks" not in text:
        return False
    if "Direct leak" in text:
        return False
    blocks = text.split("Indirect leak of ")[1:]
    if not blocks:
        return False
    for block in blocks:
        first = [line for line in block.splitlines() if FRAME_1.match(line)]
        if not first or "/libcaf_" not in first[0]:
            return False
    return True


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        sys.exit(0 if only_caf_cycle(f.read()) else 1)
