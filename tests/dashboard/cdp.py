"""Just enough of the Chrome DevTools Protocol, over a WebSocket written with
the standard library only, to drive headless Chromium in a test: start it,
open a page, evaluate JavaScript in it, take a screenshot. RFC 6455 framing:
the client masks its frames; the browser's may be fragmented or long."""
import base64
import json
import os
import shutil
import socket
import struct
import time
import urllib.request


class DevTools:
    def __init__(self, debug_port, timeout=10):
        """Attaches to the first page target of the browser on debug_port."""
        with urllib.request.urlopen(f"http://127.0.0.1:{debug_port}/json/list",
                                    timeout=timeout) as res:
            pages = [t for t in json.load(res) if t["type"] == "page"]
        url = pages[0]["webSocketDebuggerUrl"]
        host_port, path = url[len("ws://"):].split("/", 1)
        host, port = host_port.split(":")
        self.sock = socket.create_connection((host, int(port)), timeout=timeout)
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /{path} HTTP/1.1\r\nHost: {host_port}\r\n"
                           "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n").encode())
        head = b""
        while b"\r\n\r\n" not in head:
            head += self._recv(1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError(f"no WebSocket: {head!r}")
        self.next_id = 0

    def _recv(self, n):
        out = b""
        while len(out) < n:
            part = self.sock.recv(n - len(out))
            if not part:
                raise RuntimeError("DevTools closed the connection")
            out += part
        return out

    def _send_text(self, text):
        data = text.encode()
        head = bytes([0x81])
        if len(data) < 126:
            head += bytes([0x80 | len(data)])
        elif len(data) < 1 << 16:
            head += bytes([0x80 | 126]) + struct.pack(">H", len(data))
        else:
            head += bytes([0x80 | 127]) + struct.pack(">Q", len(data))
        mask = os.urandom(4)
        masked = bytes(b ^ mask[i % 4] for i, b in enumerate(data))
        self.sock.sendall(head + mask + masked)

    def _read_message(self):
        message = b""
        while True:
            b0, b1 = self._recv(2)
            length = b1 & 0x7F
            if length == 126:
                length = struct.unpack(">H", self._recv(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", self._recv(8))[0]
            payload = self._recv(length)
            if b0 & 0x0F in (0x1, 0x0):
                message += payload
                if b0 & 0x80:
                    return json.loads(message)

    def call(self, method, **params):
        """Sends one command and returns its result (events are skipped)."""
        self.next_id += 1
        self._send_text(json.dumps({"id": self.next_id, "method": method,
                                    "params": params}))
        while True:
            reply = self._read_message()
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply["result"]

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression,
                           returnByValue=True)
        return result["result"].get("value")

    def navigate(self, url):
        self.call("Page.navigate", url=url)

    def screenshot(self, path):
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(path, "wb") as f:
            f.write(base64.b64decode(data))

    def close(self):
        self.sock.close()


def start_headless(procs, profile, window="1400,820", flags=(), patience=20):
    """Starts headless Chromium (Debian's chromium package) with procs.start
    (see tests/support/comet_procs.py, which ends it), its profile in the
    directory `profile` and more command-line `flags`; returns a DevTools on
    its page, Page events enabled.
    The browser picks its own DevTools port and writes it into the profile's
    DevToolsActivePort file. Raises RuntimeError when it does not come up."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if not browser:
        raise RuntimeError("no chromium (bash .ci/deps installs it)")
    procs.start("chromium", [
        browser, "--headless", "--no-sandbox", "--disable-gpu",
        "--no-first-run", "--disable-extensions", "--hide-scrollbars",
        f"--user-data-dir={profile}", "--remote-debugging-port=0",
        "--remote-allow-origins=*", f"--window-size={window}", *flags,
        "about:blank"])
    active_port = os.path.join(profile, "DevToolsActivePort")
    deadline = time.monotonic() + patience
    while time.monotonic() < deadline:
        try:
            with open(active_port) as f:
                page = DevTools(int(f.readline()))
            page.call("Page.enable")
            return page
        except (OSError, ValueError, IndexError, RuntimeError):
            time.sleep(0.2)
    raise RuntimeError("headless chromium did not open its DevTools port")
