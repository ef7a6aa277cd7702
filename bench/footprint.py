"""The server's footprint at one moment — resident memory, open files, the
router's and the ticker's sizes, connections, streams — and whether it came
back to where it started after a load (bench/churn, bench/slowloris).
Python 3 standard library only."""

import os
import time

from benchlib import BenchError
from procfs import rss_bytes

# The figures of /stats a footprint takes: the router's size (ids and
# connections logged in), the ticker's (pending ticks), net/'s counts, and
# the heap its live allocations hold (a leak shows there even when the
# resident set is a high-water mark).
STATS_KEYS = ("heap_bytes", "ids", "logged_in", "ticking", "connections",
              "streams")
# How close an end figure must be to its start figure to have "returned".
TOLERANCE = 0.02


def open_files(pid):
    """Descriptors the process holds (entries of /proc/<pid>/fd)."""
    return len(os.listdir(f"/proc/{pid}/fd"))


def wait_for_empty_history(comet, timeout):
    """Waits until the server kept no message for resuming (each /stats
    drops what is past streams.history-ttl), so that a footprint taken after
    a load with messages compares with one taken before it."""
    deadline = time.monotonic() + timeout
    while comet.stats()["history_messages"] != 0:
        if time.monotonic() > deadline:
            raise BenchError(f"messages still kept after {timeout:.0f} s")
        time.sleep(1)


def snapshot(comet):
    """The footprint of a running benchlib.Comet."""
    stats = comet.stats()
    out = {"rss_bytes": rss_bytes(comet.pid),
           "open_files": open_files(comet.pid)}
    out.update({key: stats[key] for key in STATS_KEYS})
    return out


def within(start, end):
    """end is within TOLERANCE of start (equal, when start is 0)."""
    return abs(end - start) <= TOLERANCE * start


def compared(start, end):
    """Both footprints, end ÷ start per figure, which figures returned, and
    the verdict: all of them."""
    returned = {key: within(start[key], end[key]) for key in start}
    return {"start": start,
            "end": end,
            "ratio": {key: round(end[key] / start[key], 4) if start[key]
                      else None for key in start},
            "within_2pct": returned,
            "returned_within_2pct": all(returned.values())}
