"""Reference: the tutorial loop common in blog posts.

Every example padded to max_length up front, a plain PyTorch loop, fp32. Prints one JSON line.
Reads JSON-lines files of {"text", "label"}.
Usage: python bench/references/tutorial_loop.py --train T.jsonl --test E.jsonl --model DIR
       [--epochs 1] [--batch-size 32] [--max-length 128] [--learning-rate 1e-4]
"""

import argparse
import json
import time

import torch
from torch.utils.data import DataLoader, TensorDataset
from transformers import (
    AutoModelForSequenceClassification,
    AutoTokenizer,
    get_linear_schedule_with_warmup,
)


def read(path):
    with open(path, encoding="utf-8") as handle:
        rows = [json.loads(line) for line in handle if line.strip()]
    return [row["text"] for row in rows], [row["label"] for row in rows]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--train", required=True)
    parser.add_argument("--test", required=True)
    parser.add_argument("--model", required=True)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--max-length", type=int, default=128)
    parser.add_argument("--learning-rate", type=float, default=1e-4)
    args = parser.parse_args()

    start = time.time()
    torch.manual_seed(42)
    train_texts, train_labels = read(args.train)
    test_texts, test_labels = read(args.test)
    labels = sorted(set(train_labels))
    label2id = {label: i for i, label in enumerate(labels)}
    tokenizer = AutoTokenizer.from_pretrained(args.model)
    model = AutoModelForSequenceClassification.from_pretrained(args.model, num_labels=len(labels))

    def tensors(texts, targets):
        enc = tokenizer(texts, padding="max_length", truncation=True,
                        max_length=args.max_length, return_tensors="pt")
        return TensorDataset(enc["input_ids"], enc["attention_mask"],
                             torch.tensor([label2id[t] for t in targets]))

    loader = DataLoader(tensors(train_texts, train_labels), batch_size=args.batch_size,
                        shuffle=True)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.learning_rate, weight_decay=0.01)
    total = len(loader) * args.epochs
    scheduler = get_linear_schedule_with_warmup(optimizer, int(0.1 * total), total)
    model.train()
    train_start = time.time()
    for _ in range(args.epochs):
        for input_ids, attention_mask, targets in loader:
            loss = model(input_ids=input_ids, attention_mask=attention_mask, labels=targets).loss
            loss.backward()
            optimizer.step()
            scheduler.step()
            optimizer.zero_grad()
    train_seconds = time.time() - train_start

    model.eval()
    correct = 0
    test_loader = DataLoader(tensors(test_texts, test_labels), batch_size=64)
    with torch.no_grad():
        for input_ids, attention_mask, targets in test_loader:
            logits = model(input_ids=input_ids, attention_mask=attention_mask).logits
            correct += int((logits.argmax(-1) == targets).sum())
    print(json.dumps({"examples_per_s": len(train_texts) * args.epochs / train_seconds,
                      "train_seconds": train_seconds, "test_accuracy": correct / len(test_texts),
                      "wall_seconds": time.time() - start}))


if __name__ == "__main__":
    main()
