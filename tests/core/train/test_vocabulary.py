"""Unknown vocabulary: finding the pieces the model cannot read, extending the tokenizer and the
embeddings, training with it, and the Model page's two ways out."""

from __future__ import annotations

import json
import random
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from support.pages import APP, assert_clean, fake_launch

from core.config import RunConfig
from core.data import make_splits
from core.jobs import queue as jobs
from core.train import vocabulary
from core.workspace import runs

GOOD = "好棒赞美满意舒适干净温馨安静方便实惠热情周到"
BAD = "差脏吵贵失望破旧冷漠糟糕难吃拥挤潮湿异味"


def _hotel_rows(n: int, seed: int = 0) -> list[tuple[str, str]]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        label = "1" if i % 2 == 0 else "0"
        chars = rng.sample(GOOD if label == "1" else BAD, 6)
        rows.append(("酒店" + "".join(chars) + f"{i}", label))
    return rows


def _csv(folder: Path, rows: list[tuple[str, str]], name: str = "hotel.csv") -> Path:
    path = folder / name
    path.write_text("review,label\n" + "".join(f"{t},{label}\n" for t, label in rows),
                    encoding="utf-8")
    return path


def _splits(path: Path, task: str = "text-classification"):
    config = RunConfig(task=task)
    config.data.train = str(path)
    return make_splits(config)


@pytest.fixture(scope="module")
def tokenizer_factory():
    from transformers import AutoTokenizer

    from core.models.loading import default_model_path

    return lambda: AutoTokenizer.from_pretrained(default_model_path())


def test_unknown_characters_are_counted_and_the_advice_suggests_chinese_models(
        tmp_path, tokenizer_factory):
    splits = _splits(_csv(tmp_path, _hotel_rows(60)))
    advice = vocabulary.advise(splits, tokenizer_factory())
    assert advice.warns and advice.unk_rate > 0.3
    assert advice.models[0] == "bert-base-chinese"
    assert all(len(piece) == 1 for piece in advice.examples)
    assert 0 < advice.learnable <= advice.distinct_unknown


def test_english_text_needs_no_fix(tmp_path, tokenizer_factory):
    rows = [(f"the room was {'clean' if i % 2 else 'dirty'} and quiet {i}", str(i % 2))
            for i in range(40)]
    advice = vocabulary.advise(_splits(_csv(tmp_path, rows)), tokenizer_factory())
    assert not advice.warns and advice.unk_rate == 0.0 and advice.learnable == 0


def test_extending_adds_frequent_unknown_pieces_once_and_in_a_fixed_order(tmp_path,
                                                                           tokenizer_factory):
    rows = _hotel_rows(60) + [("酒店龘", "1")]  # a character seen once is not worth a token
    splits = _splits(_csv(tmp_path, rows))
    tokenizer = tokenizer_factory()
    before = len(tokenizer)
    added = vocabulary.extend_tokenizer(tokenizer, splits)
    assert added and "龘" not in added and len(tokenizer) == before + len(added)
    assert added == vocabulary.extend_tokenizer(tokenizer_factory(), splits)
    assert vocabulary.advise(splits, tokenizer).unk_rate < 0.01
    assert vocabulary.extend_tokenizer(tokenizer, splits) == []  # nothing left to add
    ids = tokenizer("酒店好")["input_ids"]
    assert tokenizer.unk_token_id not in ids


def test_entity_words_are_read_per_word(tmp_path, tokenizer_factory):
    lines = []
    for _ in range(20):
        for char, tag in (("张", "B-PER"), ("伟", "I-PER"), ("在", "O"), ("杭", "B-LOC"),
                          ("州", "I-LOC")):
            lines.append(f"{char}\t{tag}")
        lines.append("")
    path = tmp_path / "ner.conll"
    path.write_text("\n".join(lines), encoding="utf-8")
    splits = _splits(path, "token-classification")
    tokenizer = tokenizer_factory()
    counts, total = vocabulary.unknown_pieces(splits, tokenizer)
    assert total == 5 * len(splits.train.frame)
    assert set(counts) <= set("张伟在杭州") and counts
    vocabulary.extend_tokenizer(tokenizer, splits)
    assert vocabulary.unknown_pieces(splits, tokenizer)[0] == {}


