"""What the Python tests need of caf-comet: free loopback ports, the real
binary started and waited for, streams held open, the control port asked
with the bearer token, and every process started ended when the test ends
(see Processes)."""
import os
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request

READY_LINE = "caf-comet listening on"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(done, timeout, step=0.1):
    """Polls done() until it is truthy (returned) or `timeout` s pass (None)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = done()
        if value:
            return value
        time.sleep(step)
    return None


class Processes:
    """Starts processes and ends every one of them (SIGTERM, then SIGKILL)
    when the with-block ends, whatever happened in it."""

    def __init__(self):
        self.started = []
        self.logs = tempfile.TemporaryDirectory(prefix="caf-comet-test-")

    def __enter__(self):
        return self

    def start(self, name, argv, **kwargs):
        log_path = os.path.join(self.logs.name, f"{name}-{len(self.started)}.log")
        log = open(log_path, "wb")
        proc = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, **kwargs)
        proc.log_path = log_path
        self.started.append(proc)
        return proc

    @staticmethod
    def output(proc):
        with open(proc.log_path, "rb") as f:
            return f.read().decode(errors="replace")

    def __exit__(self, *exc):
        for proc in reversed(self.started):
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
        for proc in reversed(self.started):
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        self.logs.cleanup()
        return False


class Comet:
    """A caf-comet on free loopback ports; `extra` more options."""

    def __init__(self, procs, build_dir, token="", tick="100ms", extra=()):
        self.port, self.control_port = free_port(), free_port()
        self.token = token
        argv = [os.path.join(build_dir, "bin", "caf-comet"),
                "--server.address=127.0.0.1", f"--server.port={self.port}",
                "--control.address=127.0.0.1",
                f"--control.port={self.control_port}",
                f"--server.tick-interval={tick}",
                f"--cluster.node-port={free_port()}", *extra]
        if token:
            argv.append(f"--control.token={token}")
        self.proc = procs.start("caf-comet", argv)
        if not wait_until(lambda: READY_LINE in Processes.output(self.proc), 20):
            raise RuntimeError("caf-comet did not start:\n"
                               + Processes.output(self.proc))

    def get(self, path, token=None, body=None):
        """(status, content type, body text) of one control request."""
        token = self.token if token is None else token
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.control_port}{path}", data=body,
            method="POST" if body is not None else "GET")
        if token:
            req.add_header("Authorization", f"Bearer {token}")
        try:
            with urllib.request.urlopen(req, timeout=5) as res:
                return res.status, res.headers["Content-Type"], res.read().decode()
        except urllib.error.HTTPError as e:
            return e.code, e.headers["Content-Type"], e.read().decode()


def open_streams(port, prefix, n):
    """n streams /test/<prefix><i>, each with its welcome read; keep them."""
    out = []
    for i in range(n):
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(f"GET /test/{prefix}{i} HTTP/1.1\r\nHost: t\r\n\r\n".encode())
        got = b""
        while b"welcomes you" not in got:
            chunk = s.recv(4096)
            if not chunk:
                raise RuntimeError(f"stream {prefix}{i} closed: {got!r}")
            got += chunk
        out.append(s)
    return out
