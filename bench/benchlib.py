"""What every benchmark in bench/ shares: the processes it starts (caf-comet,
floodtest, msggen) and the guarantee that they end with it, the numbers read
from the control port (those from /proc are procfs.py's), the per-second CSV
and its plot, and the one JSON line of figures. Python 3 standard library only.

Progress goes to stderr; stdout carries exactly one JSON line."""

import argparse
import http.client
import json
import math
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from procfs import cpu_us, kernel_memory, rss_bytes

BENCH_DIR = Path(__file__).resolve().parent
REPO_DIR = BENCH_DIR.parent
# floodtest connects from these, so that one address's ports do not run out.
SOURCES = "127.0.0.2-127.0.0.20"
# floodtest's --transport values; the first is its default.
TRANSPORTS = ("chunked", "sse", "ws")
DEFAULT_TRANSPORT = TRANSPORTS[0]
STATS_LINE = re.compile(r"^Stats: \{(\d+),(\d+),(\d+)\}$")
READY_LINE = re.compile(r"caf-comet listening on [^ ]*:(\d+) control=[^ ]*:(\d+)")


class BenchError(Exception):
    """A benchmark that cannot go on; the message says why."""


class ServerKind:
    """A server the benchmarks can measure: its name in the figures, its
    binary in the build's bin/, and whether --server-arg options (caf-comet's
    own) are passed to it. Both take the same --server.*, --control.* keys
    and print the same ready line."""

    def __init__(self, name, binary, takes_server_args):
        self.name = name
        self.binary = binary
        self.takes_server_args = takes_server_args


CAF_COMET = ServerKind("caf-comet", "caf-comet", True)
# bench/baseline/: one epoll thread, caf-comet's bytes; the floor.
BASELINE = ServerKind("baseline", "comet-baseline", False)


def log(text):
    print(time.strftime("[%H:%M:%S] ") + text, file=sys.stderr, flush=True)


def emit(figures):
    print(json.dumps(figures), flush=True)


def per_connection(delta, n):
    return round(delta / n) if n else None


# -- the command line ---------------------------------------------------------

def parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--build-dir", default=str(REPO_DIR / "build"),
                   help="where bin/caf-comet, bin/floodtest, bin/msggen "
                        "and bin/comet-baseline are (default: build/)")
    p.add_argument("--out-dir", default=str(BENCH_DIR / "out"),
                   help="CSV, plots and process logs (default: bench/out/)")
    p.add_argument("--server-arg", action="append", default=[],
                   help="one more caf-comet option, e.g. "
                        "--server-arg=--scheduler.policy=stealing (repeatable)")
    return p


def add_transport_option(p):
    """--transport: floodtest's streams as the seed's chunks, SSE or
    WebSocket. The baseline serves the seed's chunked stream only."""
    p.add_argument("--transport", choices=TRANSPORTS, default=DEFAULT_TRANSPORT,
                   help="floodtest's --transport: the streams as the seed's "
                        "chunks, SSE or WebSocket (default chunked)")


def check_transport(p, args):
    if getattr(args, "against", None) and args.transport != DEFAULT_TRANSPORT:
        p.error("--against=baseline: the baseline serves the seed's "
                "chunked stream only")


def transport_options(transport):
    """floodtest's options for `transport`; the default stays off the
    command line: the seed's run as ever."""
    return [] if transport == DEFAULT_TRANSPORT else [f"--transport={transport}"]


def positive_int(text):
    value = int(text)
    if value <= 0:
        raise argparse.ArgumentTypeError("must be a positive number")
    return value


def seconds(text):
    """'60', '60s', '10m' or '500ms' as seconds."""
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m)?", text)
    if not m:
        raise argparse.ArgumentTypeError(f"not a duration: {text!r}")
    scale = {"ms": 0.001, "s": 1, "m": 60, None: 1}[m.group(2)]
    return float(m.group(1)) * scale


def duration_arg(s):
    """seconds as caf's --key=value text."""
    return f"{int(round(s * 1000))}ms"


# -- processes ----------------------------------------------------------------

