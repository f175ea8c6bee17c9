"""Reference: extractive question answering as transformers' examples/pytorch/question-answering
run_qa.py and utils_qa.py do it, with the official SQuAD v1.1 exact match and F1.

Windows over the context with a stride (the question kept whole, the context cut), start/end
token labels or the CLS token when the answer is not inside a window, the Hugging Face Trainer
(AdamW, linear warm-up and decay; bf16 or fp16 on a GPU that has it, fp32 on the CPU), then
n-best span search over all windows of a question and the official scores. Prints one JSON
line and writes the same object to OUTPUT/result.json.
Reads SQuAD JSON v1.1 files: {"data": [{"title", "paragraphs": [{"context", "qas": [{"id",
"question", "answers": [{"text", "answer_start"}]}]}]}]}.
Usage: python bench/references/qa_reference.py --train T.json --validation V.json --model DIR
       [--max-length 384] [--stride 128] [--max-answer-length 30] [--n-best 20] [--epochs 1]
       [--learning-rate 1e-4] [--batch-size 32] [--seed 42] [--max-train-examples N]
       [--max-eval-examples N] [--threads N] [--output DIR]
"""

import argparse
import collections
import json
import re
import string
import time
from pathlib import Path

import numpy as np
import torch
from datasets import Dataset
from transformers import (
    AutoModelForQuestionAnswering,
    AutoTokenizer,
    Trainer,
    TrainingArguments,
    default_data_collator,
    set_seed,
)


def read_squad(path, limit=None):
    """The questions of a SQuAD JSON file in file order, one dict each (the Hugging Face squad
    layout: id, title, context, question, answers {"text": [..], "answer_start": [..]})."""
    with open(path, encoding="utf-8") as handle:
        articles = json.load(handle)["data"]
    rows = []
    for article in articles:
        for paragraph in article["paragraphs"]:
            for qa in paragraph["qas"]:
                answers = qa.get("answers") or []
                rows.append({"id": str(qa["id"]), "title": article.get("title", ""),
                             "context": paragraph["context"], "question": qa["question"],
                             "answers": {"text": [a["text"] for a in answers],
                                         "answer_start": [int(a["answer_start"])
                                                          for a in answers]}})
    return rows[:limit] if limit else rows


def _tokenize(examples, tokenizer, max_length, stride):
    pad_on_right = tokenizer.padding_side == "right"
    questions = [q.lstrip() for q in examples["question"]]
    return pad_on_right, tokenizer(
        questions if pad_on_right else examples["context"],
        examples["context"] if pad_on_right else questions,
        truncation="only_second" if pad_on_right else "only_first",
        max_length=max_length, stride=stride, return_overflowing_tokens=True,
        return_offsets_mapping=True, padding="max_length")


def _answer_tokens(offsets, sequence_ids, context_index, start_char, end_char):
    """(start token, end token) of the answer in one window, or None when it is not inside."""
    token_start = 0
    while sequence_ids[token_start] != context_index:
        token_start += 1
    token_end = len(sequence_ids) - 1
    while sequence_ids[token_end] != context_index:
        token_end -= 1
    if not (offsets[token_start][0] <= start_char and offsets[token_end][1] >= end_char):
        return None
    while token_start < len(offsets) and offsets[token_start][0] <= start_char:
        token_start += 1
    while offsets[token_end][1] >= end_char:
        token_end -= 1
    return token_start - 1, token_end + 1


def prepare_train_features(examples, tokenizer, max_length, stride):
    """Training windows with start_positions / end_positions (the CLS index when the answer is
    not fully inside the window or the question has none), as run_qa.py."""
    pad_on_right, tokenized = _tokenize(examples, tokenizer, max_length, stride)
    sample_mapping = tokenized.pop("overflow_to_sample_mapping")
    offset_mapping = tokenized.pop("offset_mapping")
    tokenized["start_positions"], tokenized["end_positions"] = [], []
    for i, offsets in enumerate(offset_mapping):
        input_ids = tokenized["input_ids"][i]
        cls_index = (input_ids.index(tokenizer.cls_token_id)
                     if tokenizer.cls_token_id in input_ids else 0)
        answers = examples["answers"][sample_mapping[i]]
        span = None
        if answers["answer_start"]:
            start_char = answers["answer_start"][0]
            end_char = start_char + len(answers["text"][0])
            span = _answer_tokens(offsets, tokenized.sequence_ids(i), 1 if pad_on_right else 0,
                                  start_char, end_char)
        start, end = span or (cls_index, cls_index)
        tokenized["start_positions"].append(start)
        tokenized["end_positions"].append(end)
    return tokenized


