"""The web desk under load: server-side time of one interview step and of POST /api/screen,
and screenings per second through the API with 8 concurrent clients on loopback.

Starts `screening serve` (uvicorn, one process, pinned to one core with taskset
where available) on 127.0.0.1 with a throwaway database and one officer, logs in
over the API, then:

1. latency: each bundled case screened by POST /api/screen, and one interview
   step (POST /api/interview with the case's start answers plus its coal block),
   ``--rounds`` times over; the server's own time is read from the response's
   ``Server-Timing`` header (request in to response head, inside the server);
   median and p99 are printed against the targets (20 ms a step, 50 ms a screening),
   by the wall clock and by the server process's CPU time over each request (on a
   shared machine the wall clock also counts the time the server waited for its core);
2. throughput: 8 client threads POST the cases for ``--seconds`` (bounded also by
   ``--max-requests``), and screenings per second are printed.

Every request goes to the loopback address only; the loops are bounded in count
and time. Run:

    python bench/web.py [--rounds 5] [--seconds 10] [--clients 8]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx2 as httpx
import yaml

ROOT = Path(__file__).resolve().parent.parent
START = ("id", "name", "applicant", "industry", "construction_type", "location",
         "application_date")


def cases() -> list[dict[str, Any]]:
    out = []
    for path in sorted((ROOT / "cases").glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        data.pop("expected", None)
        out.append(json.loads(json.dumps(data, default=str)))
    return out


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_server(db: Path, port: int) -> subprocess.Popen[bytes]:
    env = {**os.environ, "SCREENING_PASSWORD": "bench-pass-1"}
    exe = str(Path(sys.executable).with_name("screening"))
    subprocess.run([exe, "users", "add", "bench", "--role", "officer", "--db", str(db)],
                   check=True, env=env, capture_output=True)
    command = [exe, "serve", "--host", "127.0.0.1", "--port", str(port), "--db", str(db),
               "--rules", str(ROOT / "rules")]
    if shutil.which("taskset"):
        command = ["taskset", "-c", "0", *command]
    server = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            httpx.get(f"http://127.0.0.1:{port}/login", timeout=1)
            return server
        except httpx.HTTPError:
            time.sleep(0.2)
    server.kill()
    raise SystemExit("the server did not start in 60 s")


def client(base: str) -> httpx.Client:
    http = httpx.Client(base_url=base, timeout=30)
    response = http.post("/api/login", json={"name": "bench", "password": "bench-pass-1"})
    response.raise_for_status()
    return http


def server_ms(response: httpx.Response) -> tuple[float, float]:
    """The server's wall-clock and CPU time of one request (its Server-Timing header)."""
    response.raise_for_status()
    timing = dict(part.strip().split(";dur=")
                  for part in response.headers["server-timing"].split(","))
    return float(timing["app"]), float(timing["cpu"])


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def latency(http: httpx.Client, proposals: list[dict[str, Any]], rounds: int) -> None:
    for proposal in proposals:  # warm up: every rule variant registered before timing
        http.post("/api/screen", json=proposal).raise_for_status()
    screens, steps = [], []
    for _ in range(rounds):
        for proposal in proposals:
            screens.append(server_ms(http.post("/api/screen", json=proposal)))
            partial = {k: proposal[k] for k in START if k in proposal}
            if "coal" in proposal:
                partial["coal"] = proposal["coal"]
            steps.append(server_ms(http.post("/api/interview", json=partial)))
    for label, timed, target in (("interview step", steps, 20.0),
                                 ("POST /api/screen", screens, 50.0)):
        for clock, values in (("server-side", [w for w, _ in timed]),
                              ("  of it CPU", [c for _, c in timed])):
            median, p99 = statistics.median(values), percentile(values, 0.99)
            verdict = "meets" if p99 < target else "MISSES"
            print(f"{label:18s} {clock} median {median:6.2f} ms  p99 {p99:6.2f} ms  "
                  f"(n={len(values)}; target < {target:g} ms: {verdict})")


def throughput(base: str, proposals: list[dict[str, Any]], clients: int, seconds: float,
               limit: int) -> None:
    done = [0] * clients
    lock = threading.Lock()
    budget = [limit]
    stop_at = time.monotonic() + seconds

    def work(index: int) -> None:
        http = client(base)
        position = index
        while time.monotonic() < stop_at:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            http.post("/api/screen", json=proposals[position % len(proposals)]
                      ).raise_for_status()
            done[index] += 1
            position += clients
        http.close()

    threads = [threading.Thread(target=work, args=(i,)) for i in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    took = time.perf_counter() - started
    total = sum(done)
    print(f"throughput: {total} screenings by {clients} concurrent clients in {took:.1f} s = "
          f"{total / took:.1f} screenings/s through the API (one server process)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--max-requests", type=int, default=5000)
    args = parser.parse_args()
    proposals = cases()
    with tempfile.TemporaryDirectory(prefix="screening-bench-web-") as tmp:
        port = free_port()
        server = start_server(Path(tmp) / "desk.sqlite3", port)
        base = f"http://127.0.0.1:{port}"
        try:
            http = client(base)
            print(f"{len(proposals)} cases; server pinned to core 0: "
                  f"{bool(shutil.which('taskset'))}; nproc {os.cpu_count()}")
            latency(http, proposals, args.rounds)
            http.close()
            throughput(base, proposals, args.clients, args.seconds, args.max_requests)
        finally:
            server.terminate()
            server.wait(10)


if __name__ == "__main__":
    main()
