"""bench/serve.py and its RESULTS.md section: the measuring parts on a tiny run, the report from
a saved serve.json."""

from __future__ import annotations

import pytest
from support.tiny_runs import install_run

from bench import serve, serve_report


def saved_serve() -> dict:
    figures = {"p50_ms": 20.0, "p95_ms": 30.0, "requests_per_s": 10.0, "rss_mb": 500.0}
    contenders = {"torch": {**figures, "requests_per_s": 16.0},
                  "onnx": {**figures, "requests_per_s": 25.0},
                  "onnx-int8": {**figures, "requests_per_s": 28.0},
                  "reference": figures}
    fmt = {"size_mb": 87.0, "sentences_per_s": 100.0, "p50_ms": 9.0, "score": 0.81,
           "score_change_points": 0.0}
    return {"limits": {"train": 3000, "test": 1000},
            "serving": {"clients": 16, "requests": 640, "rounds": 3, "contenders": contenders,
                        "throughput_ratio": {"torch": 1.6, "onnx": 2.5, "onnx-int8": 2.8}},
            "datasets": {"sst2": {"formats": {"torch": fmt, "onnx-int8": {
                **fmt, "size_mb": 22.0, "score": 0.795, "score_change_points": -1.5}}}},
            "seconds": {"sst2": 900.0}}


def test_the_report_shows_the_smaller_model_beside_its_teacher():
    saved = saved_serve()
    saved["datasets"]["sst2"]["smaller"] = {"layers": 3, "of": 6, "formats": {"torch": {
        "size_mb": 60.0, "sentences_per_s": 190.0, "p50_ms": 5.0, "score": 0.79,
        "score_change_points": -2.0, "speed_ratio": 1.9}}}
    text = "\n".join(serve_report.section(saved))
    assert "| sst2 | 3 of 6 layers, torch | 79.00 | -2.00 | 60.0 | 190.0 | 1.90x | 5.0 |" in text
    assert "smaller model" not in "\n".join(serve_report.section(saved_serve()))


def test_the_report_gives_each_target_its_verdict():
    rows = serve_report.target_rows(saved_serve())
    assert ("`core serve` torch throughput ≥ 1.5x the plain server (16 clients)", "1.60x",
            "met") in rows
    assert ("`core serve` ONNX int8 throughput ≥ 3.0x the plain server (16 clients)", "2.80x",
            "**missed**") in rows
    assert ("ONNX int8 accuracy on sst2 within 1 point of torch", "-1.50 points",
            "**missed**") in rows


def test_the_report_tables_and_the_unmeasured_case():
    text = "\n".join(serve_report.section(saved_serve()))
    assert "| torch | 16.0 | 1.60x | 20.0 | 30.0 | 500.0 |" in text
    assert "| plain FastAPI + pipeline() per request | 10.0 | 1.00x |" in text
    assert "| sst2 | ONNX int8 | 79.50 | -1.50 | 22.0 | 100.0 | 9.0 |" in text
    assert "3,000 sampled training rows" in text and "sst2 15 minutes" in text
    assert "Not measured yet" in "\n".join(serve_report.section({}))


def test_the_median_round_counts():
    rounds = [{"requests_per_s": 10.0, "p50_ms": 5.0}, {"requests_per_s": 30.0, "p50_ms": 1.0},
              {"requests_per_s": 20.0, "p50_ms": 9.0}]
    assert serve.median_figures(rounds) == {"requests_per_s": 20.0, "p50_ms": 5.0}


@pytest.fixture
def tiny_run(workspace, tiny_model_dir, tmp_path_factory):
    return install_run("classification", tiny_model_dir, tmp_path_factory)


def test_the_app_server_and_the_plain_server_are_measured_alike(tiny_run, tmp_path):
    import zipfile

    from core.serve.export import export_run

    with zipfile.ZipFile(export_run(tiny_run, tmp_path / "export.zip")) as opened:
        opened.extractall(tmp_path / "export")
    port = serve.free_port()
    commands = serve.contender_commands(tiny_run, tmp_path / "export", port)
    limits = {"requests": 32, "idle": 5}
    texts = ["great film", "awful plot, boring", "I loved it"]
    for name in ("torch", "reference"):
        figures = serve.measure_server(commands[name], port, texts, limits)
        assert figures["requests_per_s"] > 0 and figures["rss_mb"] > 10
        assert 0 < figures["p50_ms"] <= figures["p95_ms"]


def test_the_smaller_model_is_made_and_measured_against_its_teacher(tiny_run, tmp_path):
    from core.serve.formats import measurements

    serve.run_measured(["-m", "core", "export", str(tiny_run), "--format", "torch", "--output",
                        str(tmp_path / "teacher.zip")])
    teacher = measurements(tiny_run)["torch"]
    smaller = serve.smaller_of(tiny_run, tmp_path, layers=1)
    assert smaller["layers"] == 1 and smaller["of"] == 2
    student = smaller["formats"]
    assert set(student) == {"torch", "onnx-int8"}
    change = round(100 * (student["torch"]["score"] - teacher["score"]), 2)
    assert student["torch"]["score_change_points"] == change
    assert student["torch"]["size_mb"] < teacher["size_mb"]
