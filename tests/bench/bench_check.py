"""What the bench tests share: run one of bench/'s scripts small, read its
JSON lines, fail with its output, and find processes it left behind."""
import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def fail(why, output=""):
    print(f"FAIL: {why}\n{output}", file=sys.stderr)
    sys.exit(1)


def leftovers(build_dir):
    """Processes still running one of the build's binaries or bench/'s
    client programs."""
    bins = str(Path(build_dir).resolve() / "bin")
    tools = str(REPO / "bench")
    out = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            exe = os.readlink(f"/proc/{pid}/exe")
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                argv = f.read().split(b"\0")
        except OSError:
            continue
        script = argv[1].decode(errors="replace") if len(argv) > 1 else ""
        if exe.startswith(bins) or (script.startswith(tools)
                                    and script.endswith(".py")):
            out.append(f"{pid} {exe} {script}")
    return out


def run_bench(name, options, build_dir, out_dir, timeout):
    """bench/<name> with `options`; its JSON lines (fails the test on a
    non-zero exit)."""
    run = subprocess.run(
        [sys.executable, str(REPO / "bench" / name), *options,
         f"--build-dir={build_dir}", f"--out-dir={out_dir}"],
        capture_output=True, text=True, timeout=timeout)
    if run.returncode != 0:
        fail(f"bench/{name}: exit {run.returncode}", run.stderr[-4000:])
    return [json.loads(line) for line in run.stdout.splitlines() if line.strip()]


def check_nothing_left(build_dir):
    if left := leftovers(build_dir):
        fail("processes left running", "\n".join(left))
