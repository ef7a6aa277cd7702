#!/usr/bin/env python3
"""bench/slow_clients.py: holds --connections connections to caf-comet, each
sending its request head one byte every --interval, so that the server must
time them out (408). Each one that ends is replaced by a new one until the
attack ends: after --duration, or at SIGUSR1; then the live ones run on to
their answer (at most --give-up each). SIGINT/SIGTERM close everything at
once. Progress on stderr every second ("slow: live=N ..."); one JSON line on
stdout at the end. bench/slowloris runs it.

One thread, one epoll set, no coroutine per connection: at 15,000
connections a byte each per second is 15,000 send() calls a second, which
plain non-blocking sockets do in a few percent of a core."""

import argparse
import collections
import errno
import json
import resource
import selectors
import signal
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import loopback
from benchlib import positive_int, seconds

# A head far longer than any request timeout lets it send: 1,000 s of bytes.
PAD_BYTES = 1000
# Each loop iteration waits at most this for an event: the byte schedule's
# resolution.
POLL_S = 0.01


class Slow:
    """One connection: its socket, how much of the head it sent, when its
    next byte is due, and what came back."""
    __slots__ = ("sock", "sent", "due", "reply", "opened")

    def __init__(self, sock, now):
        self.sock, self.sent, self.due, self.reply = sock, 0, now, b""
        self.opened = now


class Attack:
    def __init__(self, args):
        self.args = args
        self.sources = loopback.source_range(args.sources)
        self.head = (f"GET /test/slow HTTP/1.1\r\nHost: {args.host}\r\n"
                     f"X-Pad: {'a' * PAD_BYTES}\r\n\r\n").encode()
        self.selector = selectors.DefaultSelector()
        self.queue = collections.deque()  # connected ones, by next byte due
        self.live = 0
        self.opened = 0
        self.outcomes = collections.Counter()
        self.lifetimes = loopback.Histogram()
        self.max_live = 0
        self.attacking = True
        self.stop_now = False

    def open_one(self, now):
        s = loopback.bound_socket(self.sources[self.opened % len(self.sources)])
        self.opened += 1
        self.live += 1
        self.max_live = max(self.max_live, self.live)
        conn = Slow(s, now)
        if s.connect_ex((self.args.host, self.args.port)) not in (0, errno.EINPROGRESS):
            return self.end(conn, "connect failed")
        self.selector.register(s, selectors.EVENT_READ, conn)
        self.queue.append(conn)

    def end(self, conn, outcome):
        if conn.sock is None:
            return
        try:
            self.selector.unregister(conn.sock)
        except KeyError:
            pass  # never registered: its connect failed at once
        conn.sock.close()
        conn.sock = None
        self.live -= 1
        self.outcomes[outcome] += 1
        self.lifetimes.add(time.monotonic() - conn.opened)

    def on_readable(self, conn):
        try:
            data = conn.sock.recv(4096)
        except OSError as e:
            return self.end(conn, "reset" if e.errno == errno.ECONNRESET
                            else f"errno {e.errno}")
        conn.reply += data
        if conn.reply.startswith(b"HTTP/1.1 ") and len(conn.reply) >= 12:
            return self.end(conn, "status " + conn.reply[9:12].decode(
                errors="replace"))
        if not data:
            self.end(conn, "closed without an answer")

    def send_due(self, now):
        while self.queue and self.queue[0].due <= now:
            conn = self.queue.popleft()
            if conn.sock is None:
                continue
            if now - conn.opened > self.args.give_up:
                self.end(conn, "gave up")
                continue
            if conn.sent >= len(self.head) - 1:  # never the head's last byte
                self.end(conn, "head sent, no answer")
                continue
            try:
                conn.sock.send(self.head[conn.sent:conn.sent + 1])
            except BlockingIOError:
                pass  # still connecting: try again at the next due time
            except OSError:
                # The answer may be waiting: read it before calling this a
                # failure.
                self.on_readable(conn)
                if conn.sock is not None:
                    self.end(conn, "send failed")
                continue
            else:
                conn.sent += 1
            conn.due += self.args.interval
            self.queue.append(conn)

    def run(self):
        a = self.args
        for signo in (signal.SIGINT, signal.SIGTERM):
            signal.signal(signo, lambda *_: setattr(self, "stop_now", True))
        signal.signal(signal.SIGUSR1, lambda *_: setattr(self, "attacking", False))
        start = last = time.monotonic()
        next_report = start + 1
        tokens = 0.0  # connections that may be opened now (the ramp's pace)
        while not self.stop_now:
            now = time.monotonic()
            if now - start >= a.duration:
                self.attacking = False
            if not self.attacking and self.live == 0:
                break
            tokens = min(tokens + a.ramp_rate * (now - last),
                         a.ramp_rate * POLL_S * 10)
            last = now
            while self.attacking and self.live < a.connections and tokens >= 1:
                try:
                    self.open_one(now)
                except OSError as e:
                    self.outcomes[f"open: errno {e.errno}"] += 1
                    break
                tokens -= 1
            for key, _ in self.selector.select(POLL_S):
                if key.data.sock is not None:
                    self.on_readable(key.data)
            self.send_due(time.monotonic())
            if now >= next_report:
                next_report += 1
                print(f"slow: live={self.live} opened={self.opened} "
                      f"outcomes={dict(self.outcomes)}", file=sys.stderr,
                      flush=True)
        for conn in self.queue:
            if conn.sock is not None:
                self.end(conn, "still open at the end")
        return time.monotonic() - start

    def figures(self, elapsed):
        usage = resource.getrusage(resource.RUSAGE_SELF)
        cpu = usage.ru_utime + usage.ru_stime
        return {"opened": self.opened,
                "got_408": self.outcomes["status 408"],
                "outcomes": dict(self.outcomes),
                "max_live": self.max_live,
                **self.lifetimes.figures("lifetime"),
                "elapsed_s": round(elapsed, 2),
                "cpu_s": round(cpu, 2),
                "cpu_pct": round(100 * cpu / elapsed, 1) if elapsed else None,
                "interrupted": self.stop_now}


def options():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=positive_int, required=True)
    p.add_argument("--sources", default="127.0.0.121-127.0.0.160",
                   help="source addresses, a range")
    p.add_argument("--connections", type=positive_int, default=15000,
                   help="held at once (default 15,000; mind the open-files "
                        "limit: one descriptor each)")
    p.add_argument("--ramp-rate", type=positive_int, default=3000,
                   help="new connections per second at most (default 3,000)")
    p.add_argument("--interval", type=seconds, default=1,
                   help="between two bytes of a head (default 1 s)")
    p.add_argument("--duration", type=seconds, default=60,
                   help="the attack's limit (default 60 s)")
    p.add_argument("--give-up", type=seconds, default=60,
                   help="one connection's limit (default 60 s)")
    args = p.parse_args()
    limit = resource.getrlimit(resource.RLIMIT_NOFILE)[0]
    if args.connections + 16 > limit:
        p.error(f"--connections={args.connections} needs more descriptors "
                f"than the open-files limit ({limit}): split it over two "
                "processes")
    return args


def main():
    attack = Attack(options())
    elapsed = attack.run()
    print(json.dumps(attack.figures(elapsed)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
