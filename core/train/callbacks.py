"""Trainer callbacks that connect a run to its folder: metrics events, status, stop requests.

Per step they only compare a clock; files are touched at logging steps, evaluations, saves and
at most every couple of seconds, so they cost nothing measurable in throughput.

A Stop saves a real checkpoint at the step it lands on (and scores it), so nothing trained is
lost and Resume continues from there. The time left follows the run's own pace: seconds per
training step so far, plus what each evaluation and save has cost so far for those still to come.

When torchrun starts several processes, every one of them has a monitor but only rank 0's
writes; rank 0 reads the stop request and every process learns of it at the same step.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import torch
from transformers import TrainerCallback

from core.train import ranks
from core.workspace import runs

STATUS_INTERVAL_S = 2.0
STOP_CHECK_INTERVAL_S = 1.0


def gpu_stats() -> dict[str, float]:
    if not torch.cuda.is_available():
        return {}
    stats = {"gpu_memory_mb": torch.cuda.max_memory_allocated() / 2**20,
             "gpu_memory_reserved_mb": torch.cuda.memory_reserved() / 2**20}
    try:
        stats["gpu_util"] = torch.cuda.utilization() / 100.0
    except Exception:  # utilisation needs pynvml; memory alone is still worth drawing
        pass
    return stats


class RunMonitor(TrainerCallback):
    """Appends train/eval/system events to metrics.jsonl and keeps status.json current."""

    def __init__(self, run_dir: Path, examples_per_step: int, best_metric: str) -> None:
        self.run_dir = Path(run_dir)
        self.examples_per_step = examples_per_step
        self.best_metric = best_metric
        self.start = time.time()
        self.resumed_from_step = 0
        self.last_log_time = self.start
        self.last_log_step = 0
        self.last_status = 0.0
        self.last_stop_check = 0.0
        self.last_eval_step = -1
        self.stopped = False
        self.pause_s = 0.0  # time spent evaluating and saving inside the training loop
        self.pauses = 0
        self.last_step_end = self.start
        self.writes = ranks.is_main_process()  # the other processes of a run keep quiet

    def _elapsed(self) -> float:
        return round(time.time() - self.start, 3)

    def on_train_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self.start = self.last_log_time = self.last_step_end = time.time()
        self.resumed_from_step = self.last_log_step = state.global_step
        if not self.writes:
            return
        runs.update_status(self.run_dir, state="running", step=state.global_step,
                           total_steps=state.max_steps, epoch=state.epoch or 0.0,
                           phase="training", train_started=self.start, eta_s=None)

    def _eta(self, args: Any, state: Any) -> float | None:
        """Seconds left at this run's pace: the remaining steps at the seconds per step measured
        so far, and the evaluations still to come (the final scoring included) at the seconds
        each one took so far."""
        done = state.global_step - self.resumed_from_step
        if done <= 0:
            return None
        step_s = max(0.0, time.time() - self.start - self.pause_s) / done
        per_pause = self.pause_s / self.pauses if self.pauses else 0.0
        left = state.max_steps - state.global_step
        every = int(getattr(args, "eval_steps", 0) or 0) or state.max_steps
        evaluations_left = -(-left // every) + 1
        return round(step_s * left + per_pause * evaluations_left, 1)

    def _pause_ended(self) -> None:
        """An evaluation or save inside the loop just ended: count its time apart from steps."""
        now = time.time()
        self.pause_s += now - self.last_step_end
        self.last_step_end = now

    def on_evaluate(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self._pause_ended()
        self.pauses += 1

    def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> Any:
        now = self.last_step_end = time.time()
        wanted = False
        if self.writes and now - self.last_stop_check >= STOP_CHECK_INTERVAL_S:
            self.last_stop_check = now
            wanted = runs.stop_requested(self.run_dir)
        if ranks.agree_to_stop(wanted):  # every process stops at the same step
            self._stop_here(state, control)
        if self.writes and now - self.last_status >= STATUS_INTERVAL_S:
            self.last_status = now
            runs.update_status(self.run_dir, step=state.global_step, total_steps=state.max_steps,
                               epoch=state.epoch, eta_s=self._eta(args, state))
        # Always score the final model, also when the evaluation interval does not divide the steps.
        if state.global_step >= state.max_steps and self.last_eval_step != state.global_step:
            control.should_evaluate = True
            control.should_save = True
        return control

    def _stop_here(self, state: Any, control: Any) -> None:
        """End training after this step, saving a checkpoint of it (scored first, so the best
        model is chosen among all scored ones) that Resume can continue from."""
        self.stopped = True
        control.should_training_stop = True
        control.should_save = True
        if self.last_eval_step != state.global_step:
            control.should_evaluate = True
        if self.writes:
            runs.update_status(self.run_dir, phase="stopping")

    def on_train_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        """Training that ended before its last step without a Stop was ended by early stopping:
        the score had stopped improving. Recorded so the page can say so."""
        early = not self.stopped and state.global_step < state.max_steps
        if not self.writes:
            return
        runs.update_status(self.run_dir, early_stopped=early,
                           early_stopped_at=state.global_step if early else None)

    def on_log(self, args: Any, state: Any, control: Any, logs: dict | None = None,
               **kwargs: Any) -> None:
        logs = logs or {}
        base = {"step": state.global_step, "epoch": round(state.epoch or 0.0, 4),
                "time": self._elapsed()}
        if any(key.startswith("eval_") for key in logs):
            self.last_eval_step = state.global_step  # on every process: they decide alike
            if not self.writes:
                return
            values = {key[5:]: value for key, value in logs.items()
                      if key.startswith("eval_") and isinstance(value, (int, float))
                      and not key.endswith(("_runtime", "_per_second", "_selection"))}
            runs.append_event(self.run_dir, {"type": "eval", **base, **values})
            self._record_best(state, values, logs.get("eval_selection"))
        elif "loss" in logs and self.writes:
            now = time.time()
            steps = state.global_step - self.last_log_step
            speed = steps * self.examples_per_step / max(now - self.last_log_time, 1e-6)
            self.last_log_time, self.last_log_step = now, state.global_step
            event = {"type": "train", **base, "loss": logs["loss"],
                     "learning_rate": logs.get("learning_rate"),
                     "grad_norm": logs.get("grad_norm"), "examples_per_s": round(speed, 2)}
            runs.append_event(self.run_dir, event)
            system = gpu_stats()
            if system:
                runs.append_event(self.run_dir, {"type": "system", **base, **system})

    def _record_best(self, state: Any, values: dict[str, float], selection: float | None) -> None:
        """Keep in status.json the scores of the checkpoint the Trainer will keep as best."""
        value = values.get(self.best_metric)
        if value is None:
            return
        score = value if selection is None else selection
        previous = (runs.read_status(self.run_dir) or {}).get("best_selection")
        if previous is None or score > previous:
            runs.update_status(self.run_dir, best_metric=value, best_metric_name=self.best_metric,
                               best_step=state.global_step, best_selection=score)

    def on_save(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
        self._pause_ended()
        if self.writes:
            runs.update_status(self.run_dir, last_checkpoint_step=state.global_step,
                               step=state.global_step, epoch=state.epoch)
