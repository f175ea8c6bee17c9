"""Reference: a hand-written Hugging Face Trainer script, as a competent engineer writes it.

Dynamic padding, AdamW, linear warm-up, evaluation at the end. Prints one JSON line.
Usage: python bench/references/trainer_script.py --train T.tsv --test E.tsv --model DIR
       [--epochs 1] [--batch-size 32] [--max-length 128] [--learning-rate 1e-4]
"""

import argparse
import json
import time

import numpy as np
import pandas as pd
from datasets import Dataset
from transformers import (AutoModelForSequenceClassification, AutoTokenizer,
                          DataCollatorWithPadding, Trainer, TrainingArguments)


def read(path):
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False, quoting=3)
    return frame["sentence"].tolist(), frame["label"].tolist()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--output", default="/tmp/reference-trainer")
    parser.add_argument("--epochs", type=float, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--learning-rate", type=float, default=1e-4)
    args = parser.parse_args()

    start = time.time()
    train_texts, train_labels = read(args.train)
    test_texts, test_labels = read(args.test)
    labels = sorted(set(train_labels))
    label2id = {label: i for i, label in enumerate(labels)}
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    model = AutoModelForSequenceClassification.from_pretrained(
        args.model, num_labels=len(labels), id2label=dict(enumerate(labels)), label2id=label2id)

    def encode(texts, targets):
        encoded = tokenizer(texts, truncation=True, max_length=args.max_length)
        return Dataset.from_dict({**encoded, "labels": [label2id[t] for t in targets]})

    train_ds, test_ds = encode(train_texts, train_labels), encode(test_texts, test_labels)

    def accuracy(prediction):
        return {"accuracy": float(np.mean(np.argmax(prediction.predictions, -1)
                                          == prediction.label_ids))}

    trainer = Trainer(
        model=model,
        args=TrainingArguments(output_dir=args.output, num_train_epochs=args.epochs,
                               per_device_train_batch_size=args.batch_size,
                               per_device_eval_batch_size=64, learning_rate=args.learning_rate,
                               warmup_steps=0.1, weight_decay=0.01, lr_scheduler_type="linear",
                               save_strategy="no", report_to="none", logging_steps=50,
                               disable_tqdm=True, seed=42),
        train_dataset=train_ds, eval_dataset=test_ds, processing_class=tokenizer,
        data_collator=DataCollatorWithPadding(tokenizer), compute_metrics=accuracy)
    result = trainer.train()
    scores = trainer.evaluate()
    trainer.save_model(args.output)
    print(json.dumps({"examples_per_s": result.metrics["train_samples_per_second"],
                      "train_seconds": result.metrics["train_runtime"],
                      "test_accuracy": scores["eval_accuracy"],
                      "wall_seconds": time.time() - start}))


if __name__ == "__main__":
    main()
