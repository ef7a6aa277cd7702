"""What the client tools of bench/ (churner.py, slow_clients.py) share: the
source addresses they connect from, a non-blocking socket bound to one, the
bytes of caf-comet's stream requests and responses, and a histogram of
milliseconds. Python 3 standard library only."""

import ipaddress
import math
import socket

# Linux's IP_BIND_ADDRESS_NO_PORT (not in Python's socket module): the port is
# chosen at connect(), for the whole 4-tuple, so that one source address
# serves many connections to different servers and bind() does not search
# for a port that is free for every destination.
IP_BIND_ADDRESS_NO_PORT = 24


def source_range(text):
    """'127.0.0.100-127.0.0.120' (or one address) as a list of strings."""
    first, _, last = text.partition("-")
    first = ipaddress.IPv4Address(first)
    last = ipaddress.IPv4Address(last or str(first))
    if last < first:
        raise ValueError(f"range {text!r} runs backwards")
    return [str(ipaddress.IPv4Address(a)) for a in range(int(first), int(last) + 1)]


def bound_socket(source):
    """A non-blocking TCP socket bound to `source`, its port left to
    connect()."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        s.setblocking(False)
        s.setsockopt(socket.IPPROTO_IP, IP_BIND_ADDRESS_NO_PORT, 1)
        s.bind((source, 0))
    except OSError:
        s.close()
        raise
    return s


def reset_on_close(s):
    """SO_LINGER 0: close() then sends a RST instead of a FIN."""
    s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\0\0\0\0\0\0\0")


def stream_request(host, port, stream_id):
    return (f"GET /test/{stream_id} HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"\r\n").encode()


def welcome(stream_id):
    """The text of a stream's first chunk, as caf-comet sends it."""
    return f"Mochiconntest welcomes you! Your Id: {stream_id}\n".encode()


def tick(n, stream_id):
    return f"Chunk {n} for id {stream_id}\n".encode()


class Histogram:
    """Counts per whole millisecond; percentiles as floodtest's (the lower
    edge of the bucket at or below which a fraction p lies)."""

    def __init__(self):
        self.counts = {}
        self.total = 0

    def add(self, seconds):
        ms = int(seconds * 1000)
        self.counts[ms] = self.counts.get(ms, 0) + 1
        self.total += 1

    def percentile(self, p):
        if not self.total:
            return None
        wanted = max(1, min(self.total, math.ceil(p * self.total)))
        seen = 0
        for ms in sorted(self.counts):
            seen += self.counts[ms]
            if seen >= wanted:
                return ms
        return None

    def figures(self, name):
        return {f"{name}_samples": self.total,
                f"{name}_p50_ms": self.percentile(0.5),
                f"{name}_p99_ms": self.percentile(0.99),
                f"{name}_max_ms": self.percentile(1.0)}
