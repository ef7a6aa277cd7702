#!/usr/bin/env python3
"""bench/churner.py: opens and closes connections to caf-comet at a steady
rate, cycling through four kinds:

  bare     connect, then close
  partial  send part of a request head, wait up to --partial-hold, close
  stream   GET a stream, read its welcome (and, for --tick-share of them,
           its first tick), close
  reset    close with a RST (SO_LINGER 0), in turn: after the welcome (as
           stream), in the middle of the head (as partial), or right after
           the whole request, before any answer

Every connection is bounded by --timeout; the run by --duration (and
--count). Ids are <--id-prefix><n>, so that they never meet the ids of
streams held by others. SIGINT/SIGTERM stop it early. One JSON line on
stdout at the end: what was made, of which kind, what failed and why, the
welcome times, and this process's CPU. bench/churn and bench/slowloris run
it; it is no benchmark of its own."""

import argparse
import asyncio
import collections
import json
import random
import resource
import signal
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree

import loopback
from benchlib import positive_int, seconds
from churn_connection import Connection

KINDS = ("bare", "partial", "stream", "reset")  # as churn_connection.py
# How often the opener wakes (connections due meanwhile go together) and
# looks for connections past their --timeout.
STEP_S = 0.005
# How often the progress line goes to stderr.
PROGRESS_S = 10


class Churner:
    def __init__(self, args):
        self.args = args
        self.address = (args.host, args.port)
        self.sources = loopback.source_range(args.sources)
        self.mix = args.kinds.split(",")
        self.random = random.Random(args.seed)
        self.loop = None
        self.live = collections.deque()  # open ones, by deadline
        self.open = 0
        self.stopping = False
        self.made = {k: 0 for k in KINDS}
        self.ok = {k: 0 for k in KINDS}
        self.failures = {}
        self.welcome = loopback.Histogram()
        self.start_lag_max = 0.0
        self.opening_s = 0.0  # from the first open to the last

    def ended(self, kind, failure):
        self.open -= 1
        if failure is None:
            self.ok[kind] += 1
        else:
            key = f"{kind}: {failure}"
            self.failures[key] = self.failures.get(key, 0) + 1

    def sweep(self, now):
        """Ends the connections past their deadline (the deque's order: all
        have the same --timeout) and drops the ended ones."""
        while self.live and (self.live[0].done or self.live[0].deadline <= now):
            self.live.popleft().finish("timeout")

    def open_one(self, n, now):
        kind = self.mix[n % len(self.mix)]
        self.made[kind] += 1
        self.open += 1
        try:
            self.live.append(Connection(self, kind, n, now))
        except OSError as e:
            self.ended(kind, f"errno {e.errno}")

    async def run(self):
        a = self.args
        self.loop = loop = asyncio.get_running_loop()
        for signo in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signo, self.stop)
        count = int(min(a.count or a.rate * a.duration, a.rate * a.duration))
        start = loop.time()
        next_progress = start + PROGRESS_S
        n = 0
        while n < count and not self.stopping:
            now = loop.time()
            due = min(count, int((now - start) * a.rate) + 1)
            while n < due and self.open < a.max_open:
                self.start_lag_max = max(self.start_lag_max,
                                         now - start - n / a.rate)
                self.open_one(n, now)
                n += 1
            self.sweep(now)
            if now >= next_progress:
                next_progress += PROGRESS_S
                print(f"churner: {n} made, {sum(self.ok.values())} ok, "
                      f"failures {self.failures}", file=sys.stderr, flush=True)
            await asyncio.sleep(STEP_S)
        self.opening_s = loop.time() - start
        while self.open:
            if self.stopping:
                for conn in self.live:
                    conn.finish("interrupted")
            self.sweep(loop.time())
            await asyncio.sleep(STEP_S)
        return loop.time() - start

    def stop(self):
        self.stopping = True

    def figures(self, elapsed):
        usage = resource.getrusage(resource.RUSAGE_SELF)
        made = sum(self.made.values())
        return {"rate_asked": self.args.rate,
                "rate_achieved": round(made / self.opening_s, 1)
                if self.opening_s else None,
                "elapsed_s": round(elapsed, 2),
                "made": made,
                "ok": sum(self.ok.values()),
                "failed": sum(self.failures.values()),
                "kinds": {k: {"made": self.made[k], "ok": self.ok[k]}
                          for k in KINDS if self.made[k]},
                "failures": self.failures,
                "start_lag_max_ms": round(self.start_lag_max * 1000, 1),
                **self.welcome.figures("welcome"),
                "cpu_user_s": round(usage.ru_utime, 2),
                "cpu_system_s": round(usage.ru_stime, 2),
                "cpu_pct": round(100 * (usage.ru_utime + usage.ru_stime)
                                 / elapsed, 1) if elapsed else None,
                "interrupted": self.stopping}


def options():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=positive_int, required=True)
    p.add_argument("--sources", default="127.0.0.100-127.0.0.120",
                   help="source addresses, a range (default "
                        "127.0.0.100-127.0.0.120)")
    p.add_argument("--rate", type=float, default=1000,
                   help="connections opened per second (default 1,000)")
    p.add_argument("--duration", type=seconds, default=60,
                   help="how long to open connections (default 60 s)")
    p.add_argument("--count", type=positive_int,
                   help="at most this many connections")
    p.add_argument("--kinds", default=",".join(KINDS),
                   help="the kinds to cycle through, comma-separated "
                        f"(default {','.join(KINDS)}); repeat one to weigh it")
    p.add_argument("--tick-share", type=float, default=0.5,
                   help="share of streams that also wait for their first "
                        "tick (default 0.5)")
    p.add_argument("--partial-hold", type=seconds, default=0.2,
                   help="a partial head waits up to this before its close "
                        "(default 200 ms)")
    p.add_argument("--timeout", type=seconds, default=5,
                   help="one connection's limit (default 5 s)")
    p.add_argument("--max-open", type=positive_int, default=4000,
                   help="connections open at once, at most (default 4,000)")
    p.add_argument("--id-prefix", default="churn-")
    p.add_argument("--seed", type=int, default=1)
    args = p.parse_args()
    if unknown := set(args.kinds.split(",")) - set(KINDS):
        p.error(f"unknown kinds {sorted(unknown)}")
    return args


def main():
    churner = Churner(options())
    elapsed = asyncio.run(churner.run())
    print(json.dumps(churner.figures(elapsed)), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
