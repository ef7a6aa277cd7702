#!/usr/bin/env python3
"""The dashboard (GET / on the control port) in headless Chromium: the page
is served without the token and says it needs one; with #token= it draws,
and its numbers move while floodtest opens streams and the test broadcasts;
a cluster's head shows every node. Screenshots are kept as PNG files.

usage: dashboard_test.py BUILD_DIR OUT_DIR"""
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from comet_procs import Comet, Processes, open_streams, wait_until  # noqa: E402
from cdp import start_headless  # noqa: E402

TOKEN = "dash-secret"
STREAMS = 200
PATIENCE_S = 20


def fail(why, page=None):
    state = ""
    if page:
        state = "\npage: " + str(page.evaluate("document.body.innerText"))
    sys.exit(f"FAIL: {why}{state}")


def value(page, chart):
    """The number a chart shows for the whole service, None when none yet."""
    v = page.evaluate(f"document.getElementById('now-{chart}').dataset.value")
    return float(v) if v else None


def open_dashboard(page, comet, fragment, state):
    # A new query string each time, so that the browser loads the page anew.
    page.navigate(f"http://127.0.0.1:{comet.control_port}/?t={time.monotonic()}"
                  f"#{fragment}")
    if not wait_until(lambda: page.evaluate("document.body && document.body.dataset.state")
                      == state, PATIENCE_S):
        fail(f"the page never reached state {state}", page)


def moving_numbers(page, comet, build_dir, procs, out_dir):
    open_dashboard(page, comet, f"token={TOKEN}&interval=0.5&minutes=1", "live")
    if value(page, "connections") != 0:
        fail("connections before any stream", page)
    urls = Path(out_dir) / "dashboard-urls.txt"
    flood = os.path.join(build_dir, "bin", "floodtest")
    with open(urls, "w") as f:
        f.write(os.popen(f"{flood} --make-urls={STREAMS} "
                         f"http://127.0.0.1:{comet.port}/test/").read())
    procs.start("floodtest", [flood, str(urls), "10", "--duration=30s"])
    seen = []
    def grown():
        comet.get("/broadcast", body=b'{"msg":"dashboard"}')
        seen.append(value(page, "connections"))
        return (seen[-1] == STREAMS and (value(page, "chunks") or 0) > 0
                and (value(page, "messages") or 0) > 0
                and value(page, "lateness") is not None)
    if not wait_until(grown, PATIENCE_S, step=0.3):
        fail(f"the numbers did not reach {STREAMS} streams: {seen}", page)
    steps = sorted(set(v for v in seen if v is not None))
    if len(steps) < 3:
        fail(f"the page did not update as streams opened: {seen}", page)
    rss = value(page, "rss")
    if not rss or rss <= 0:
        fail(f"RSS per connection: {rss}", page)
    for _ in range(8):  # a few more points on every chart, messages too
        comet.get("/broadcast", body=b'{"msg":"dashboard"}')
        time.sleep(0.25)
    page.screenshot(os.path.join(out_dir, "dashboard.png"))
    print(f"ok: connections went {steps[0]:.0f} -> {steps[-1]:.0f} over "
          f"{len(steps)} values; chunks/s {value(page, 'chunks'):.0f}, "
          f"messages/s {value(page, 'messages'):.1f}, RSS/conn {rss:.0f} B, "
          f"tick p99 {value(page, 'lateness'):.2f} ms")


def every_node(page, head, out_dir):
    open_dashboard(page, head, f"token={TOKEN}&interval=0.5&minutes=1", "live")
    streams = open_streams(head.port, "n", 8)
    def listed():
        legend = page.evaluate("document.getElementById('legend-connections').innerText")
        return legend if all(n in legend for n in ("head", "w1", "w2")) else None
    legend = wait_until(lambda: value(page, "connections") == 8 and listed(),
                        PATIENCE_S, step=0.3)
    if not legend:
        fail("a cluster's nodes are not drawn", page)
    time.sleep(1.5)
    page.screenshot(os.path.join(out_dir, "dashboard-cluster.png"))
    print("ok: per node: " + legend)
    for s in streams:
        s.close()


def main():
    build_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    # The browser ends (Processes) before its profile is removed; its
    # helpers may still write there as they die.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile, \
            Processes() as procs:
        comet = Comet(procs, build_dir, token=TOKEN, tick="200ms")
        page = start_headless(procs, profile)
        open_dashboard(page, comet, "", "unauthorized")
        print("ok: the page is served without the token and asks for it")
        moving_numbers(page, comet, build_dir, procs, out_dir)
        head = Comet(procs, build_dir, token=TOKEN, tick="200ms",
                     extra=["--cluster.workers=2"])
        every_node(page, head, out_dir)
        page.close()
    print(f"screenshots in {out_dir}")
    print("3 passed, 0 failed")


if __name__ == "__main__":
    main()
