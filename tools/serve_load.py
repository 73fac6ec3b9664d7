#!/usr/bin/env python3
"""A bounded load test of `newsq serve` (issue 23), loopback only, standard library only.

Starts `NEWSQ serve` on INDEX at a free loopback port, sends REQUESTS search-page
requests over CONNECTIONS keep-alive connections (queries drawn in turn from QUERIES),
stops by itself, and reports errors, latency p50/p95/max, the server's peak RSS, and the
latency of CLI searches run during the load against the same searches run idle.

    python3 tools/serve_load.py target/release/newsq /work/data/news-index \
        ../shared/data/queries-news.txt [--requests 2000] [--connections 20]
"""
import argparse
import http.client
import os
import re
import statistics
import subprocess
import threading
import time


def pct(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def rss_peak_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


def cli_times(newsq, index, queries, n):
    out = []
    for q in queries[:n]:
        t = time.perf_counter()
        subprocess.run([newsq, "--index", index, "search", q], stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        out.append(time.perf_counter() - t)
    return out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("newsq")
    ap.add_argument("index")
    ap.add_argument("queries")
    ap.add_argument("--requests", type=int, default=2000)
    ap.add_argument("--connections", type=int, default=20)
    ap.add_argument("--cli", type=int, default=50, help="CLI searches idle and under load")
    a = ap.parse_args()
    queries = [l.strip() for l in open(a.queries) if l.strip() and not l.startswith("#")]
    server = subprocess.Popen([a.newsq, "--index", a.index, "serve", "--addr", "127.0.0.1:0"],
                              stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if not m:
            raise SystemExit(f"serve did not start: {line}")
        port = int(m.group(1))
        idle_cli = cli_times(a.newsq, a.index, queries, a.cli)
        per = a.requests // a.connections
        lat, errors, lock = [], [], threading.Lock()

        def worker(k):
            c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            for i in range(per):
                q = queries[(k * per + i) % len(queries)]
                path = "/?q=" + "+".join(
                    "".join(ch if ch.isalnum() else "%%%02X" % ord(ch) for ch in w)
                    for w in q.split())
                t = time.perf_counter()
                try:
                    c.request("GET", path)
                    r = c.getresponse()
                    r.read()
                    ok = r.status == 200
                except Exception as e:  # noqa: BLE001 - every failure counts
                    ok = False
                    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                dt = time.perf_counter() - t
                with lock:
                    lat.append(dt)
                    if not ok:
                        errors.append(path)

        start = time.perf_counter()
        threads = [threading.Thread(target=worker, args=(k,)) for k in range(a.connections)]
        for t in threads:
            t.start()
        loaded_cli = cli_times(a.newsq, a.index, queries, a.cli)
        for t in threads:
            t.join()
        wall = time.perf_counter() - start
        ms = lambda s: f"{s * 1000:.1f} ms"
        print(f"requests {len(lat)} over {a.connections} connections in {wall:.1f} s "
              f"({len(lat) / wall:.0f}/s); errors {len(errors)}")
        print(f"page latency p50 {ms(pct(lat, 50))}  p95 {ms(pct(lat, 95))}  max {ms(max(lat))}")
        print(f"server peak RSS {rss_peak_kib(server.pid) / 1024:.0f} MiB")
        print(f"CLI search ({a.cli} queries) idle p50 {ms(statistics.median(idle_cli))} "
              f"p95 {ms(pct(idle_cli, 95))}; during the load p50 "
              f"{ms(statistics.median(loaded_cli))} p95 {ms(pct(loaded_cli, 95))}")
        if errors:
            print("first errors:", errors[:5])
            raise SystemExit(1)
    finally:
        server.kill()
        server.wait()


if __name__ == "__main__":
    main()
