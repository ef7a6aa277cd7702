"""A TCP relay on a loopback port that stands for the network between a
browser and caf-comet, so that a test can take the network away while the
server keeps running (and keeps its message history): cut() ends every
connection through it, and both ends see their connection close; until
restore(), new connections are accepted but held unanswered, as behind a
link that is down. Standard library only; threads, one per direction."""
import socket
import threading


class CuttableProxy:
    def __init__(self, target_port):
        """Listens on a free 127.0.0.1 port (self.port) and relays each
        connection to 127.0.0.1:target_port."""
        self.target_port = target_port
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.lock = threading.Lock()  # guards links and the open/closed state
        self.links = []  # (browser side, server side) sockets being relayed
        self.passable = threading.Event()
        self.passable.set()
        self.closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def cut(self):
        """Ends every relayed connection; holds new ones until restore()."""
        with self.lock:
            self.passable.clear()
            self._end_links()

    def restore(self):
        """Relays the held connections and any new ones again."""
        self.passable.set()

    def close(self):
        """Stops listening and ends every connection, held ones too."""
        with self.lock:
            self.closed = True
            self.listener.close()
            self._end_links()
        self.passable.set()

    def _end_links(self):
        for link in self.links:
            for sock in link:
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        self.links.clear()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return  # closed
            threading.Thread(target=self._relay, args=(client,),
                             daemon=True).start()

    def _relay(self, client):
        # Connected upstream under the lock, so a cut cannot miss the link.
        while True:
            self.passable.wait()
            with self.lock:
                if self.closed:
                    client.close()
                    return
                if self.passable.is_set():
                    try:
                        upstream = socket.create_connection(
                            ("127.0.0.1", self.target_port), timeout=5)
                    except OSError:
                        client.close()
                        return
                    upstream.settimeout(None)
                    self.links.append((client, upstream))
                    break
        threading.Thread(target=self._pump, args=(upstream, client),
                         daemon=True).start()
        self._pump(client, upstream)

    @staticmethod
    def _pump(source, sink):
        """Copies until either side ends, then ends both: a half-closed
        relay would leave the other side waiting."""
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        for sock in (source, sink):
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()