def prepare_validation_features(examples, tokenizer, max_length, stride):
    """Evaluation windows with example_id and offset_mapping (None outside the context)."""
    pad_on_right, tokenized = _tokenize(examples, tokenizer, max_length, stride)
    sample_mapping = tokenized.pop("overflow_to_sample_mapping")
    context_index = 1 if pad_on_right else 0
    tokenized["example_id"] = []
    for i in range(len(tokenized["input_ids"])):
        sequence_ids = tokenized.sequence_ids(i)
        tokenized["example_id"].append(examples["id"][sample_mapping[i]])
        tokenized["offset_mapping"][i] = [
            offset if sequence_ids[k] == context_index else None
            for k, offset in enumerate(tokenized["offset_mapping"][i])]
    return tokenized


def _window_candidates(start_logits, end_logits, offsets, context, n_best, max_answer_length):
    starts = np.argsort(start_logits)[-1:-n_best - 1:-1].tolist()
    ends = np.argsort(end_logits)[-1:-n_best - 1:-1].tolist()
    for s in starts:
        for e in ends:
            if (s >= len(offsets) or e >= len(offsets) or offsets[s] is None
                    or offsets[e] is None or len(offsets[s]) < 2 or len(offsets[e]) < 2):
                continue
            if e < s or e - s + 1 > max_answer_length:
                continue
            yield {"score": float(start_logits[s] + end_logits[e]),
                   "text": context[offsets[s][0]:offsets[e][1]]}


def postprocess_qa_predictions(examples, features, start_logits, end_logits, n_best=20,
                               max_answer_length=30):
    """id -> answer text: the best-scoring span (start logit + end logit) among the n-best
    start and end tokens of every window of the question, as utils_qa.py (SQuAD v1.1, no null
    answer); "" when no window offers a valid span."""
    features_per_example = collections.defaultdict(list)
    for i, example_id in enumerate(features["example_id"]):
        features_per_example[example_id].append(i)
    offset_mapping = features["offset_mapping"]
    predictions = {}
    for example in examples:
        candidates = []
        for i in features_per_example[example["id"]]:
            candidates.extend(_window_candidates(start_logits[i], end_logits[i],
                                                 offset_mapping[i], example["context"], n_best,
                                                 max_answer_length))
        best = max(candidates, key=lambda c: c["score"]) if candidates else {"text": ""}
        predictions[example["id"]] = best["text"]
    return predictions


# The official SQuAD v1.1 evaluation (evaluate-v1.1.py), copied here.
def normalize_answer(s):
    """Lower text and remove punctuation, articles and extra whitespace."""
    def remove_articles(text):
        return re.sub(r"\b(a|an|the)\b", " ", text)

    def white_space_fix(text):
        return " ".join(text.split())

    def remove_punc(text):
        exclude = set(string.punctuation)
        return "".join(ch for ch in text if ch not in exclude)

    return white_space_fix(remove_articles(remove_punc(s.lower())))


def f1_score(prediction, ground_truth):
    prediction_tokens = normalize_answer(prediction).split()
    ground_truth_tokens = normalize_answer(ground_truth).split()
    common = collections.Counter(prediction_tokens) & collections.Counter(ground_truth_tokens)
    num_same = sum(common.values())
    if num_same == 0:
        return 0
    precision = 1.0 * num_same / len(prediction_tokens)
    recall = 1.0 * num_same / len(ground_truth_tokens)
    return (2 * precision * recall) / (precision + recall)


def exact_match_score(prediction, ground_truth):
    return normalize_answer(prediction) == normalize_answer(ground_truth)


def metric_max_over_ground_truths(metric_fn, prediction, ground_truths):
    return max(metric_fn(prediction, ground_truth) for ground_truth in ground_truths)


def evaluate(golds, predictions):
    """{"exact_match", "f1"} in 0..100 over the questions of `golds` (id -> gold answer texts);
    a question without a prediction scores 0, as the official script does."""
    exact_match = f1 = total = 0
    for question_id, ground_truths in golds.items():
        total += 1
        if question_id not in predictions:
            continue
        prediction = predictions[question_id]
        exact_match += metric_max_over_ground_truths(exact_match_score, prediction,
                                                     ground_truths)
        f1 += metric_max_over_ground_truths(f1_score, prediction, ground_truths)
    return {"exact_match": 100.0 * exact_match / max(total, 1),
            "f1": 100.0 * f1 / max(total, 1)}


