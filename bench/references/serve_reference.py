"""The server a user would otherwise write: a plain FastAPI endpoint calling transformers'
pipeline() once per request, on uvicorn. Reference for `python -m bench serve`.

    python bench/references/serve_reference.py --model FOLDER --port 8123
POST / {"inputs": "text"} answers as pipeline("text-classification") does; GET /health.
"""

from __future__ import annotations

import argparse

import uvicorn
from fastapi import FastAPI
from pydantic import BaseModel
from transformers import pipeline


class Body(BaseModel):
    inputs: str | list[str]


def build(model: str) -> FastAPI:
    classifier = pipeline("text-classification", model=model, device=-1)
    app = FastAPI()

    @app.post("/")
    def predict(body: Body):  # a plain def: FastAPI runs it in its thread pool
        return classifier(body.inputs)

    @app.get("/health")
    def health():
        return {"status": "ok"}

    return app


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True, help="an unzipped export folder")
    parser.add_argument("--port", type=int, default=8123)
    args = parser.parse_args()
    uvicorn.run(build(args.model), host="127.0.0.1", port=args.port, log_level="warning")


if __name__ == "__main__":
    main()
