"""What bench/million needs of the machine before it starts a million
streams: open files per process and system-wide, ephemeral ports per source
address, and memory. Each check that fails says exactly what to change."""
import ipaddress
import math
import resource
from pathlib import Path

import procfs

# Files a process keeps besides its streams (stdio, epoll, pipes, listeners,
# the node port); the rest of its open-files limit holds streams.
FDS_RESERVED = 100
# Fill each process to this share of what it may hold: the kernel spreads
# connections over the workers' SO_REUSEPORT listeners by hash, unevenly.
FILL = 0.9
# Bytes one connection costs, by the figures of a smaller run, with margin:
# the kernel's socket pair, the server, the client.
KERNEL_PER_CONN = 11_000
SERVER_PER_CONN = 3_000
CLIENT_PER_CONN = 1_000
# What the machine keeps for everything else.
MEMORY_RESERVE = 2 << 30


def sysctl(key):
    return Path("/proc/sys", key.replace(".", "/")).read_text().split()


def streams_per_process():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    return int((hard - FDS_RESERVED) * FILL)


def ports_per_source():
    low, high = map(int, sysctl("net.ipv4.ip_local_port_range"))
    return high - low + 1


# The kernel looks for a free ephemeral port of a source address by probing
# ports one after another: the more of them are in use, the slower each
# connect (at 14,000 per address a ramp past 500,000 fell to ~5,000 new
# streams a second). So each address carries at most this many.
CONNS_PER_SOURCE = 2000
MIN_SOURCES = 19
FIRST_SOURCE = ipaddress.IPv4Address("127.0.0.2")


def sources_needed(n):
    return max(MIN_SOURCES, math.ceil(n / CONNS_PER_SOURCE))


def sources(n):
    """floodtest's --sources for n connections: 127.0.0.2 on."""
    last = FIRST_SOURCE + sources_needed(n) - 1
    return f"{FIRST_SOURCE}-{last}"


def memory_needed(n):
    return n * (KERNEL_PER_CONN + SERVER_PER_CONN + CLIENT_PER_CONN) \
        + MEMORY_RESERVE


def problems(n, sysctl_file):
    """Every reason why n streams cannot be held here, each with its fix."""
    out = []
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if hard < 2 * FDS_RESERVED:
        out.append(f"open files per process: hard limit {hard}; raise it "
                   f"(e.g. 'ulimit -Hn 65536' as root, or LimitNOFILE=)")
    file_max = int(sysctl("fs.file-max")[0])
    wanted = 2 * n + 100_000
    if file_max < wanted:
        out.append(f"fs.file-max is {file_max}, below {wanted} (both ends of "
                   f"{n} connections): 'sysctl -w fs.file-max=2097152' or "
                   f"--apply-sysctl ({sysctl_file})")
    nr_open = int(sysctl("fs.nr_open")[0])
    if nr_open < hard:
        out.append(f"fs.nr_open is {nr_open}, below the hard open-files "
                   f"limit {hard}: 'sysctl -w fs.nr_open={hard}'")
    if ports_per_source() < 2 * CONNS_PER_SOURCE:
        out.append(f"net.ipv4.ip_local_port_range gives only "
                   f"{ports_per_source()} ports per source address: 'sysctl "
                   f"-w net.ipv4.ip_local_port_range=\"1024 65535\"' or "
                   f"--apply-sysctl")
    available = procfs.mem_available()
    if available < memory_needed(n):
        out.append(f"MemAvailable is {available / 2**30:.1f} GiB; {n} "
                   f"connections need about {memory_needed(n) / 2**30:.1f} "
                   f"GiB (kernel ~{KERNEL_PER_CONN} B, server "
                   f"~{SERVER_PER_CONN} B, floodtest ~{CLIENT_PER_CONN} B "
                   f"each): free memory or lower --steps")
    return out