def test_resizing_gives_every_new_token_its_own_row(tiny_model_dir, tokenizer_factory):
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(tiny_model_dir, num_labels=2)
    tokenizer = tokenizer_factory()
    tokenizer.add_tokens(["龘", "靐"])
    old = model.get_input_embeddings().weight.detach().clone()
    vocabulary.resize_embeddings(model, tokenizer)
    rows = model.get_input_embeddings().weight.detach()
    assert rows.shape[0] == len(tokenizer) and (rows[:old.shape[0]] == old).all()
    assert not (rows[-1] == rows[-2]).all()
    vocabulary.resize_embeddings(model, 10)  # never shrinks
    assert model.get_input_embeddings().weight.shape[0] == len(tokenizer)


def test_added_rows_learn_faster_and_the_models_own_rows_stay(tiny_model_dir, tokenizer_factory):
    import torch
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(tiny_model_dir, num_labels=2)
    tokenizer = tokenizer_factory()
    first_new = len(tokenizer)
    tokenizer.add_tokens(["龘", "靐"])
    vocabulary.resize_embeddings(model, tokenizer)
    weight = model.get_input_embeddings().weight
    before = weight.detach().clone()
    optimizer = torch.optim.AdamW([{"params": [p for p in model.parameters()], "lr": 1e-3,
                                    "weight_decay": 0.01}])
    assert vocabulary.train_new_rows_faster(optimizer, model, first_new, factor=20)
    assert [g["lr"] for g in optimizer.param_groups] == [1e-3, 2e-2]
    assert optimizer.param_groups[1]["params"][0] is weight
    assert optimizer.param_groups[1]["weight_decay"] == 0.0
    assert not any(p is weight for p in optimizer.param_groups[0]["params"])
    batch = tokenizer(["hello 龘 world", "靐 the"], padding=True, return_tensors="pt")
    for _ in range(3):
        loss = model(**batch, labels=torch.tensor([0, 1])).loss
        loss.backward()
        optimizer.step()
        optimizer.zero_grad()
    after = weight.detach()
    assert torch.equal(after[:first_new], before[:first_new])  # 'hello', 'the' included
    moved = (after[first_new:] - before[first_new:]).abs().max(dim=1).values
    assert (moved > 2e-2).all()  # at least one full step of the raised rate


def test_embeddings_that_are_not_trained_are_left_alone(tiny_model_dir):
    import torch
    from transformers import AutoModelForSequenceClassification

    model = AutoModelForSequenceClassification.from_pretrained(tiny_model_dir, num_labels=2)
    model.get_input_embeddings().weight.requires_grad = False
    optimizer = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=1e-3)
    assert not vocabulary.train_new_rows_faster(optimizer, model, 10)
    assert len(optimizer.param_groups) == 1


def test_a_run_with_an_extended_vocabulary_saves_what_prediction_and_export_need(
        tmp_path, tiny_model_dir, workspace):
    from transformers import pipeline

    from core.predict.inference import Predictor
    from core.serve.export import export_run
    from core.train.training import train

    config = RunConfig(model=str(tiny_model_dir), preset="quick", name="zh")
    config.data.train = str(_csv(tmp_path, _hotel_rows(80)))
    config.training.extend_vocabulary = True
    config.training.epochs = 2
    run_dir = runs.run_path("zh-run", workspace / "runs")
    run_dir.mkdir(parents=True)
    assert train(config, run_dir)["state"] == "completed"
    health = runs.read_json(run_dir / "health.json")
    assert health["stats"]["unk_rate"] < 0.05
    model_config = json.loads((run_dir / "model" / "config.json").read_text())
    predictor = Predictor(run_dir)
    import torch
    from transformers import AutoModel

    shipped = AutoModel.from_pretrained(tiny_model_dir).get_input_embeddings().weight
    trained = predictor.model.get_input_embeddings().weight
    assert torch.equal(trained[:shipped.shape[0]], shipped)  # the model's own rows kept
    assert model_config["vocab_size"] == len(predictor.tokenizer) > 30522
    assert predictor.tokenizer.unk_token_id not in predictor.tokenizer("酒店干净")["input_ids"]
    records = [json.loads(line) for line in
               (run_dir / "test_predictions.jsonl").read_text(encoding="utf-8").splitlines()]
    predicted = predictor.predict([r["text"] for r in records])
    assert [p["label"] for p in predicted] == [r["predicted"] for r in records]
    unpacked = tmp_path / "unpacked"
    zipfile.ZipFile(export_run(run_dir, tmp_path / "zh.zip")).extractall(unpacked)
    answers = pipeline("text-classification", model=str(unpacked), device="cpu")(
        [r["text"] for r in records])
    assert [a["label"] for a in answers] == [r["predicted"] for r in records]


