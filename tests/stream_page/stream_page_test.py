#!/usr/bin/env python3
"""The stream page (GET / on the stream port) in headless Chromium, over
Server-Sent Events and over a WebSocket: it shows the welcome, the ticks and
a routed message; when the network between browser and server goes away
(a relay the test cuts, see cuttable_proxy.py) and a message is sent
meanwhile, the page reconnects, says after which seq it resumed, and shows
that message; a gap larger than the server's history shows a reset.
Screenshots are kept as PNG files.

usage: stream_page_test.py BUILD_DIR OUT_DIR"""
import json
import os
import signal
import sys
import tempfile
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(TESTS / "support"))
sys.path.insert(0, str(TESTS / "dashboard"))
from comet_procs import Comet, Processes, wait_until  # noqa: E402
from cdp import start_headless  # noqa: E402
from cuttable_proxy import CuttableProxy  # noqa: E402

PATIENCE_S = 15
# The whole test, browser start-up included: then everything started ends.
DEADLINE_S = 55

# The page's log, oldest first: each line's kind, seq and text.
LOG_JS = """[...document.querySelectorAll('#log li')].reverse().map(li => (
  {kind: li.dataset.kind, seq: li.dataset.seq,
   text: li.querySelector('.text').textContent}))"""


class Failed(Exception):
    pass


def log_of(page):
    return page.evaluate(LOG_JS) or []


def expect(what, done, page):
    """Waits for done() to be truthy and returns it; fails with the page."""
    value = wait_until(done, PATIENCE_S, step=0.1)
    if not value:
        lines = "\n  ".join(f"{l['kind']} {l['seq']} {l['text']!r}"
                            for l in log_of(page)[-25:])
        status = page.evaluate("document.getElementById('status').innerText")
        raise Failed(f"{what}\nstatus: {status}\nlog (oldest first):\n  {lines}")
    return value


def send(comet, id, text):
    """POST /send; how many connections it reached."""
    status, _, body = comet.get("/send", body=json.dumps({"id": id, "msg": text}).encode())
    if status != 200:
        raise Failed(f"POST /send: {status} {body}")
    return json.loads(body)["delivered"]


def logged_in(comet):
    return json.loads(comet.get("/stats")[2])["logged_in"]


def index_of(lines, kind, text="", after=-1):
    """The first line of `kind` holding `text` past index `after`, or None."""
    for i, l in enumerate(lines):
        if i > after and l["kind"] == kind and text in l["text"]:
            return i
    return None


def watch(page, comet, proxy, id, transport):
    query = "&transport=ws" if transport == "ws" else ""
    page.navigate(f"http://127.0.0.1:{proxy.port}/?id={id}{query}")
    expect("the page does not show a welcome and two ticks", lambda: (
        page.evaluate("document.body.dataset.state") == "live"
        and index_of(log_of(page), "welcome", f"Your Id: {id}") is not None
        and index_of(log_of(page), "tick", f"Chunk 2 for id {id}") is not None), page)
    expect("the stream is not logged in", lambda: logged_in(comet) == 1, page)
    if send(comet, id, f"hello {id}") != 1:
        raise Failed("the message did not reach the page's stream")
    lines = expect("the routed message is not shown", lambda: (
        (l := log_of(page)) and index_of(l, "message", f"hello {id}") is not None and l), page)
    return lines[index_of(lines, "message", f"hello {id}")]["seq"]


def outage(page, comet, proxy, id, missed):
    """Cuts the network, sends `missed` messages, restores it; returns the
    page's log and the index of its reconnection line."""
    proxy.cut()
    expect("the page does not notice the cut",
           lambda: page.evaluate("document.body.dataset.state") == "reconnecting", page)
    expect("the server still has the stream", lambda: logged_in(comet) == 0, page)
    for text in missed:
        if send(comet, id, text) != 0:
            raise Failed("a message sent during the cut reached a stream")
    proxy.restore()
    def back():
        lines = log_of(page)
        at = index_of(lines, "reconnected")
        return (at is not None and index_of(lines, "message", missed[-1], at) is not None
                and page.evaluate("document.body.dataset.state") == "live"
                and (lines, at))
    return expect(f"the page does not reconnect and show {missed[-1]!r}", back, page)


