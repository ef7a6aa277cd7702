#!/usr/bin/env python3
"""caf_cycle.py REPORT: exits 0 if REPORT is a LeakSanitizer report of a
cycle that CAF's BASP broker keeps at a node's exit, else 1.

Why: CAF 0.17's BASP broker and the spawn server it starts for each peer
node can be left referencing each other when a cluster node exits while that
actor still waits (seen a few times in a hundred exits). LeakSanitizer
reports such a cycle as indirect leaks only. The cycle holds what the
broker's proxies reach: CAF's blocks, and at times the one actor of ours
that talked to the peer (a worker's head link, the head's cluster service),
allocated by CAF's make_actor template. A suppression cannot name them all
(Debian's libcaf has no symbols for some of them), and suppressing libcaf by
module would also hide our own leaks, whose stacks pass through CAF's
scheduler. So a report passes only when it has no direct leak, holds the
BASP broker itself, and every block was allocated by CAF: in libcaf, or by
its make_actor template. A leak of ours has a direct leak,
or a block whose allocating frame is ours: this passes neither."""
import re
import sys

FRAME_1 = re.compile(r"^\s+#1 ")
# libcaf itself, or CAF's make_actor template instantiated in our binary
# (its frame names the function, and its header only when it has lines).
CAF_FRAME = ("/libcaf_", " caf::make_actor<")


def only_caf_cycle(text):
    if "ERROR: LeakSanitizer: detected memory leaks" not in text:
        return False
    if "Direct leak" in text:
        return False
    if "caf::io::basp_broker" not in text:
        return False
    blocks = text.split("Indirect leak of ")[1:]
    if not blocks:
        return False
    for block in blocks:
        first = [line for line in block.splitlines() if FRAME_1.match(line)]
        if not first or not any(where in first[0] for where in CAF_FRAME):
            return False
    return True


if __name__ == "__main__":
    with open(sys.argv[1], encoding="utf-8", errors="replace") as f:
        sys.exit(0 if only_caf_cycle(f.read()) else 1)
