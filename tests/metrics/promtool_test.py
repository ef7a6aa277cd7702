#!/usr/bin/env python3
"""`promtool check metrics` (Debian's prometheus package) accepts what
GET /metrics answers: a single process with streams and routed messages,
and a cluster's head, whose output adds the per-node families.

usage: promtool_test.py BUILD_DIR"""
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from comet_procs import Comet, Processes, open_streams, wait_until  # noqa: E402

TOKEN = "promtool-secret"


def check(comet, what):
    status, content_type, text = comet.get("/metrics")
    if status != 200:
        sys.exit(f"FAIL: {what}: /metrics answered {status}: {text}")
    if content_type != "text/plain; version=0.0.4; charset=utf-8":
        sys.exit(f"FAIL: {what}: Content-Type {content_type}")
    run = subprocess.run(["promtool", "check", "metrics"], input=text,
                         capture_output=True, text=True, timeout=30)
    if run.returncode != 0 or run.stdout.strip() or run.stderr.strip():
        sys.exit(f"FAIL: {what}: promtool says:\n{run.stdout}{run.stderr}\n"
                 f"--- the output:\n{text}")
    print(f"ok: {what}: {len(text.splitlines())} lines accepted")


def main():
    build_dir = sys.argv[1]
    with Processes() as procs:
        alone = Comet(procs, build_dir, token=TOKEN)
        streams = open_streams(alone.port, "p", 3)
        alone.get("/send", body=b'{"id":"p1","msg":"hi"}')
        alone.get("/broadcast", body=b'{"msg":"all"}')
        alone.get("/nowhere")
        check(alone, "one process")
        head = Comet(procs, build_dir, token=TOKEN,
                     extra=["--cluster.workers=2"])
        streams += open_streams(head.port, "c", 4)
        if not wait_until(lambda: '"ids":4' in head.get("/stats")[2], 10):
            sys.exit("FAIL: the cluster never held 4 ids")
        check(head, "a cluster's head")
        for s in streams:
            s.close()
    print("2 passed, 0 failed")


if __name__ == "__main__":
    main()
