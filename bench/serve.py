"""`python -m bench serve`: the app's API server against the server a user would otherwise write.

Models: the default model trained with the quick preset (`python -m core train`) on a sample of
SST-2, banking77 and WNUT-17, each exported as ONNX and ONNX int8 with
`python -m core export --format`, which measures every format's test score, size, speed and
one-sentence latency against torch on the run's test split (the figures the Deploy page shows),
and its smaller model (`python -m core distill RUN --layers 3`: 3 of the 6 layers, trained to
imitate it) measured the same way in torch and ONNX int8, its score against the teacher's.
Serving: on the SST-2 run, `python -m core serve` in each format and
bench/references/serve_reference.py (a plain FastAPI endpoint calling pipeline() per request)
are started one at a time on a loopback port; each gets the same warm-up, then single
sequential requests on the idle server (p50 / p95 latency), then 16 client threads sending
single SST-2 test sentences as fast as they are answered (requests per second), then its
resident memory is read. Rounds go through all contenders in turn, so a load on the machine
falls on each of them alike; the median round counts.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from pathlib import Path

from bench.processes import ROOT, run_measured

SEED = 42
DATASETS = ("sst2", "banking77", "wnut17")
FORMATS = ("torch", "onnx", "onnx-int8")
LIMITS = {"full": {"train": 3000, "test": 1000, "requests": 640, "rounds": 3, "idle": 60},
          "quick": {"train": 400, "test": 200, "requests": 160, "rounds": 1, "idle": 20}}
CLIENTS = 16
SMALLER_LAYERS = 3  # of the default model's 6


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(connection: http.client.HTTPConnection, text: str) -> float:
    """One POST / {"inputs": text} on a kept-alive connection; its seconds."""
    body = json.dumps({"inputs": text})
    started = time.perf_counter()
    connection.request("POST", "/", body, {"Content-Type": "application/json"})
    answer = connection.getresponse()
    payload = answer.read()
    if answer.status != 200:
        raise RuntimeError(f"server answered {answer.status}: {payload[:300]!r}")
    return time.perf_counter() - started


def wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 180.0) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", "/health")
            if connection.getresponse().status == 200:
                return
        except OSError:
            time.sleep(0.5)
    raise RuntimeError(f"no server on port {port} after {timeout:.0f} s")


def idle_latency(port: int, texts: list[str], count: int) -> dict[str, float]:
    """p50 and p95 milliseconds of single requests sent one after another."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    times = sorted(post(connection, texts[i % len(texts)]) for i in range(count))
    return {"p50_ms": round(1000 * statistics.median(times), 2),
            "p95_ms": round(1000 * times[min(len(times) - 1, int(0.95 * len(times)))], 2)}


def under_load(port: int, texts: list[str], requests: int, clients: int = CLIENTS) -> float:
    """Requests per second with `clients` threads each sending its share one at a time."""
    errors: list[BaseException] = []

    def client(number: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            for i in range(number, requests, clients):
                post(connection, texts[i % len(texts)])
        except BaseException as error:  # reported after the round
            errors.append(error)

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    if errors:
        raise RuntimeError(f"{len(errors)} clients failed: {errors[0]}")
    return requests / seconds


def rss_mb(pid: int) -> float:
    import psutil

    return round(psutil.Process(pid).memory_info().rss / 2 ** 20, 1)


def contender_commands(run_dir: Path, export_folder: Path, port: int) -> dict[str, list[str]]:
    commands = {fmt: [sys.executable, "-m", "core", "serve", str(run_dir), "--port", str(port),
                      "--format", fmt] for fmt in FORMATS}
    commands["reference"] = [sys.executable, "bench/references/serve_reference.py", "--model",
                             str(export_folder), "--port", str(port)]
    return commands


def measure_server(command: list[str], port: int, texts: list[str], limits: dict) -> dict:
    """Start one server, measure it (see the module docstring), stop it."""
    proc = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL,
                            env={**os.environ, "TOKENIZERS_PARALLELISM": "false"})
    try:
        wait_healthy(port, proc)
        idle_latency(port, texts, 10)  # warm-up
        figures = idle_latency(port, texts, limits["idle"])
        figures["requests_per_s"] = round(under_load(port, texts, limits["requests"]), 2)
        figures["rss_mb"] = rss_mb(proc.pid)
        return figures
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def median_figures(rounds: list[dict]) -> dict:
    keys = rounds[0].keys()
    return {key: round(statistics.median(r[key] for r in rounds), 2) for key in keys}


def serving(run_dir: Path, texts: list[str], folder: Path, limits: dict) -> dict:
    """Every contender's median figures over the rounds, and the ratios to the reference."""
    from core.serve.export import export_run

    archive = export_run(run_dir, folder / "serve-export.zip")
    with zipfile.ZipFile(archive) as opened:
        opened.extractall(folder / "serve-export")
    port = free_port()
    commands = contender_commands(run_dir, folder / "serve-export", port)
    rounds: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(limits["rounds"]):
        for name, command in commands.items():
            rounds[name].append(measure_server(command, port, texts, limits))
    result = {name: {**median_figures(found), "rounds": found} for name, found in rounds.items()}
    base = result["reference"]["requests_per_s"]
    ratios = {fmt: round(result[fmt]["requests_per_s"] / base, 3) for fmt in FORMATS}
    return {"clients": CLIENTS, "requests": limits["requests"], "rounds": limits["rounds"],
            "contenders": result, "throughput_ratio": ratios}


