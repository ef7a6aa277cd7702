#!/usr/bin/env python3
"""Runs bench/million at a small scale and checks what it printed: one JSON
line per step with every key and sane figures, the load's line with nothing
lost, the plot drawn, and no process left behind.

usage: million_test.py BUILD_DIR OUT_DIR"""
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
STEP_KEYS = ["connections", "all_active_s", "ramp_conn_per_s",
             "server_rss_total", "server_bytes_per_conn",
             "floodtest_bytes_per_conn", "kernel_bytes_per_conn",
             "mem_available", "closed"]
LOAD_KEYS = ["acknowledged", "received", "lost", "delivery_p50_ms",
             "delivery_p99_ms", "delivery_max_ms", "server_cpu_pct",
             "client_cpu_pct"]
STEPS = [10_000, 20_000]
RATE, DURATION_S = 2000, 10


def fail(why, output=""):
    print(f"FAIL: {why}\n{output}", file=sys.stderr)
    sys.exit(1)


def leftovers(build_dir):
    """Processes still running one of the build's binaries."""
    out = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            exe = os.readlink(f"/proc/{pid}/exe")
        except OSError:
            continue
        if exe.startswith(str(Path(build_dir).resolve() / "bin")):
            out.append(f"{pid} {exe}")
    return out


def main():
    build_dir, out_dir = sys.argv[1], sys.argv[2]
    run = subprocess.run(
        [sys.executable, str(REPO / "bench" / "million"),
         "--steps=" + ",".join(map(str, STEPS)), f"--rate={RATE}",
         "--workers=2", f"--duration={DURATION_S}s", "--tick=5s",
         f"--build-dir={build_dir}", f"--out-dir={out_dir}"],
        capture_output=True, text=True, timeout=400)
    if run.returncode != 0:
        fail(f"exit {run.returncode}", run.stderr[-4000:])
    lines = [json.loads(l) for l in run.stdout.splitlines() if l.strip()]
    if len(lines) != len(STEPS) + 1:
        fail(f"{len(lines)} JSON lines, not {len(STEPS) + 1}", run.stdout)
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
    if left := leftovers(build_dir):
        fail("processes left running", "\n".join(left))
    print(f"ok: {json.dumps(steps[-1])}\n{json.dumps(load)}")


if __name__ == "__main__":
    main()
