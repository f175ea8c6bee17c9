"""Reference: a hand-written Hugging Face Trainer script, as a competent engineer writes it.

Dynamic padding, AdamW, linear warm-up, evaluation at the end. Prints one JSON line.
Reads JSON-lines files: {"text", "label"} (classification), {"text", "labels": [..]}
(multi-label) or {"tokens": [..], "tags": [..]} (named entities).
Usage: python bench/references/trainer_script.py --train T.jsonl --test E.jsonl --model DIR
       [--task classification|multi-label|ner] [--epochs 1] [--batch-size 32]
       [--max-length 128] [--learning-rate 1e-4]
"""

import argparse
import json
import time

import numpy as np
from datasets import Dataset
from seqeval.metrics import f1_score as entity_f1
from sklearn.metrics import accuracy_score, f1_score
from transformers import (
    AutoModelForSequenceClassification,
    AutoModelForTokenClassification,
    AutoTokenizer,
    DataCollatorForTokenClassification,
    DataCollatorWithPadding,
    Trainer,
    TrainingArguments,
)


def read(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def classification(args, tokenizer, train, test):
    labels = sorted({row["label"] for row in train})
    label2id = {label: i for i, label in enumerate(labels)}
    model = AutoModelForSequenceClassification.from_pretrained(
        args.model, num_labels=len(labels), id2label=dict(enumerate(labels)), label2id=label2id)

    def encode(rows):
        encoded = tokenizer([r["text"] for r in rows], truncation=True, max_length=args.max_length)
        label_ids = [label2id.get(r["label"], -1) for r in rows]
        return Dataset.from_dict({**encoded, "labels": label_ids})

    def scores(prediction):
        predicted = np.argmax(prediction.predictions, -1)
        return {"accuracy": accuracy_score(prediction.label_ids, predicted),
                "macro_f1": f1_score(prediction.label_ids, predicted, average="macro",
                                     labels=list(range(len(labels))), zero_division=0)}

    return model, encode(train), encode(test), DataCollatorWithPadding(tokenizer), scores


def multi_label(args, tokenizer, train, test):
    labels = sorted({label for row in train for label in row["labels"]})
    label2id = {label: i for i, label in enumerate(labels)}
    model = AutoModelForSequenceClassification.from_pretrained(
        args.model, num_labels=len(labels), id2label=dict(enumerate(labels)), label2id=label2id,
        problem_type="multi_label_classification")

    def encode(rows):
        encoded = tokenizer([r["text"] for r in rows], truncation=True, max_length=args.max_length)
        targets = np.zeros((len(rows), len(labels)), dtype=np.float32)
        for i, row in enumerate(rows):
            for label in row["labels"]:
                if label in label2id:
                    targets[i, label2id[label]] = 1.0
        return Dataset.from_dict({**encoded, "labels": targets.tolist()})

    def scores(prediction):
        predicted = (1 / (1 + np.exp(-prediction.predictions)) >= 0.5).astype(int)
        gold = prediction.label_ids.astype(int)
        return {"micro_f1": f1_score(gold, predicted, average="micro", zero_division=0),
                "macro_f1": f1_score(gold, predicted, average="macro", zero_division=0)}

    return model, encode(train), encode(test), DataCollatorWithPadding(tokenizer), scores


def ner(args, tokenizer, train, test):
    tags = sorted({tag for row in train for tag in row["tags"]}, key=lambda t: (t != "O", t))
    tag2id = {tag: i for i, tag in enumerate(tags)}
    model = AutoModelForTokenClassification.from_pretrained(
        args.model, num_labels=len(tags), id2label=dict(enumerate(tags)), label2id=tag2id)

    def encode(rows):
        encoded = tokenizer([r["tokens"] for r in rows], is_split_into_words=True,
                            truncation=True, max_length=args.max_length)
        all_labels = []
        for i, row in enumerate(rows):  # the first sub-token of each word carries its tag
            previous, labels = None, []
            for word in encoded.word_ids(i):
                if word is None or word == previous:
                    labels.append(-100)
                else:
                    labels.append(tag2id.get(row["tags"][word], 0))
                previous = word
            all_labels.append(labels)
        return Dataset.from_dict({**encoded, "labels": all_labels})

    def scores(prediction):
        predicted = np.argmax(prediction.predictions, -1)
        gold_tags, predicted_tags = [], []
        for gold_row, predicted_row in zip(prediction.label_ids, predicted):
            keep = gold_row != -100
            gold_tags.append([tags[i] for i in gold_row[keep]])
            predicted_tags.append([tags[i] for i in predicted_row[keep]])
        return {"f1": entity_f1(gold_tags, predicted_tags)}

    return (model, encode(train), encode(test), DataCollatorForTokenClassification(tokenizer),
            scores)


TASKS = {"classification": classification, "multi-label": multi_label, "ner": ner}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--task", choices=sorted(TASKS), default="classification")
    parser.add_argument("--output", default="/tmp/reference-trainer")
    parser.add_argument("--epochs", type=float, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--learning-rate", type=float, default=1e-4)
    parser.add_argument("--warmup-ratio", type=float, default=0.1)
    parser.add_argument("--weight-decay", type=float, default=0.01)
    args = parser.parse_args()

    start = time.time()
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    model, train_ds, test_ds, collator, scores = TASKS[args.task](
        args, tokenizer, read(args.train), read(args.test))
    trainer = Trainer(
        model=model,
        args=TrainingArguments(output_dir=args.output, num_train_epochs=args.epochs,
                               per_device_train_batch_size=args.batch_size,
                               per_device_eval_batch_size=64, learning_rate=args.learning_rate,
                               warmup_steps=args.warmup_ratio, weight_decay=args.weight_decay,
                               lr_scheduler_type="linear", save_strategy="no", report_to="none",
                               logging_steps=50, disable_tqdm=True, seed=42),
        train_dataset=train_ds, eval_dataset=test_ds, processing_class=tokenizer,
        data_collator=collator, compute_metrics=scores)
    result = trainer.train()
    test_scores = {key[len("eval_"):]: float(value) for key, value in trainer.evaluate().items()
                   if key.startswith("eval_") and key[len("eval_"):] not in
                   ("loss", "runtime", "samples_per_second", "steps_per_second", "epoch")}
    trainer.save_model(args.output)
    print(json.dumps({"examples_per_s": result.metrics["train_samples_per_second"],
                      "train_seconds": result.metrics["train_runtime"],
                      "test": test_scores, "test_accuracy": test_scores.get("accuracy"),
                      "wall_seconds": time.time() - start}))


if __name__ == "__main__":
    main()
