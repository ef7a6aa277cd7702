#!/usr/bin/env python3
"""Runs bench/million at a small scale and checks what it printed: one JSON
line per step with every key and sane figures, the load's line with nothing
lost, the plot drawn, and no process left behind.

usage: million_test.py BUILD_DIR OUT_DIR"""
import json
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
from pathlib import Path

from bench_check import check_nothing_left, fail, run_bench

STEP_KEYS = ["connections", "all_active_s", "ramp_conn_per_s",
             "server_rss_total", "server_bytes_per_conn",
             "floodtest_bytes_per_conn", "kernel_bytes_per_conn",
             "mem_available", "closed"]
LOAD_KEYS = ["acknowledged", "received", "lost", "delivery_p50_ms",
             "delivery_p99_ms", "delivery_max_ms", "server_cpu_pct",
             "client_cpu_pct"]
STEPS = [10_000, 20_000]
RATE, DURATION_S = 2000, 10


def main():
    build_dir, out_dir = sys.argv[1], sys.argv[2]
    lines = run_bench("million",
                      ["--steps=" + ",".join(map(str, STEPS)), f"--rate={RATE}",
                       "--workers=2", f"--duration={DURATION_S}s", "--tick=5s"],
                      build_dir, out_dir, timeout=400)
    if len(lines) != len(STEPS) + 1:
        fail(f"{len(lines)} JSON lines, not {len(STEPS) + 1}", json.dumps(lines))
    *steps, load = lines
    for n, step in zip(STEPS, steps):
        missing = [k for k in STEP_KEYS if k not in step]
        if missing:
            fail(f"step {n} lacks {missing}", json.dumps(step))
        if step["connections"] != n or step["closed"] != 0:
            fail(f"step {n}", json.dumps(step))
        # Every figure a process can hold per stream, fixed costs and all:
        # far above these would mean something is counted wrong or leaks.
        if not (1000 < step["server_bytes_per_conn"] < 10_000
                and 100 < step["floodtest_bytes_per_conn"] < 5_000
                and 1000 < step["kernel_bytes_per_conn"] < 30_000
                and step["ramp_conn_per_s"] > 0):
            fail(f"step {n} figures out of range", json.dumps(step))
    missing = [k for k in LOAD_KEYS if k not in load]
    if missing:
        fail(f"the load's line lacks {missing}", json.dumps(load))
    expected = RATE * DURATION_S
    if not (0.9 * expected <= load["acknowledged"] <= 1.05 * expected):
        fail(f"acknowledged {load['acknowledged']}, asked {expected}",
             json.dumps(load))
    if load["lost"] != 0 or load["received"] != load["acknowledged"]:
        fail("messages lost", json.dumps(load))
    png = Path(load["out_dir"]) / "steps.png"
    if not png.is_file() or png.read_bytes()[:4] != b"\x89PNG":
        fail(f"no plot at {png}")
    check_nothing_left(build_dir)
    print(f"ok: {json.dumps(steps[-1])}\n{json.dumps(load)}")


if __name__ == "__main__":
    main()