def resumes(page, comet, proxy, id, transport, out_dir):
    seq = watch(page, comet, proxy, id, transport)
    lines, at = outage(page, comet, proxy, id, [f"meanwhile {id}"])
    if lines[at]["text"] != f"reconnected, resumed after seq {seq}":
        raise Failed(f"the reconnection line says {lines[at]['text']!r}, seq {seq}")
    status = page.evaluate("document.getElementById('status').innerText")
    if index_of(lines, "reset") is not None or "no reset: nothing missed" not in status:
        raise Failed(f"a reset though the history held what was missed: {status!r}")
    missed = lines[index_of(lines, "message", f"meanwhile {id}", at)]
    if not int(missed["seq"]) > int(seq):
        raise Failed(f"the missed message's seq {missed['seq']} is not after {seq}")
    expect("no tick after the reconnection", lambda: index_of(
        log_of(page), "tick", "", index_of(log_of(page), "reconnected")) is not None, page)
    page.screenshot(os.path.join(out_dir, f"stream-page-{transport}.png"))
    print(f"ok: {transport}: welcome, ticks and message seq {seq}; after the cut "
          f"'{lines[at]['text']}' and the missed message seq {missed['seq']}")


def resets(page, comet, proxy, id, out_dir):
    watch(page, comet, proxy, id, "sse")
    lines, at = outage(page, comet, proxy, id, [f"lost {id}", f"kept {id}"])
    reset = index_of(lines, "reset", "", at)
    if reset is None or index_of(lines, "message", f"lost {id}") is not None:
        raise Failed("a gap larger than the history shows no reset")
    status = page.evaluate("document.getElementById('status').innerText")
    if "resets 1: messages were missed" not in status:
        raise Failed(f"the status line does not tell of the reset: {status!r}")
    page.screenshot(os.path.join(out_dir, "stream-page-reset.png"))
    print(f"ok: sse: a gap beyond the history: '{lines[reset]['text']}'")


def on_deadline(*_):
    raise Failed(f"not done within {DEADLINE_S} s")


def run(procs, profile, proxies, out_dir, build_dir):
    # A history of one message per Id: two sent during a cut overflow it.
    comet = Comet(procs, build_dir, tick="300ms", extra=["--streams.history-size=1"])
    # Each scenario's page must end its stream when the next one opens, not
    # keep it in the back-forward cache.
    page = start_headless(procs, profile, window="1000,760",
                          flags=["--disable-features=BackForwardCache"])
    for id, transport in (("browser1", "sse"), ("browser2", "ws")):
        proxies.append(CuttableProxy(comet.port))
        resumes(page, comet, proxies[-1], id, transport, out_dir)
    proxies.append(CuttableProxy(comet.port))
    resets(page, comet, proxies[-1], "browser3", out_dir)
    page.close()


def main():
    build_dir, out_dir = sys.argv[1], sys.argv[2]
    os.makedirs(out_dir, exist_ok=True)
    signal.signal(signal.SIGALRM, on_deadline)
    signal.alarm(DEADLINE_S)
    failure, proxies = None, []
    # The browser ends (Processes) before its profile is removed; its
    # helpers may still write there as they die.
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as profile, \
            Processes() as procs:
        try:
            run(procs, profile, proxies, out_dir, build_dir)
        except Failed as e:
            failure = e
        finally:
            signal.alarm(0)  # what was started ends now, uninterrupted
            for proxy in proxies:
                proxy.close()
    if failure:
        sys.exit(f"FAIL: {failure}")
    print(f"screenshots in {out_dir}")
    print("3 passed, 0 failed")


if __name__ == "__main__":
    main()