class Process:
    """A started binary whose output is read line by line (into a log file
    and a list) by a thread, so that its pipe never fills."""

    def __init__(self, name, argv, log_path, on_line=None):
        self.name = name
        self.lines = []
        self.on_line = on_line
        self.log_path = log_path
        self._changed = threading.Condition()
        # A session of its own: the terminal's Ctrl-C reaches only us, and we
        # end the children in order.
        self.popen = subprocess.Popen(argv, stdout=subprocess.PIPE,
                                      stderr=subprocess.STDOUT,
                                      stdin=subprocess.DEVNULL,
                                      start_new_session=True, text=True)
        self.pid = self.popen.pid
        self.started = time.monotonic()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self):
        with open(self.log_path, "w") as logfile:
            for line in self.popen.stdout:
                # Seconds since the start, to line logs up with each other.
                logfile.write(f"{time.monotonic() - self.started:9.3f} {line}")
                line = line.rstrip("\n")
                with self._changed:
                    self.lines.append(line)
                    if self.on_line:
                        self.on_line(line)
                    self._changed.notify_all()
        with self._changed:
            self._changed.notify_all()

    def running(self):
        return self.popen.poll() is None

    def wait_until(self, done, timeout, what):
        """Waits until done() holds (checked on every output line and each
        second); BenchError after `timeout` s or if the process ended."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while not done():
                if not self.running() and not self._reader.is_alive():
                    raise BenchError(f"{self.name} ended before {what}; "
                                     f"its output:\n{self.tail()}")
                left = deadline - time.monotonic()
                if left <= 0:
                    raise BenchError(f"{self.name}: no {what} within "
                                     f"{timeout:.0f} s; its output:\n{self.tail()}")
                self._changed.wait(min(left, 1.0))

    def wait_exit(self, timeout):
        try:
            code = self.popen.wait(timeout)
        except subprocess.TimeoutExpired:
            raise BenchError(f"{self.name} did not end within {timeout:.0f} s")
        self._reader.join(5)
        return code

    def stop(self, signo=signal.SIGTERM, grace=10):
        """Ends the process (signo, then SIGKILL after `grace` s); its exit
        code."""
        if self.running():
            try:
                self.popen.send_signal(signo)
                self.popen.wait(grace)
            except subprocess.TimeoutExpired:
                log(f"{self.name} ignored signal {signo}; killing it")
                self.popen.kill()
                self.popen.wait()
        self._reader.join(5)
        return self.popen.returncode

    def tail(self, n=20):
        return "\n".join(self.lines[-n:])

    def json_summary(self):
        """The last output line that is a JSON object."""
        for line in reversed(self.lines):
            if line.startswith("{"):
                return json.loads(line)
        raise BenchError(f"{self.name} printed no JSON summary; its output:\n"
                         f"{self.tail()}")


class Flood(Process):
    """floodtest, with its latest Stats: {Active,Closed,Chunks} line."""

    def __init__(self, *args, **kwargs):
        self.active = self.closed = self.chunks = 0
        super().__init__(*args, on_line=self._stats, **kwargs)

    def _stats(self, line):
        m = STATS_LINE.match(line)
        if m:
            self.active, self.closed, self.chunks = map(int, m.groups())

    def wait_active(self, n, timeout):
        self.wait_until(lambda: self.active >= n, timeout,
                        f"{n} active streams")


class Comet(Process):
    """caf-comet on free loopback ports, and its control port."""

    def __init__(self, *args, ready_timeout=10, **kwargs):
        self.port = self.control_port = None
        super().__init__(*args, on_line=self._ready, **kwargs)
        self.wait_until(lambda: self.port is not None, ready_timeout,
                        "ready line")

    def _ready(self, line):
        m = READY_LINE.search(line)
        if m:
            self.port, self.control_port = int(m.group(1)), int(m.group(2))

    def _request(self, method, path, body=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.control_port,
                                          timeout=30)
        try:
            headers = {"Content-Type": "application/json"} if body else {}
            conn.request(method, path, body=body, headers=headers)
            response = conn.getresponse()
            data = response.read()
            if response.status != 200:
                raise BenchError(f"control port {method} {path}: "
                                 f"{response.status} {data!r}")
            return json.loads(data)
        finally:
            conn.close()

    def stats(self):
        return self._request("GET", "/stats")

    def broadcast(self, msg):
        return self._request("POST", "/broadcast", json.dumps({"msg": msg}))

    def send(self, messages):
        """POST /send of a batch of (id, msg) pairs; the answer's
        `delivered`."""
        body = {"messages": [{"id": i, "msg": m} for i, m in messages]}
        return self._request("POST", "/send", json.dumps(body))["delivered"]


class Session:
    """Everything one benchmark starts, around one `server` (caf-comet unless
    told). On leaving (normally, on an error, on Ctrl-C or SIGTERM) every
    process still running is ended, by its pid. `label`, when given, ends
    the output directory's name (one per round of --against)."""

    def __init__(self, name, args, server=CAF_COMET, label=None):
        self.name = name
        self.server = server
        self.bin = Path(args.build_dir) / "bin"
        self.server_args = list(args.server_arg) if server.takes_server_args \
            else []
        stamp = time.strftime("%Y%m%d-%H%M%S")
        suffix = f"-{label}" if label else ""
        self.out = Path(args.out_dir) / f"{name}-{stamp}{suffix}"
        self.out.mkdir(parents=True, exist_ok=True)
        self.processes = []
        self.sampler = None

    def __enter__(self):
        # SIGTERM and SIGHUP unwind like Ctrl-C, through __exit__; SIGINT
        # too when our parent started us with it ignored.
        for signo in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            signal.signal(signo, self._on_signal)
        return self

    @staticmethod
    def _on_signal(signo, _frame):
        raise KeyboardInterrupt(f"signal {signo}")

    def __exit__(self, *exc):
        # A second Ctrl-C must not cut the cleanup short.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            if self.sampler:
                self.sampler.stop()
            for p in reversed(self.processes):
                if p.running():
                    log(f"stopping {p.name} (pid {p.pid})")
                    p.stop(signal.SIGTERM if isinstance(p, Comet)
                           else signal.SIGINT)
        finally:
            signal.signal(signal.SIGINT, previous)
        return False

    def binary(self, name):
        path = self.bin / name
        if not os.access(path, os.X_OK):
            raise BenchError(f"{path} not found: build it with 'cmake --build "
                             f"{self.bin.parent} --target caf-comet floodtest "
                             f"msggen comet-baseline' or pass --build-dir")
        return str(path)

    def _start(self, cls, name, argv, **kwargs):
        log(f"starting {name}: {' '.join(argv[1:])}")
        p = cls(name, argv, self.out / f"{name}.log", **kwargs)
        self.processes.append(p)
        return p

    def comet(self, tick_s, extra=(), ready_timeout=10):
        """The session's server (caf-comet or the baseline)."""
        argv = [self.binary(self.server.binary), "--server.address=127.0.0.1",
                "--server.port=0", "--control.address=127.0.0.1",
                "--control.port=0",
                f"--server.tick-interval={duration_arg(tick_s)}", *extra,
                *self.server_args]
        return self._start(Comet, self.server.binary, argv,
                           ready_timeout=ready_timeout)

    def urls(self, comet, n, first=1):
        """A file of the URLs of ids first .. first + n - 1."""
        path = self.out / f"urls-{first}-{first + n - 1}.txt"
        with open(path, "w") as f:
            for i in range(first, first + n):
                f.write(f"http://127.0.0.1:{comet.port}/test/{i}\n")
        return str(path)

    def flood(self, name, url_file, options=(), sources=SOURCES):
        argv = [self.binary("floodtest"), url_file, "0", "--report-interval=1s",
                f"--sources={sources}", *options]
        return self._start(Flood, name, argv)

    def msggen(self, comet, rate, ids, duration_s, options=(), name="msggen"):
        argv = [self.binary("msggen"), f"--rate={rate}", f"--ids={ids}",
                f"--duration={duration_arg(duration_s)}",
                f"--control=http://127.0.0.1:{comet.control_port}", *options]
        return self._start(Process, name, argv)

    def tool(self, name, script, options=()):
        """One of bench/'s Python client programs (e.g. churner.py)."""
        argv = [sys.executable, str(BENCH_DIR / script), *options]
        return self._start(Process, name, argv)

    def sample(self, comet, floods):
        self.sampler = Sampler(self.out / f"{self.name}.csv", comet, floods)
        return self.sampler


