"""One connection of bench/churner.py, of one kind (see there): connect, do
what the kind does, close. It is driven by the event loop's callbacks: a
coroutine per connection cost twice the CPU (34 % of a core at 1,000
connections a second against 17 %, measured here). Python 3 standard
library only."""

import errno
import socket

import loopback


class Connection:
    """`churner` opens it (a bench/churner.py Churner: the loop, the
    options, the counts) and learns its end from churner.ended(kind,
    failure). `finish` ends it once, with a failure's reason or None."""
    __slots__ = ("churner", "kind", "n", "sock", "fd", "buf", "expect",
                 "then_tick", "started", "deadline", "done")

    def __init__(self, churner, kind, n, now):
        self.churner, self.kind, self.n = churner, kind, n
        self.started, self.deadline = now, now + churner.args.timeout
        self.buf, self.expect, self.done = bytearray(), None, False
        self.then_tick = None
        self.sock = loopback.bound_socket(churner.sources[n % len(churner.sources)])
        self.fd = self.sock.fileno()
        code = self.sock.connect_ex(churner.address)
        if code not in (0, errno.EINPROGRESS):
            return self.finish(f"connect errno {code}")
        churner.loop.add_writer(self.fd, self.on_connected)

    def on_connected(self):
        c = self.churner
        c.loop.remove_writer(self.fd)
        code = self.sock.getsockopt(socket.SOL_SOCKET, socket.SO_ERROR)
        if code:
            return self.finish(f"connect errno {code}")
        if self.kind == "bare":
            return self.finish(None)
        stream_id = f"{c.args.id_prefix}{self.n}"
        request = loopback.stream_request(c.args.host, c.args.port, stream_id)
        # A reset comes, in turn, after the welcome, in the middle of the
        # request head, or right after the request, before any answer.
        reset_at = self.n // len(c.mix) % 3 if self.kind == "reset" else 0
        # A request is far smaller than a fresh socket's send buffer.
        if self.kind == "partial" or reset_at == 1:
            self.sock.send(request[:c.random.randint(1, len(request) - 2)])
            c.loop.call_later(c.random.uniform(0, c.args.partial_hold),
                              self.finish, None)
            return
        self.sock.send(request)
        if reset_at == 2:
            return self.finish(None)
        self.expect = loopback.welcome(stream_id)
        if c.random.random() < c.args.tick_share:
            self.then_tick = loopback.tick(1, stream_id)
        c.loop.add_reader(self.fd, self.on_readable)

    def on_readable(self):
        try:
            data = self.sock.recv(4096)
        except BlockingIOError:
            return
        except OSError as e:
            return self.finish(f"errno {e.errno}")
        if not data:
            return self.finish("closed")
        self.buf += data
        if self.buf.startswith(b"HTTP/1.1 ") and len(self.buf) >= 12 \
                and not self.buf.startswith(b"HTTP/1.1 200"):
            return self.finish("http " + self.buf[9:12].decode(errors="replace"))
        if self.expect not in self.buf:
            return
        if self.expect != self.then_tick:  # the welcome
            self.churner.welcome.add(self.churner.loop.time() - self.started)
            if not self.then_tick:
                return self.finish(None)
            self.expect = self.then_tick
            if self.expect not in self.buf:
                return
        self.finish(None)

    def finish(self, failure):
        if self.done:
            return
        self.done = True
        c = self.churner
        c.loop.remove_writer(self.fd)
        c.loop.remove_reader(self.fd)
        if self.kind == "reset":
            loopback.reset_on_close(self.sock)
        self.sock.close()
        c.ended(self.kind, failure)