def train_run(name: str, data_dir: Path, folder: Path, model: str, limits: dict) -> Path:
    """The default model trained with the quick preset on the dataset's sample."""
    from bench.datasets import prepare
    from bench.quality import app_command

    prepared = prepare(name, data_dir, folder / "data", {"train": limits["train"],
                                                         "test": limits["test"]})
    app = run_measured(app_command(prepared, folder / "runs", model, "quick"))
    return Path(app["run_dir"])


def formats_of(run_dir: Path, folder: Path) -> dict:
    """Each format exported with `python -m core export --format`, and the figures it
    measured (core.serve.formats.measurements)."""
    from core.serve.formats import measurements

    for fmt in FORMATS:
        run_measured(["-m", "core", "export", str(run_dir), "--format", fmt, "--output",
                      str(folder / f"{run_dir.name}-{fmt}.zip")])
    return measurements(run_dir)


def smaller_of(run_dir: Path, folder: Path, layers: int = SMALLER_LAYERS) -> dict:
    """The run's smaller model (`python -m core distill RUN --layers k`, its teacher's data and
    settings) and the figures `python -m core export --format` measured for it in torch and
    ONNX int8, with its score change against the teacher in torch."""
    from core.serve.formats import measurements
    from core.train.distill import teacher_layers
    from core.workspace.folder import RunFolder

    teacher = measurements(run_dir).get("torch") or {}
    workspace = {"FINETUNE_STUDIO_WORKSPACE": str(run_dir.parent.parent)}
    made = run_measured(["-m", "core", "distill", str(run_dir), "--layers", str(layers),
                         "--json"], env=workspace)
    student = Path(made["run_dir"])
    for fmt in ("torch", "onnx-int8"):
        run_measured(["-m", "core", "export", str(student), "--format", fmt, "--output",
                      str(folder / f"{student.name}-{fmt}.zip")], env=workspace)
    found = measurements(student)
    for figures in found.values():
        if isinstance(figures.get("score"), (int, float)) and \
                isinstance(teacher.get("score"), (int, float)):
            figures["score_change_points"] = round(100 * (figures["score"] - teacher["score"]),
                                                   2)
        if teacher.get("sentences_per_s"):
            figures["speed_ratio"] = round(figures["sentences_per_s"]
                                           / teacher["sentences_per_s"], 2)
    return {"layers": layers, "of": teacher_layers(RunFolder(run_dir)),
            "training_seconds": made.get("wall_seconds"), "formats": found}


def test_texts(run_dir: Path) -> list[str]:
    from core.evaluate import error_analysis

    _, records = error_analysis.split_inputs(run_dir)
    return [str(r.get("text", "")) for r in records if r.get("text")]


def run(data_dir: Path, quick: bool, model: str, datasets: tuple[str, ...] = DATASETS,
        on_result=None) -> dict:
    limits = LIMITS["quick" if quick else "full"]
    summary: dict = {"model": model, "limits": limits, "datasets": {}, "seconds": {}}
    report = on_result or (lambda _summary: None)
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        folder = Path(tmp)
        for name in datasets:
            started = time.time()
            run_dir = train_run(name, data_dir, folder / name, model, limits)
            summary["datasets"][name] = {"formats": formats_of(run_dir, folder / name)}
            report(summary)
            summary["datasets"][name]["smaller"] = smaller_of(run_dir, folder / name)
            if name == "sst2":
                summary["serving"] = serving(run_dir, test_texts(run_dir), folder, limits)
            summary["seconds"][name] = round(time.time() - started, 1)
            report(summary)
    return summary


def serving_again(run_dir: Path, results: Path, quick: bool = False) -> dict:
    """Serving measured again on a run `python -m bench serve` trained (its folder kept), the
    figures put into results/serve.json in place of the earlier ones: for a machine that was
    busy while the whole bench ran."""
    limits = LIMITS["quick" if quick else "full"]
    saved = json.loads((results / "serve.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="bench-serve-") as tmp:
        saved["serving"] = serving(Path(run_dir), test_texts(Path(run_dir)), Path(tmp), limits)
    saved["serving"]["measured_again"] = time.strftime("%Y-%m-%dT%H:%M:%S%z")
    (results / "serve.json").write_text(json.dumps(saved, indent=1), encoding="utf-8")
    return saved["serving"]


if __name__ == "__main__":  # python -m bench.serve RUN_DIR [RESULTS_DIR]: serving alone again
    found = serving_again(Path(sys.argv[1]), Path(sys.argv[2] if len(sys.argv) > 2
                                                  else ROOT / "bench" / "results"))
    print(json.dumps({"throughput_ratio": found["throughput_ratio"]}))
