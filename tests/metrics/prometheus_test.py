#!/usr/bin/env python3
"""A real Prometheus (Debian's package) scrapes caf-comet's control port with
the bearer token, every second, and answers caf_comet_connections through
its HTTP API with the number of streams held open. Everything runs on free
loopback ports and temporary directories, bounded in time.

usage: prometheus_test.py BUILD_DIR"""
import json
import shutil
import sys
import tempfile
import urllib.parse
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "support"))
from comet_procs import Comet, Processes, free_port, open_streams, wait_until  # noqa: E402

TOKEN = "scrape-secret"
STREAMS = 3
PATIENCE_S = 45

CONFIG = """\
global:
  scrape_interval: 1s
  scrape_timeout: 1s
scrape_configs:
  - job_name: caf-comet
    authorization:
      credentials: {token}
    static_configs:
      - targets: ['127.0.0.1:{port}']
"""


def query(port, promql):
    """The API's result list for an instant query, [] when not (yet) there."""
    url = (f"http://127.0.0.1:{port}/api/v1/query?"
           + urllib.parse.urlencode({"query": promql}))
    try:
        with urllib.request.urlopen(url, timeout=3) as res:
            doc = json.load(res)
    except OSError:
        return []
    return doc.get("data", {}).get("result", []) if doc.get("status") == "success" else []


def value_of(port, promql):
    result = query(port, promql)
    return float(result[0]["value"][1]) if len(result) == 1 else None


def main():
    build_dir = sys.argv[1]
    if not shutil.which("prometheus"):
        sys.exit("FAIL: no prometheus binary (bash .ci/deps installs it)")
    with Processes() as procs, tempfile.TemporaryDirectory() as tmp:
        comet = Comet(procs, build_dir, token=TOKEN)
        streams = open_streams(comet.port, "s", STREAMS)
        config = Path(tmp) / "prometheus.yml"
        config.write_text(CONFIG.format(token=TOKEN, port=comet.control_port))
        web = free_port()
        prom = procs.start("prometheus", [
            "prometheus", f"--config.file={config}",
            f"--storage.tsdb.path={Path(tmp) / 'data'}",
            f"--web.listen-address=127.0.0.1:{web}", "--log.level=warn"])
        got = wait_until(lambda: value_of(web, "caf_comet_connections") == STREAMS,
                         PATIENCE_S, step=0.5)
        if not got:
            sys.exit(f"FAIL: caf_comet_connections is {query(web, 'caf_comet_connections')}"
                     f", up is {query(web, 'up')}\n{Processes.output(prom)}")
        print(f"ok: caf_comet_connections = {STREAMS} read back from Prometheus")
        p99 = value_of(web, "histogram_quantile(0.99, caf_comet_tick_lateness_seconds_bucket)")
        if p99 is None or not 0 <= p99 <= 10:
            sys.exit(f"FAIL: tick lateness p99 from Prometheus: {p99}")
        print(f"ok: tick lateness p99 = {p99 * 1000:.1f} ms, from the histogram")
        for s in streams:
            s.close()
    print("2 passed, 0 failed")


if __name__ == "__main__":
    main()
