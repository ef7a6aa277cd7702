"""Clients that stop reading (bench/slowloris): each opens a stream with a
small receive buffer, reads its welcome, then reads nothing more, while the
control port sends its id big messages until the server closes it as a slow
reader (send-queue-limit; /stats counts it in slow_closed), which the next
POST /send shows as delivered 0 for that id. Python 3 standard library
only."""

import socket
import time

import loopback

# Each message is just under the control port's 16 KiB limit, three to a
# batch within its 64 KiB body.
MESSAGE = "x" * 16_000
PER_POST = 3
# The client's receive buffer: small, so that the server's side fills fast.
RECEIVE_BUFFER = 4096
# Bounds on the pushing: POSTs per client, and time for all of them.
MAX_POSTS = 2000
TIME_LIMIT_S = 60


def open_one(port, source, stream_id):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, RECEIVE_BUFFER)
    s.bind((source, 0))
    s.settimeout(10)
    s.connect(("127.0.0.1", port))
    s.sendall(loopback.stream_request("127.0.0.1", port, stream_id))
    buf, text = b"", loopback.welcome(stream_id)
    while text not in buf:
        data = s.recv(4096)
        if not data:
            raise OSError(f"{stream_id}: closed before its welcome")
        buf += data
    return s


def drained_to_end(s):
    """Reads what is left; True when the server had closed (EOF or RST)."""
    s.settimeout(5)
    try:
        while s.recv(1 << 16):
            pass
        return True
    except ConnectionResetError:
        return True
    except OSError:
        return False
    finally:
        s.close()


def run(comet, n, sources):
    """n clients that stop reading; the figures."""
    ids = [f"nonreader-{k}" for k in range(n)]
    socks = {i: open_one(comet.port, sources[k % len(sources)], i)
             for k, i in enumerate(ids)}
    before = comet.stats()["slow_closed"]
    pushed = {i: 0 for i in ids}
    took = {}
    start = time.monotonic()
    for _ in range(MAX_POSTS):
        left = [i for i in ids if i not in took]
        if not left or time.monotonic() - start > TIME_LIMIT_S:
            break
        for i in left:
            if comet.send([(i, MESSAGE)] * PER_POST) == 0:
                took[i] = time.monotonic() - start
            else:
                pushed[i] += PER_POST * len(MESSAGE)
    closed = comet.stats()["slow_closed"] - before
    seen = sum(drained_to_end(s) for s in socks.values())
    return {"non_readers": n,
            "non_readers_slow_closed": closed,
            "non_readers_saw_close": seen,
            "non_readers_bytes_pushed_max": max(pushed.values()),
            "non_readers_closed_within_s": round(max(took.values()), 2)
            if len(took) == n else None}
