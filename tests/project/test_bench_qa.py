"""The question-answering benchmark's own parts, without training: its arguments, the
paragraph-wise sampling both contenders read, the commands it runs, its throughput figure and
the RESULTS.md section written from a saved qa.json."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from bench import __main__ as cli
from bench import qa, report

ROOT = Path(__file__).resolve().parents[2]


def squad_file(path: Path, articles: int = 6, paragraphs: int = 4) -> Path:
    """Articles a0.. with paragraphs of 1 to 4 questions each (question ids a<i>p<j>q<k>)."""
    data = []
    for i in range(articles):
        paras = []
        for j in range(paragraphs):
            context = f"Article {i} paragraph {j} says the answer is word{i}{j} today."
            qas = [{"id": f"a{i}p{j}q{k}", "question": f"What does paragraph {j} say {k}?",
                    "answers": [{"text": f"word{i}{j}", "answer_start": context.index("word")}]}
                   for k in range(1 + (i + j) % 4)]
            paras.append({"context": context, "qas": qas})
        data.append({"title": f"a{i}", "paragraphs": paras})
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"version": "1.1", "data": data}), encoding="utf-8")
    return path


def _ids(paragraphs) -> set[str]:
    return {qa_["id"] for _, p in paragraphs for qa_ in p["qas"]}


def test_paragraphs_are_sampled_whole_seeded_and_in_file_order(tmp_path):
    source = qa.read_paragraphs(squad_file(tmp_path / "train.json"))
    assert len(source) == 24 and qa.questions_in(source) == sum(1 + (i + j) % 4 for i in range(6)
                                                               for j in range(4))
    picked = qa.sample_paragraphs(source, 10)
    assert qa.questions_in(picked) >= 10
    assert qa.questions_in(picked[:-1]) < 10  # stops once the limit is reached
    assert picked == qa.sample_paragraphs(source, 10)  # seeded: the same for both contenders
    assert picked != qa.sample_paragraphs(source, 10, seed=7)
    positions = [source.index(p) for p in picked]
    assert positions == sorted(positions)
    for _, paragraph in picked:  # every question of a picked paragraph comes along
        assert paragraph in [p for _, p in source]
    assert qa.sample_paragraphs(source, None) == source
    later = qa.sample_paragraphs(source, 10, skip=qa.questions_in(picked))
    assert _ids(later) and not _ids(later) & _ids(picked)


@pytest.fixture(scope="module")
def reference():
    spec = importlib.util.spec_from_file_location(
        "qa_reference", ROOT / "bench" / "references" / "qa_reference.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_prepare_writes_disjoint_training_and_validation_paragraphs(tmp_path, reference):
    data_dir = tmp_path / "datasets"
    squad_file(data_dir / "squad" / "train.json")
    squad_file(data_dir / "squad" / "dev.json", articles=3)
    paths, sizes = qa.prepare(qa.SQUAD_FILES, data_dir, tmp_path / "out", 12, 5)
    rows = {split: reference.read_squad(path) for split, path in paths.items()}
    assert {split: len(r) for split, r in rows.items()} == {
        split: s["questions"] for split, s in sizes.items()}
    assert sizes["train"]["questions"] >= 12 and sizes["test"]["questions"] >= 5
    assert sizes["validation"]["questions"] >= qa.validation_questions(12) == 10
    train_contexts = {r["context"] for r in rows["train"]}
    assert not train_contexts & {r["context"] for r in rows["validation"]}
    assert {r["id"][:2] for r in rows["test"]} <= {"a0", "a1", "a2"}
    assert all(r["title"] == r["id"].split("p")[0] for r in rows["train"])
    _, whole = qa.prepare(qa.SQUAD_FILES, data_dir, tmp_path / "all", None, None)
    assert whole["test"]["questions"] == qa.questions_in(
        qa.read_paragraphs(data_dir / "squad" / "dev.json"))
    assert whole["train"]["questions"] + whole["validation"]["questions"] == qa.questions_in(
        qa.read_paragraphs(data_dir / "squad" / "train.json"))
    assert qa.validation_questions(None) == 300 and qa.validation_questions(8) == 10


def test_the_commands_carry_the_app_settings_to_the_script(tmp_path, reference):
    from core.tasks import QUESTION_ANSWERING

    paths = {split: tmp_path / f"{split}.json" for split in ("train", "validation", "test")}
    app = qa.app_command(paths, tmp_path / "runs", "M", None, "squad")
    assert app[app.index("--task") + 1] == QUESTION_ANSWERING
    assert app[app.index("--test") + 1] == str(paths["test"])
    assert app[app.index("--validation") + 1] == str(paths["validation"])
    assert "--preset" not in app and "--extend-vocabulary" not in app  # the CLI's defaults
    assert qa.app_command(paths, tmp_path, "M", "quick", "c", extend=True)[-3:] == [
        "--preset", "quick", "--extend-vocabulary"]
    settings = {"max_length": 256, "stride": 64, "max_answer_length": 30, "epochs": 10,
                "learning_rate": 2e-4, "batch_size": 16, "warmup_ratio": 0.1,
                "weight_decay": 0.01, "seed": 42}
    script = qa.reference_command(paths, settings, "M", tmp_path / "ref")
    assert script[script.index("--validation") + 1] == str(paths["test"])  # scored on dev
    assert script[script.index("--train") + 1] == str(paths["train"])
    for key, flag in qa.REFERENCE_FLAGS.items():
        assert script[script.index(flag) + 1] == str(settings[key])
    parsed = reference.parse_args(script[1:])
    assert (parsed.max_length, parsed.stride, parsed.epochs, parsed.learning_rate,
            parsed.batch_size, parsed.seed) == (256, 64, 10.0, 2e-4, 16, 42)
    assert "--stride" not in qa.reference_command(paths, {**settings, "stride": None}, "M",
                                                  tmp_path)


def test_app_throughput_counts_only_the_steps_taken():
    evaluation = {"n_train_features": 64}
    status = {"train_runtime": 80.0, "step": 40, "total_steps": 40}
    assert qa.app_windows_per_s(evaluation, status, 10) == pytest.approx(8.0)
    # early stopping after 20 of 40 steps: half the planned windows in the same time
    assert qa.app_windows_per_s(evaluation, {**status, "step": 20}, 10) == pytest.approx(4.0)
    assert qa.app_windows_per_s(evaluation, {}, 10) == 0.0


def test_the_qa_command_and_its_limits():
    args = cli.parser().parse_args(["qa", "--train-limit", "48", "--test-limit", "200",
                                    "--cmrc-train-limit", "16"])
    assert (args.command, args.train_limit, args.test_limit, args.cmrc_train_limit,
            args.cmrc_test_limit) == ("qa", 48, 200, 16, None)
    assert args.qa_parts == list(qa.PARTS) == ["squad", "cmrc2018"]
    assert cli.parser().parse_args(["qa", "--qa-parts", "cmrc2018"]).qa_parts == ["cmrc2018"]
    for wrong in (["--test-limit", "0"], ["--qa-parts", "sst2"]):
        with pytest.raises(SystemExit):
            cli.parser().parse_args(["qa", *wrong])
    assert qa.resolve_limits(False, {"train": 48, "test": 200, "cmrc_train": 16,
                                     "cmrc_test": None}) == {
        "train": 48, "test": 200, "cmrc_train": 16, "cmrc_test": 200}
    assert qa.resolve_limits(False, None) == {"train": None, "test": None, "cmrc_train": None,
                                              "cmrc_test": None}
    assert qa.resolve_limits(True, {"test": 20}) == {"train": 150, "test": 20,
                                                     "cmrc_train": 150, "cmrc_test": 20}


def test_the_qa_command_needs_squad_not_sst2(tmp_path, capsys):
    assert cli.main(["qa", "--data-dir", str(tmp_path)]) == 2
    assert "no squad/train.json under" in capsys.readouterr().err
    squad_file(tmp_path / "squad" / "train.json")
    assert cli._missing_data("qa", tmp_path) is None
    assert cli._missing_data("speed", tmp_path) == "sst2/train.tsv"


def test_a_run_of_one_part_keeps_the_other_parts_saved_results():
    saved = {"squad": {"f1": 1}, "inference": {"ratio": 2}, "cmrc2018": {"old": True},
             "limits": {"train": 48, "cmrc_train": 16}, "seconds": {"squad": 900.0}}
    summary = {"model": "M", "limits": {"train": None, "cmrc_train": 8},
               "seconds": {"cmrc2018": 60.0}, "cmrc2018": {"new": True}}
    assert qa.merged(saved, summary) == {
        "squad": {"f1": 1}, "inference": {"ratio": 2}, "cmrc2018": {"new": True}, "model": "M",
        "limits": {"train": None, "cmrc_train": 8},
        "seconds": {"squad": 900.0, "cmrc2018": 60.0}}
    assert qa.merged({"seconds": 12.5}, summary)["seconds"] == {"cmrc2018": 60.0}


def saved_qa() -> dict:
    app = {"preset": "balanced", "settings": {
        "max_length": 256, "stride": 64, "max_answer_length": 30, "epochs": 10,
        "learning_rate": 0.0002, "batch_size": 16, "warmup_ratio": 0.1, "weight_decay": 0.01,
        "seed": 42}, "test": {"exact_match": 20.5, "f1": 31.25, "n": 200},
        "overlap_baseline": {"exact_match": 1.0, "f1": 9.5}, "train_windows": 64,
        "train_seconds": 400.0, "windows_per_s": 1.8, "steps": 40, "total_steps": 40,
        "best_step": 36, "wall_seconds": 500.0, "peak_rss_mb": 900.0}
    reference = {"test": {"exact_match": 20.0, "f1": 32.0, "n": 200}, "train_windows": 64,
                 "train_seconds": 420.0, "windows_per_s": 1.5, "wall_seconds": 480.0,
                 "peak_rss_mb": 850.0}
    sizes = {"questions": 50, "paragraphs": 10, "articles": 9}
    cmrc_run = {"test": {"exact_match": 0.0, "f1": 3.4, "n": 100}, "train_windows": 40,
                "train_seconds": 100.0, "wall_seconds": 150.0,
                "overlap_baseline": {"f1": 12.0}}
    return {"squad": {"sizes": {"train": sizes, "validation": sizes, "test": sizes},
                      "app": app, "reference": reference, "f1_difference_points": -0.75,
                      "throughput_ratio": 1.2, "wall_ratio": 0.96},
            "inference": {"questions": 200, "pipeline_transformers": "4.57.6",
                          "pipeline_batch_size": 32, "app_questions_per_s": 9.0,
                          "pipeline_questions_per_s": 4.5, "inference_ratio": 2.0,
                          "answer_agreement": 0.955},
            "cmrc2018": {"sizes": {"train": sizes, "validation": sizes, "test": sizes},
                         "runs": [{**cmrc_run, "extend_vocabulary": False},
                                  {**cmrc_run, "extend_vocabulary": True}]},
            "seconds": {"squad": 1200.0, "cmrc2018": 600.0}}


def test_the_report_section_from_a_saved_qa_json():
    text = "\n".join(report.qa_section(saved_qa()))
    assert ("| SQuAD dev F1 within 0.5 points of the run_qa.py-style script or better | app "
            "31.25 vs script 32.00 (-0.75 points) | **missed** |") in text
    assert "| 1.20x (1.8 vs 1.5 windows/s) | met |" in text
    assert ("2.00x (9.0 vs 4.5 questions/s, transformers 4.57.6) | met |") in text
    assert "same answer text for 95.5% of the questions" in text
    assert "50 training questions (10 paragraphs of 9 articles)" in text
    assert "10 epochs, learning rate 0.0002, batch 16" in text
    assert "| as shipped | 0.0 | 3.4 | 12.0 | 40 |" in text and "| extended |" in text
    assert "The default model is English" in text
    assert "squad 20 minutes, cmrc2018 10 minutes" in text
    assert "not measured" not in text
    assert "Not measured yet" in "\n".join(report.qa_section({}))
    whole = {**saved_qa(), "seconds": 1683.0}
    assert "The whole `python -m bench qa` command took 28 minutes." in "\n".join(
        report.qa_section(whole))
    close = saved_qa()
    close["squad"]["f1_difference_points"] = -0.5
    assert "(-0.50 points) | met |" in "\n".join(report.qa_section(close))


def test_the_report_names_the_pipeline_batch_sizes_tried():
    tried = saved_qa()
    tried["inference"].update({"pipeline_batch_size": 16, "pipeline_questions_per_s_by_batch":
                               {"32": 4.1, "16": 4.5}})
    text = "\n".join(report.qa_section(tried))
    assert ("batch size 16, the fastest of 16 (4.5 questions/s) and 32 (4.1 questions/s);"
            in text)
    assert "the fastest of" not in "\n".join(report.qa_section(saved_qa()))


def test_results_md_gets_the_qa_section_and_keeps_the_others(tmp_path):
    (tmp_path / "qa.json").write_text(json.dumps(saved_qa()), encoding="utf-8")
    written = report.write(tmp_path).read_text(encoding="utf-8")
    for heading in ("## Targets", "## Speed (CPU)", "## Quality",
                    "## Question answering (default model)"):
        assert heading in written
    assert written.index("## Quality") < written.index("## Question answering")
