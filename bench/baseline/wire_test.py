#!/usr/bin/env python3
"""comet-baseline's bytes against caf-comet's wire format, written out here
independently of both servers: one stream's head, welcome and two ticks, then
one POST /send whose chunk restarts the interval, and GET /stats.

Usage: wire_test.py BINARY VERSION. Exit 0 when every byte matches."""
import http.client
import json
import re
import socket
import subprocess
import sys
import time

TICK_S = 0.2
READY = re.compile(r"caf-comet listening on [^ ]*:(\d+) control=[^ ]*:(\d+)")


def frame(payload):
    data = payload.encode()
    return b"%x\r\n%s\r\n" % (len(data), data)


def stream_head(version):
    return (f"HTTP/1.1 200 OK\r\nServer: caf-comet/{version}\r\n"
            "Content-Type: text/html; charset=utf-8\r\n"
            "Transfer-Encoding: chunked\r\nCache-Control: no-cache\r\n\r\n"
            ).encode()


def read_exactly(sock, n, timeout):
    sock.settimeout(timeout)
    data = b""
    while len(data) < n:
        part = sock.recv(n - len(data))
        if not part:
            break
        data += part
    return data


def post(port, path, body):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("POST", path, body=json.dumps(body),
                 headers={"Content-Type": "application/json"})
    response = conn.getresponse()
    return response.status, json.loads(response.read())


def get(port, path):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.request("GET", path)
    response = conn.getresponse()
    return response.status, json.loads(response.read())


def expect(what, got, wanted):
    if got != wanted:
        raise AssertionError(f"{what}:\n  got    {got!r}\n  wanted {wanted!r}")


def check(port, control_port, version):
    ident = "wire-1"
    with socket.create_connection(("127.0.0.1", port)) as s:
        s.sendall(f"GET /test/{ident} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
        start = time.monotonic()
        first = (stream_head(version)
                 + frame(f"Mochiconntest welcomes you! Your Id: {ident}\n"))
        expect("head and welcome", read_exactly(s, len(first), 2), first)
        ticks = (frame(f"Chunk 1 for id {ident}\n")
                 + frame(f"Chunk 2 for id {ident}\n"))
        expect("two ticks", read_exactly(s, len(ticks), 2 + 3 * TICK_S), ticks)
        elapsed = time.monotonic() - start
        if not 2 * TICK_S * 0.9 <= elapsed <= 2 * TICK_S + 1:
            raise AssertionError(f"two ticks took {elapsed:.3f} s")
        status, answer = post(control_port, "/send",
                              {"id": ident, "msg": "<a&'b'>"})
        expect("POST /send", (status, answer), (200, {"delivered": 1}))
        routed = frame("Recvd msg #3: '&lt;a&amp;&#39;b&#39;&gt;'<br/>")
        expect("routed message", read_exactly(s, len(routed), 2), routed)
        # The message restarted the interval: the next tick is chunk 4.
        tick4 = frame(f"Chunk 4 for id {ident}\n")
        expect("tick after it", read_exactly(s, len(tick4), 2), tick4)
        status, stats = get(control_port, "/stats")
        expect("GET /stats status", status, 200)
        for key, wanted in (("streams", 1), ("ids", 1), ("logged_in", 1),
                            ("connections", 1), ("messages_routed", 1)):
            expect(f"stats {key}", stats.get(key), wanted)
        if stats["chunks_sent"] < 5 or stats["rss_bytes"] <= 0:
            raise AssertionError(f"stats: {stats}")
    status, answer = post(control_port, "/send", {"id": "bad id", "msg": "x"})
    expect("POST /send with a bad id", status, 400)


def main():
    binary, version = sys.argv[1], sys.argv[2]
    server = subprocess.Popen(
        [binary, "--server.address=127.0.0.1", "--server.port=0",
         "--control.address=127.0.0.1", "--control.port=0",
         f"--server.tick-interval={int(TICK_S * 1000)}ms"],
        stdout=subprocess.PIPE, text=True)
    try:
        ready = READY.search(server.stdout.readline())
        if not ready:
            raise AssertionError("no ready line")
        check(int(ready.group(1)), int(ready.group(2)), version)
        server.terminate()
        expect("exit code on SIGTERM", server.wait(5), 0)
    finally:
        if server.poll() is None:
            server.kill()
            server.wait()
    print("comet-baseline: wire bytes as caf-comet's")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except AssertionError as e:
        print(f"FAIL: {e}", file=sys.stderr)
        sys.exit(1)
