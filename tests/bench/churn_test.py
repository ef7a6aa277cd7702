#!/usr/bin/env python3
"""Runs bench/churn small (1,000 held streams, 200 churn connections a
second for 15 s after a 5 s warm-up; messages kept 3 s) and checks its
verdicts: no held stream closed or missing a chunk, no message lost, and the
server's heap in use, open files, router and ticker back within 2 % of where
they started. RSS is reported, not judged: at this size a few pages are
more than 2 %.

usage: churn_test.py BUILD_DIR OUT_DIR"""
import json
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

from bench_check import check_nothing_left, fail, run_bench

STREAMS, CHURN_RATE, DURATION_S = 1000, 200, 15
MUST_RETURN = ("heap_bytes", "open_files", "ids", "logged_in", "ticking", "connections",
               "streams")


def main():
    build_dir, out_dir = sys.argv[1], sys.argv[2]
    lines = run_bench("churn", [f"--streams={STREAMS}",
                                f"--churn-rate={CHURN_RATE}",
                                f"--duration={DURATION_S}s", "--rate=200",
                                "--warmup=5s",
                                "--server-arg=--streams.history-ttl=3s"],
                      build_dir, out_dir, timeout=120)
    if len(lines) != 1:
        fail(f"{len(lines)} JSON lines, not 1", json.dumps(lines))
    f = lines[0]
    text = json.dumps(f)
    if f["closed"] != 0 or f["gaps"] != 0 or f["lost"] != 0:
        fail("held streams closed, missed a chunk or lost a message", text)
    if f["acknowledged"] < 0.9 * 200 * DURATION_S:
        fail("msggen's messages were not acknowledged", text)
    if f["churn_made"] < 0.9 * CHURN_RATE * DURATION_S:
        fail("the churner did not keep its rate", text)
    if f["churn_failures"]:
        fail("churn connections failed", text)
    if set(f["churn_kinds"]) != {"bare", "partial", "stream", "reset"}:
        fail("a kind of churn is missing", text)
    # `ticking` counts pending ticks: a tick on its way to its stream (1 s
    # tick) is not pending at that moment.
    if f["start"]["streams"] != STREAMS or \
            abs(f["start"]["ticking"] - STREAMS) > 0.02 * STREAMS:
        fail("the start is not the held streams", text)
    if not all(f["within_2pct"][key] for key in MUST_RETURN):
        fail("the footprint did not return", text)
    check_nothing_left(build_dir)
    print(f"ok: {text}")


if __name__ == "__main__":
    main()