def test_a_few_shot_run_teaches_the_added_tokens_too(tmp_path, tiny_model_dir, workspace):
    import torch
    from transformers import AutoModel

    from core.predict.inference import Predictor
    from core.train.training import train

    config = RunConfig(model=str(tiny_model_dir), preset="quick", name="zh-few")
    config.data.train = str(_csv(tmp_path, _hotel_rows(24)))
    config.training.extend_vocabulary, config.training.mode = True, "few-shot"
    run_dir = runs.run_path("zh-few-run", workspace / "runs")
    run_dir.mkdir(parents=True)
    assert train(config, run_dir)["state"] == "completed"
    assert runs.read_eval(run_dir)["mode"] == "few-shot"
    assert "The added tokens learn at" in (run_dir / "train.log").read_text()
    shipped = AutoModel.from_pretrained(tiny_model_dir).get_input_embeddings().weight
    trained = Predictor(run_dir).model.get_input_embeddings().weight
    assert trained.shape[0] > shipped.shape[0]
    assert torch.equal(trained[:shipped.shape[0]], shipped)


# ----- the Model page -----------------------------------------------------------------------

def _model_page(rows: list[tuple[str, str]]):
    content = "review,label\n" + "".join(f"{t},{label}\n" for t, label in rows)
    at = AppTest.from_file(str(APP), default_timeout=180).run()  # reads the data twice
    at.radio(key="data_source").set_value("upload").run()
    at.file_uploader(key="data_upload").set_value(("hotel.csv", content.encode(), "text/csv")).run()
    next(b for b in at.button if b.label == "Continue to the model").click().run()
    assert_clean(at)
    return at


def test_the_model_page_offers_two_ways_out_of_unknown_characters(workspace, monkeypatch):
    monkeypatch.setattr(jobs, "_launch", fake_launch)
    at = _model_page(_hotel_rows(80))
    assert any("does not know" in w.value for w in at.warning)
    box = at.checkbox(key="adv_extend_vocabulary")
    assert box.help and box.value is False
    at.button(key="model_use_bert-base-chinese").click().run()
    assert at.radio(key="model_choice").value == "bert-base-chinese"
    at.radio(key="model_choice").set_value("default").run()
    at.checkbox(key="adv_extend_vocabulary").check().run()
    assert not at.exception
    next(b for b in at.button if b.label == "Start training").click().run()
    assert not at.exception
    [info] = runs.list_runs()
    assert info.config["training"]["extend_vocabulary"] is True


def test_english_data_keeps_the_option_under_advanced(workspace):
    rows = [(f"the room was {'clean' if i % 2 else 'dirty'} and quiet {i}", str(i % 2))
            for i in range(80)]
    at = _model_page(rows)
    assert not any("does not know" in w.value for w in at.warning)
    assert not [b for b in at.button if (b.key or "").startswith("model_use_")]
    assert at.checkbox(key="adv_extend_vocabulary").value is False


def test_questions_and_their_paragraphs_are_read_for_unknown_characters(tokenizer_factory):
    from core.data.samples import SAMPLES_DIR

    chinese = _splits(SAMPLES_DIR / "qa_product_zh.json", "question-answering")
    advice = vocabulary.advise(chinese, tokenizer_factory())
    assert advice.warns and advice.unk_rate > 0.3 and advice.models[0] == "bert-base-chinese"
    english = _splits(SAMPLES_DIR / "qa_product.json", "question-answering")
    assert not vocabulary.advise(english, tokenizer_factory()).warns
    added = vocabulary.extend_tokenizer(tokenizer_factory(), chinese)
    assert added and all(len(piece) == 1 for piece in added)
