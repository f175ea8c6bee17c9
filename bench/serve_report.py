"""The serving section of RESULTS.md, from serve.json (written by `python -m bench serve`)."""

from __future__ import annotations

TARGETS = {"torch": 1.5, "onnx-int8": 3.0}
SCORE_POINTS = 1.0
NAMES = {"torch": "torch", "onnx": "ONNX", "onnx-int8": "ONNX int8",
         "reference": "plain FastAPI + pipeline() per request"}
SCORED = {"sst2": "accuracy", "banking77": "macro F1", "wnut17": "entity F1"}


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def target_rows(serve: dict) -> list[tuple[str, str, str]]:
    rows = []
    serving = serve.get("serving") or {}
    for fmt, target in TARGETS.items():
        ratio = (serving.get("throughput_ratio") or {}).get(fmt)
        if ratio is not None:
            rows.append((f"`core serve` {NAMES[fmt]} throughput ≥ {target}x the plain server "
                         f"({serving['clients']} clients)", f"{ratio:.2f}x",
                         _verdict(ratio >= target)))
    for name, found in (serve.get("datasets") or {}).items():
        change = ((found.get("formats") or {}).get("onnx-int8") or {}).get("score_change_points")
        if change is not None:
            rows.append((f"ONNX int8 {SCORED.get(name, 'score')} on {name} within "
                         f"{SCORE_POINTS:.0f} point of torch", f"{change:+.2f} points",
                         _verdict(abs(change) <= SCORE_POINTS)))
    return rows


def _serving_table(serving: dict) -> list[str]:
    lines = ["| server | requests/s | ratio to the plain server | p50 ms (idle) | p95 ms (idle) "
             "| memory (MB) |", "|---|---|---|---|---|---|"]
    for name, figures in serving["contenders"].items():
        ratio = "1.00x" if name == "reference" else f"{serving['throughput_ratio'][name]:.2f}x"
        lines.append(f"| {NAMES.get(name, name)} | {figures['requests_per_s']} | {ratio} | "
                     f"{figures['p50_ms']} | {figures['p95_ms']} | {figures['rss_mb']} |")
    return lines


def _formats_table(datasets: dict) -> list[str]:
    lines = ["| dataset | format | test score | change (points) | size (MB) | sentences/s | "
             "p50 ms |", "|---|---|---|---|---|---|---|"]
    for name, found in datasets.items():
        for fmt, figures in (found.get("formats") or {}).items():
            score = figures.get("score")
            shown = f"{100 * score:.2f}" if isinstance(score, (int, float)) else ""
            change = figures.get("score_change_points")
            lines.append(f"| {name} | {NAMES.get(fmt, fmt)} | {shown} | "
                         f"{'' if change is None else f'{change:+.2f}'} | {figures['size_mb']} | "
                         f"{figures['sentences_per_s']} | {figures['p50_ms']} |")
    return lines


def _smaller_table(datasets: dict) -> list[str]:
    lines = ["| dataset | smaller model | test score | change against the teacher (points) | "
             "size (MB) | sentences/s | speed against the teacher | p50 ms |",
             "|---|---|---|---|---|---|---|---|"]
    for name, found in datasets.items():
        smaller = found.get("smaller") or {}
        for fmt, figures in (smaller.get("formats") or {}).items():
            score = figures.get("score")
            shown = f"{100 * score:.2f}" if isinstance(score, (int, float)) else ""
            change = figures.get("score_change_points")
            speed = figures.get("speed_ratio")
            lines.append(f"| {name} | {smaller.get('layers')} of {smaller.get('of', '?')} layers, "
                         f"{NAMES.get(fmt, fmt)} "
                         f"| {shown} | {'' if change is None else f'{change:+.2f}'} | "
                         f"{figures['size_mb']} | {figures['sentences_per_s']} | "
                         f"{'' if speed is None else f'{speed:.2f}x'} | {figures['p50_ms']} |")
    return lines if len(lines) > 2 else []


def section(serve: dict) -> list[str]:
    lines = ["## Serving and smaller formats (default model, quick preset)", ""]
    if not serve.get("datasets"):
        return lines + ["Not measured yet: run `python -m bench serve`.", ""]
    lines += ["| target | measured | verdict |", "|---|---|---|",
              *[f"| {a} | {b} | {c} |" for a, b, c in target_rows(serve)], ""]
    limits = serve.get("limits") or {}
    serving = serve.get("serving")
    if serving:
        lines += [f"Serving the SST-2 run: {serving['clients']} client threads send single test "
                  f"sentences, {serving['requests']} requests per round, median of "
                  f"{serving['rounds']} rounds that go through every server in turn; latency "
                  f"from single requests on the idle server; memory is the server process's "
                  f"resident memory after the load.", "", *_serving_table(serving), ""]
    lines += [f"Each run trained on {limits.get('train', '?'):,} sampled training rows and "
              f"scored on {limits.get('test', '?'):,} test rows; every format is measured by "
              f"`python -m core export --format` on the run's test split, against torch.", "",
              *_formats_table(serve["datasets"]), ""]
    smaller = _smaller_table(serve["datasets"])
    if smaller:
        lines += ["The smaller model of each run (`python -m core distill RUN --layers 3`): the "
                  "teacher's spread layers as its start, trained on the teacher's soft labels "
                  "and the gold labels with the teacher's settings; measured the same way, its "
                  "score and speed against the teacher in torch.", "", *smaller, ""]
    seconds = serve.get("seconds") or {}
    if seconds:
        parts = ", ".join(f"{name} {value / 60:.0f} minutes" for name, value in seconds.items())
        lines += [f"Time taken by `python -m bench serve`: {parts}.", ""]
    return lines
