"""bench/million --netns: the run in a network namespace of its own.

The host's namespace carries whatever the machine itself does with network
traffic (filters, agents that watch the sockets); a new namespace has none of
it, only a loopback interface and the kernel's default per-namespace
sysctls, which is all the run uses. README, "A million on one machine",
compares runs with and without it. Needs root (CAP_SYS_ADMIN)."""
import ctypes
import fcntl
import os
import socket
import struct

import benchlib

CLONE_NEWNET = 0x40000000
SIOCGIFFLAGS = 0x8913
SIOCSIFFLAGS = 0x8914
IFF_UP = 0x1


def set_up_loopback():
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        request = struct.pack("16sH14x", b"lo", 0)
        flags = struct.unpack("16sH", fcntl.ioctl(s, SIOCGIFFLAGS, request)[:18])[1]
        fcntl.ioctl(s, SIOCSIFFLAGS, struct.pack("16sH14x", b"lo", flags | IFF_UP))


def enter():
    """Moves this process, and so every process it starts, into a new
    network namespace with its loopback up."""
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNET) != 0:
        err = ctypes.get_errno()
        raise benchlib.BenchError(
            f"cannot enter a network namespace of its own: {os.strerror(err)}"
            " (--netns needs root)")
    set_up_loopback()
