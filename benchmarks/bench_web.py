"""Benchmark of the web application (issue #14): a real server (uvicorn on 127.0.0.1 in a
subprocess) and real HTTP clients.

1. warm ``POST /api/plan`` for a typical room (the demo room): p50 / p95 (target ≤ 150 / 400 ms),
   as an API client asks it (plan, report, floor plan and every elevation) and as the 设计 page
   asks it while the user edits (``include=``: plan, report, floor plan, board status);
2. ``POST /api/pack`` (the whole ZIP): p50 (target ≤ 700 ms);
3. ``POST /api/model`` (room.glb for the 三维 tab): p50;
4. 20 concurrent clients posting ``/api/plan?include=`` (20 people editing) for 30 s: requests,
   errors (target 0), latency,
   and the resident memory of the server and of its child processes (the forkserver and the
   drawing processes) at the start and the end (target: flat).

Run: ``python benchmarks/bench_web.py [--plan N] [--pack N] [--clients 20] [--seconds 30]``.
A benchmark, not a test: it prints figures and asserts nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent
SPEC = yaml.safe_load((ROOT / "examples" / "enterprise-9x6.yaml").read_text(encoding="utf-8"))


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mib(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def tree_pids(root: int) -> list[int]:
    """``root`` and every process below it (the forkserver and the drawing processes)."""
    parent: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if d.name.isdigit():
            try:
                stat = (d / "stat").read_text()
            except OSError:
                continue
            parent[int(d.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo += [c for c, pp in parent.items() if pp == pid]
    return out


def tree_rss_mib(root: int) -> float:
    total = 0.0
    for pid in tree_pids(root):
        try:
            total += rss_mib(pid)
        except OSError:
            pass
    return total


def pct(xs: list[float], p: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, max(0, round(p / 100 * (len(xs) - 1))))]


def start_server(port: int, processes: int | None = None) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    extra = [] if processes is None else ["--processes", str(processes)]
    proc = subprocess.Popen([sys.executable, "-m", "roomplanner", "serve", "--port", str(port), *extra], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    base = f"http://127.0.0.1:{port}"
    for _ in range(600):
        try:
            if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise SystemExit("server did not start")


def timed(client: httpx.Client, path: str, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        r = client.post(path, json=SPEC)
        out.append((time.perf_counter() - t0) * 1000)
        if r.status_code != 200:
            raise SystemExit(f"{path}: HTTP {r.status_code}: {r.text[:200]}")
    return out


def load(base: str, clients: int, seconds: float, path: str = "/api/plan") -> dict:
    stop = time.monotonic() + seconds
    lat: list[float] = []
    errors: list[str] = []
    lock = threading.Lock()

    def worker():
        with httpx.Client(base_url=base, timeout=60) as c:
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                try:
                    r = c.post(path, json=SPEC)
                    ok = r.status_code == 200
                    why = f"HTTP {r.status_code}"
                except httpx.HTTPError as exc:
                    ok, why = False, type(exc).__name__
                with lock:
                    (lat.append((time.perf_counter() - t0) * 1000) if ok else errors.append(why))

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    t0 = time.perf_counter()
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - t0
    return {"requests": len(lat) + len(errors), "errors": len(errors), "error_kinds": sorted(set(errors)),
            "throughput_rps": round(len(lat) / wall, 2), "p50_ms": round(pct(lat, 50), 1) if lat else None,
            "p95_ms": round(pct(lat, 95), 1) if lat else None}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--plan", type=int, default=40, help="timed /api/plan requests")
    ap.add_argument("--pack", type=int, default=12, help="timed /api/pack requests")
    ap.add_argument("--clients", type=int, default=20)
    ap.add_argument("--seconds", type=float, default=30.0)
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--processes", type=int, default=None,
                    help="the server's drawing processes (default: its own default; 0: none)")
    args = ap.parse_args(argv)

    port = free_port()
    proc = start_server(port, args.processes)
    base = f"http://127.0.0.1:{port}"
    try:
        with httpx.Client(base_url=base, timeout=120) as c:
            timed(c, "/api/plan", 3)       # warm: fonts, profiles, solver caches
            timed(c, "/api/pack", 1)
            plan = timed(c, "/api/plan", args.plan)
            live = timed(c, "/api/plan?include=", args.plan)
            pack = timed(c, "/api/pack", args.pack)
            model = timed(c, "/api/model", max(3, args.pack // 2))
        rss_start, tree_start, nproc = rss_mib(proc.pid), tree_rss_mib(proc.pid), len(tree_pids(proc.pid))
        conc = load(base, args.clients, args.seconds, "/api/plan?include=")   # 20 people editing
        rss_end, tree_end = rss_mib(proc.pid), tree_rss_mib(proc.pid)
    finally:
        proc.terminate()
        proc.wait(timeout=20)
    res = {
        "plan_p50_ms": round(statistics.median(plan), 1), "plan_p95_ms": round(pct(plan, 95), 1), "plan_n": len(plan),
        "live_p50_ms": round(statistics.median(live), 1), "live_p95_ms": round(pct(live, 95), 1),
        "pack_p50_ms": round(statistics.median(pack), 1), "pack_n": len(pack),
        "model_p50_ms": round(statistics.median(model), 1), "model_n": len(model),
        "concurrent": {"clients": args.clients, "seconds": args.seconds, **conc},
        "rss_mib_start": round(rss_start, 1), "rss_mib_end": round(rss_end, 1),
        "processes": nproc, "tree_rss_mib_start": round(tree_start, 1), "tree_rss_mib_end": round(tree_end, 1),
        "load_average": os.getloadavg(), "cpus": os.cpu_count(),
    }
    if args.json:
        print(json.dumps(res, indent=2))
    else:
        print(f"POST /api/plan (warm, typical room): p50 {res['plan_p50_ms']} ms, p95 {res['plan_p95_ms']} ms "
              f"(n={len(plan)}; target ≤ 150 / 400 ms)")
        print(f"POST /api/plan?include= (the page while editing): p50 {res['live_p50_ms']} ms, "
              f"p95 {res['live_p95_ms']} ms")
        print(f"POST /api/pack: p50 {res['pack_p50_ms']} ms (n={len(pack)}; target ≤ 700 ms)")
        print(f"POST /api/model (room.glb for the 3D tab): p50 {res['model_p50_ms']} ms (n={len(model)})")
        print(f"{args.clients} concurrent clients for {args.seconds:g} s: {conc['requests']} requests, "
              f"{conc['errors']} errors {conc['error_kinds'] or ''}, {conc['throughput_rps']} req/s, "
              f"p50 {conc['p50_ms']} ms, p95 {conc['p95_ms']} ms")
        print(f"server RSS: {res['rss_mib_start']} MiB at the start of the load, {res['rss_mib_end']} MiB at the end; "
              f"with its {nproc - 1} child processes (forkserver, drawing processes): {res['tree_rss_mib_start']} → "
              f"{res['tree_rss_mib_end']} MiB")
        la = res["load_average"]
        print(f"machine: {res['cpus']} cores, load average {la[0]:.2f} {la[1]:.2f} {la[2]:.2f} at the end")
    return 0


if __name__ == "__main__":
    sys.exit(main())
