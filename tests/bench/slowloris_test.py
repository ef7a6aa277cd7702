#!/usr/bin/env python3
"""Runs bench/slowloris small (500 slow connections, a 3 s request timeout,
40 probes, 3 clients that stop reading) and checks its verdicts: every slow
connection got its 408, every probe was served, every non-reader was closed
as a slow reader, and the held streams lost nothing.

usage: slowloris_test.py BUILD_DIR OUT_DIR"""
import json
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

from bench_check import check_nothing_left, fail, run_bench

SLOW, PROBES, NON_READERS = 500, 40, 3


def main():
    build_dir, out_dir = sys.argv[1], sys.argv[2]
    lines = run_bench("slowloris", [f"--slow={SLOW}", "--held=200",
                                    "--request-timeout=3s",
                                    f"--probes={PROBES}",
                                    f"--non-readers={NON_READERS}"],
                      build_dir, out_dir, timeout=120)
    if len(lines) != 1:
        fail(f"{len(lines)} JSON lines, not 1", json.dumps(lines))
    f = lines[0]
    text = json.dumps(f)
    if f["slow_opened"] < SLOW or f["slow_got_408"] != f["slow_opened"]:
        fail("a slow connection did not get its 408", text)
    if f["probes_served"] != PROBES or f["welcome_max_ms"] is None:
        fail("a new stream was not served during the attack", text)
    if (f["non_readers_slow_closed"] != NON_READERS
            or f["non_readers_saw_close"] != NON_READERS):
        fail("a client that stopped reading was not closed", text)
    if f["held_closed"] != 0 or f["held_gaps"] != 0:
        fail("a held stream closed or missed a chunk", text)
    check_nothing_left(build_dir)
    print(f"ok: {text}")


if __name__ == "__main__":
    main()