def parse_args(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--validation", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--output", default="/tmp/reference-qa")
    parser.add_argument("--max-length", type=int, default=384)
    parser.add_argument("--stride", type=int, default=128)
    parser.add_argument("--max-answer-length", type=int, default=30)
    parser.add_argument("--n-best", type=int, default=20)
    parser.add_argument("--epochs", type=float, default=1)
    parser.add_argument("--learning-rate", "--lr", dest="learning_rate", type=float,
                        default=1e-4)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--warmup-ratio", type=float, default=0.1)
    parser.add_argument("--weight-decay", type=float, default=0.01)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--max-train-examples", type=int)
    parser.add_argument("--max-eval-examples", type=int)
    parser.add_argument("--threads", type=int, help="CPU threads for torch (default: torch's)")
    return parser.parse_args(argv)


def training_arguments(args):
    on_gpu = torch.cuda.is_available()
    bf16 = on_gpu and torch.cuda.is_bf16_supported()
    return TrainingArguments(
        output_dir=args.output, num_train_epochs=args.epochs,
        per_device_train_batch_size=args.batch_size, per_device_eval_batch_size=64,
        learning_rate=args.learning_rate, warmup_steps=args.warmup_ratio,
        weight_decay=args.weight_decay, lr_scheduler_type="linear", bf16=bf16,
        fp16=on_gpu and not bf16, save_strategy="no", eval_strategy="no", report_to="none",
        logging_steps=50, disable_tqdm=True, seed=args.seed)


def features(rows, tokenizer, args, prepare):
    dataset = Dataset.from_list(rows)
    return dataset.map(lambda batch: prepare(batch, tokenizer, args.max_length, args.stride),
                       batched=True, remove_columns=dataset.column_names)


def settings(args, training):
    return {"max_length": args.max_length, "stride": args.stride,
            "max_answer_length": args.max_answer_length, "n_best": args.n_best,
            "epochs": args.epochs, "learning_rate": args.learning_rate,
            "batch_size": args.batch_size, "warmup_ratio": args.warmup_ratio,
            "weight_decay": args.weight_decay, "seed": args.seed,
            "max_train_examples": args.max_train_examples,
            "max_eval_examples": args.max_eval_examples, "bf16": training.bf16,
            "fp16": training.fp16, "threads": torch.get_num_threads()}


def main(argv=None):
    start = time.time()
    args = parse_args(argv)
    if args.threads:
        torch.set_num_threads(args.threads)
    set_seed(args.seed)
    train_rows = read_squad(args.train, args.max_train_examples)
    eval_rows = read_squad(args.validation, args.max_eval_examples)
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    model = AutoModelForQuestionAnswering.from_pretrained(args.model)
    train_ds = features(train_rows, tokenizer, args, prepare_train_features)
    training = training_arguments(args)
    trainer = Trainer(model=model, args=training, train_dataset=train_ds,
                      processing_class=tokenizer, data_collator=default_data_collator)
    train_seconds = trainer.train().metrics["train_runtime"]

    eval_start = time.time()
    eval_ds = features(eval_rows, tokenizer, args, prepare_validation_features)
    output = trainer.predict(eval_ds.remove_columns(["example_id", "offset_mapping"]))
    start_logits, end_logits = output.predictions[:2]
    predictions = postprocess_qa_predictions(eval_rows, eval_ds, start_logits, end_logits,
                                             args.n_best, args.max_answer_length)
    scores = evaluate({row["id"]: row["answers"]["text"] for row in eval_rows}, predictions)
    eval_seconds = time.time() - eval_start

    windows_per_s = len(train_ds) * args.epochs / train_seconds if train_seconds else 0.0
    result = {**scores, "test": scores,
              "train_questions": len(train_rows), "train_windows": len(train_ds),
              "eval_questions": len(eval_rows), "eval_windows": len(eval_ds),
              "train_seconds": train_seconds, "train_windows_per_s": windows_per_s,
              "examples_per_s": windows_per_s, "eval_seconds": eval_seconds,
              "device": torch.cuda.get_device_name(0) if torch.cuda.is_available() else "cpu",
              "settings": settings(args, training), "wall_seconds": time.time() - start}
    Path(args.output).mkdir(parents=True, exist_ok=True)
    (Path(args.output) / "result.json").write_text(json.dumps(result, indent=2),
                                                   encoding="utf-8")
    print(json.dumps(result))


if __name__ == "__main__":
    main()