def baseline_flood_rss(session, comet, options=()):
    """floodtest's RSS with one stream: its fixed cost, before the N."""
    one = session.flood("floodtest-1", session.urls(comet, 1), options)
    one.wait_active(1, 10)
    time.sleep(0.5)
    rss = rss_bytes(one.pid)
    one.stop(signal.SIGINT)
    return rss


# -- the per-second samples ---------------------------------------------------

class Sampler:
    """time, active streams, server RSS and floodtest RSS, once a second, to
    a CSV; plotted to a PNG at the end when gnuplot is installed."""

    def __init__(self, path, comet, floods):
        self.path = path
        self.comet = comet
        self.floods = floods  # a list; the benchmark may add to it
        self._stop = threading.Event()
        self._start = time.monotonic()
        self._file = open(path, "w")
        self._file.write("time_s,active,server_rss_bytes,client_rss_bytes\n")
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.wait(1.0):
            try:
                live = [f for f in self.floods if f.running()]
                row = (time.monotonic() - self._start,
                       sum(f.active for f in live),
                       rss_bytes(self.comet.pid),
                       sum(rss_bytes(f.pid) for f in live))
            except OSError:  # a process just ended
                continue
            self._file.write("%.1f,%d,%d,%d\n" % row)
            self._file.flush()

    def stop(self):
        if self._stop.is_set():
            return
        self._stop.set()
        self._thread.join(5)
        self._file.close()
        self._plot()

    def _plot(self):
        if not shutil.which("gnuplot"):
            log(f"samples in {self.path} (install gnuplot for a plot)")
            return
        png = self.path.with_suffix(".png")
        script = f"""
set terminal png size 1000,600
set output '{png}'
set datafile separator ','
set key left top
set xlabel 'time (s)'
set ylabel 'RSS (MB)'
set y2label 'active streams'
set y2tics
set ytics nomirror
set yrange [0:*]
set y2range [0:*]
plot '{self.path}' using 1:($3/1e6) with lines title 'server RSS', \\
     '' using 1:($4/1e6) with lines title 'floodtest RSS', \\
     '' using 1:2 axes x1y2 with lines title 'active streams'
"""
        result = subprocess.run(["gnuplot"], input=script, text=True,
                                capture_output=True)
        if result.returncode == 0:
            log(f"samples in {self.path}, plot in {png}")
        else:
            log(f"gnuplot failed: {result.stderr.strip()}")


