"""The numbers bench/ reads from /proc: a process's memory and CPU, its
children, and the machine's free memory, CPU and kernel socket memory.
Python 3 standard library only."""

import os

PAGE = os.sysconf("SC_PAGE_SIZE")
CLOCK_TICK = os.sysconf("SC_CLK_TCK")


def rss_bytes(pid):
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * PAGE


def pss_bytes(pid):
    """Proportional set size: shared library pages divided among the
    processes that map them, so a sum over processes counts them once."""
    with open(f"/proc/{pid}/smaps_rollup") as f:
        for line in f:
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    return 0


def memory(pids):
    """(RSS, PSS) summed over the processes, bytes."""
    return sum(rss_bytes(p) for p in pids), sum(pss_bytes(p) for p in pids)


def with_children(pid):
    """The process and every process below it (floodtest --processes)."""
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except (FileNotFoundError, ProcessLookupError):
            pass  # it just ended
    return out


def mem_available():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return 0


def cpu_us(pid):
    """utime + stime of a process, in µs (10 ms resolution)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1_000_000 // CLOCK_TICK


def machine_cpu_us():
    """(busy, softirq) CPU time of the whole machine so far, all cores, in µs:
    busy counts everything but idle and iowait; softirq is the kernel's
    network work, part of which (that done in a process's context) is in
    that process's own CPU time too, as tick-based accounting charges both."""
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle, iowait, softirq = fields[3], fields[4], fields[6]
    busy = sum(fields[:8]) - idle - iowait
    return (busy * 1_000_000 // CLOCK_TICK, softirq * 1_000_000 // CLOCK_TICK)


def cpu_ns(pid):
    """CPU time of all of a process's threads so far, in ns (the scheduler's
    own accounting, /proc/<pid>/task/*/schedstat: fine enough to time one
    burst of work, which utime + stime at 10 ms is not)."""
    total = 0
    for task in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{task}/schedstat") as f:
                total += int(f.read().split()[0])
        except (FileNotFoundError, ProcessLookupError):
            pass  # a thread that just ended
    return total


def kernel_memory():
    """TCP buffer pages (/proc/net/sockstat) and slab (/proc/meminfo), bytes."""
    out = {}
    with open("/proc/net/sockstat") as f:
        for line in f:
            if line.startswith("TCP:"):
                parts = line.split()
                out["tcp_mem"] = int(parts[parts.index("mem") + 1]) * PAGE
    with open("/proc/meminfo") as f:
        for line in f:
            key, value = line.split(":", 1)
            if key in ("Slab", "SUnreclaim"):
                out[key.lower()] = int(value.split()[0]) * 1024
    return out