# -- figures ------------------------------------------------------------------

def merged_buckets(summaries, key):
    """floodtest's histograms ([ms, count] pairs) of several processes."""
    counts = {}
    for s in summaries:
        for ms, n in s.get(key, []):
            counts[ms] = counts.get(ms, 0) + n
    return sorted(counts.items())


def percentile(buckets, p):
    """As floodtest's histogram: the lower edge (ms) of the bucket at or
    below which a fraction p of the samples lie."""
    total = sum(n for _, n in buckets)
    if total == 0:
        return None
    wanted = max(1, min(total, math.ceil(p * total)))
    seen = 0
    for ms, n in buckets:
        seen += n
        if seen >= wanted:
            return ms
    return buckets[-1][0]


def idle_streams(name, n, tick_s, window_s, args, tick_lateness=False,
                 server=CAF_COMET, label=None, transport=DEFAULT_TRANSPORT):
    """bench/memory and bench/ticks: N idle streams on `server`; returns the
    figures. Memory is read once all N are active and two ticks passed; CPU
    per chunk over the next `window_s` seconds. `transport` is floodtest's
    --transport (the URL files list /test/<Id> whatever it is)."""
    with Session(name, args, server, label) as s:
        comet = s.comet(tick_s)
        sampler = s.sample(comet, [])
        time.sleep(1)
        server_before = rss_bytes(comet.pid)
        flood_one = baseline_flood_rss(s, comet, transport_options(transport))
        kernel_before = kernel_memory()
        options = [f"--tick={duration_arg(tick_s)}"] if tick_lateness else []
        flood = s.flood("floodtest", s.urls(comet, n),
                        options + transport_options(transport))
        sampler.floods.append(flood)
        flood.wait_active(n, 60 + n / 1000)
        all_active_s = time.monotonic() - flood.started
        log(f"{n} streams active after {all_active_s:.1f} s; waiting two ticks")
        time.sleep(2 * tick_s)
        server_with = rss_bytes(comet.pid)
        flood_with = rss_bytes(flood.pid)
        kernel_with = kernel_memory()
        log(f"server RSS {server_before / 1e6:.1f} -> {server_with / 1e6:.1f} MB;"
            f" measuring CPU for {window_s:.0f} s")
        stats0, cpu0 = comet.stats(), cpu_us(comet.pid)
        time.sleep(window_s)
        stats1, cpu1 = comet.stats(), cpu_us(comet.pid)
        chunks = stats1["chunks_sent"] - stats0["chunks_sent"]
        stop_between_ticks(flood, all_active_s, tick_s)
        flood.stop(signal.SIGINT)
        summary = flood.json_summary()
        comet.stop()
    elapsed, last_start = summary["elapsed_s"], summary["last_start_s"]
    figures = {
        "n": n,
        "transport": transport,
        "tick_s": tick_s,
        "server_rss_before": server_before,
        "server_rss_with_n": server_with,
        "server_bytes_per_conn": per_connection(server_with - server_before, n),
        "floodtest_rss_one_stream": flood_one,
        "floodtest_rss_with_n": flood_with,
        "floodtest_bytes_per_conn": per_connection(flood_with - flood_one, n - 1),
        "kernel_bytes_per_conn": per_connection(
            (kernel_with["tcp_mem"] - kernel_before["tcp_mem"])
            + (kernel_with["slab"] - kernel_before["slab"]), n),
        "kernel_tcp_mem_bytes_per_conn": per_connection(
            kernel_with["tcp_mem"] - kernel_before["tcp_mem"], n),
        "kernel_slab_bytes_per_conn": per_connection(
            kernel_with["slab"] - kernel_before["slab"], n),
        "kernel_sunreclaim_bytes_per_conn": per_connection(
            kernel_with["sunreclaim"] - kernel_before["sunreclaim"], n),
        "all_active_s": round(all_active_s, 1),
        "cpu_window_s": window_s,
        "server_cpu_us": cpu1 - cpu0,
        "server_chunks_in_window": chunks,
        "server_cpu_us_per_chunk": round((cpu1 - cpu0) / chunks, 2)
        if chunks else None,
        "server_cpu_pct": round((cpu1 - cpu0) / (window_s * 1e4), 1),
        "closed": summary["closed"],
        "chunks_received": summary["chunks"],
        # Each stream gets its welcome and one chunk per tick since its start;
        # streams started within [0, last_start_s] of floodtest's run.
        "chunks_expected_min": n * (1 + int((elapsed - last_start) // tick_s)),
        "chunks_expected_max": n * (1 + int(elapsed // tick_s)),
    }
    if tick_lateness:
        figures["lateness_p50_ms"] = summary.get("lateness_p50_ms")
        figures["lateness_p99_ms"] = summary.get("lateness_p99_ms")
        figures["lateness_samples"] = summary.get("lateness_samples")
    figures["out_dir"] = str(s.out)
    return figures


def stop_between_ticks(flood, ramp_s, tick_s):
    """Waits until a moment when every stream has had the same number of
    ticks (midway between the last stream's start and the next tick of the
    first), so that the expected chunk count is exact. Not possible when the
    ramp took longer than a tick: then it stops at once and the expectation
    is a range."""
    gap = tick_s - ramp_s
    if gap < 1:
        return
    now = time.monotonic() - flood.started
    target = (now // tick_s) * tick_s + ramp_s + gap / 2
    if target < now:
        target += tick_s
    log(f"stopping floodtest between two ticks, in {target - now:.1f} s")
    time.sleep(target - now)
