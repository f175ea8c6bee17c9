"""One run trained by several processes (GPUs, CPU processes, machines) started by torchrun.

The process that holds the run's turn in the queue (the worker, or `python -m core train`)
calls `train_here`. A run of one process trains right there; a run of several starts
`python -m torch.distributed.run ... -m core.jobs.distributed RUN_DIR` as its child, passes
its output on, waits for it, and turns how it ended into the run's last state: a process
that died fails the run with a sentence naming it, and Resume continues from the last
checkpoint (on one machine: across several, each keeps only its part of a checkpoint, so such
a run starts again). Each rank reads the run's config.json and calls the ordinary `train()`; only
rank 0 writes the run folder (core/train/ranks.py). The launcher keeps its pid in status.json,
so the queue sees the run alive while any of its processes trains, and a SIGTERM to it becomes
a stop request that every rank honours at the same step.

Also here: the command-line flags for the processes of a run, and the command that trains a
configuration across several machines (shown on the Model page).
"""

from __future__ import annotations

import argparse
import ctypes
import functools
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from core.config import RunConfig
from core.errors import UserError
from core.jobs.launch import PROJECT_ROOT, child_environment
from core.text import Text, error_line, t
from core.workspace import runs
from core.workspace.folder import RunFolder

RANK_MODULE = "core.jobs.distributed"
CONFIG_FILE = "run-config.json"  # the configuration the machines' command trains
NVIDIA_DRIVER = "/proc/driver/nvidia/gpus"
PR_SET_PDEATHSIG = 1  # prctl option: the signal a process gets when its parent dies
TAIL_BYTES = 64 * 1024  # of torchrun's output, kept to find which process failed
STOP_WAIT_S = 60.0  # for torchrun to end its processes after Ctrl+C
FLAGS = (("nproc_per_node", "processes"), ("nnodes", "nodes"), ("node_rank", "node_rank"),
         ("master_addr", "master_addr"), ("master_port", "master_port"))
_ROOT_CAUSE = re.compile(r"Root Cause.*?rank\s*:\s*(\d+).*?exitcode\s*:\s*(-?\d+)", re.S)


# ----- the command line ------------------------------------------------------------------------

def add_flags(parser: argparse.ArgumentParser) -> None:
    """`--nproc-per-node N [--nnodes M --node-rank R --master-addr HOST --master-port P]`."""
    for flag, _ in FLAGS:
        kind = str if flag == "master_addr" else int
        parser.add_argument(f"--{flag.replace('_', '-')}", type=kind,
                            help=t(f"distributed.help.{flag}"))


def apply_flags(args: argparse.Namespace, config: RunConfig) -> RunConfig:
    """Set the flags given on the command line in `config.distributed` and check them."""
    for flag, name in FLAGS:
        value = getattr(args, flag, None)
        if value is not None:
            setattr(config.distributed, name, value)
    config.distributed.validate()
    return config


def machine_command(config: RunConfig, node_rank: int = 0,
                    config_file: str = CONFIG_FILE) -> str:
    """The shell command that trains `config` (saved as `config_file`) on the machine of
    `node_rank`, with the run's processes per machine and machines; paths quoted."""
    d = config.distributed
    words = ["python", "-m", "core", "train", "--config", config_file]
    for flag, path in (("--data", config.data.train), ("--validation", config.data.validation),
                       ("--test", config.data.test)):
        if path:
            words += [flag, str(path)]
    words += ["--nproc-per-node", str(d.processes), "--nnodes", str(d.nodes),
              "--node-rank", str(node_rank), "--master-addr", str(d.master_addr or "HOST"),
              "--master-port", str(d.master_port or 29500)]
    return " ".join(shlex.quote(word) for word in words)


def across_machines(config: RunConfig, nodes: int, processes: int, master_addr: str | None,
                    master_port: int | None) -> RunConfig:
    """A copy of `config` trained by `processes` on each of `nodes` machines that meet at
    machine 0's `master_addr` and `master_port`."""
    copy = RunConfig.from_dict(config.to_dict())
    d = copy.distributed
    d.nodes, d.processes, d.node_rank = int(nodes), int(processes), 0
    d.master_addr = (master_addr or "").strip() or None
    d.master_port = int(master_port) if master_port else None
    return copy


@functools.lru_cache(maxsize=1)
def visible_gpus() -> int:
    """How many GPUs torch sees here. A machine without NVIDIA's driver has none, known
    without loading torch (the app's process need not load it for that)."""
    if not Path(NVIDIA_DRIVER).is_dir() and shutil.which("nvidia-smi") is None:
        return 0
    return gpu_count()


def gpu_count() -> int:
    """How many GPUs this machine's torch sees (0 without CUDA)."""
    import torch  # lazy: loads torch

    return torch.cuda.device_count() if torch.cuda.is_available() else 0


# ----- the launcher ----------------------------------------------------------------------------

def train_here(config: RunConfig, run_dir: Path, resume: bool = False,
               progress: bool = False) -> dict:
    """Train the run in this process, or through torchrun when it asks for several; returns
    the final status. Raises UserError and TrainingFailed as `train()` does."""
    if config.distributed.world_size <= 1:
        from core.train.training import train  # lazy: loads pandas, scipy and safetensors

        return train(config, run_dir, resume=resume, progress=progress)
    return train_across(config, Path(run_dir), resume, progress)


def torchrun_command(config: RunConfig, run_dir: Path, resume: bool = False,
                     progress: bool = False) -> list[str]:
    """The torchrun command for the run's processes on this machine. On one machine they meet
    on a free loopback port, unless the configuration names one."""
    d = config.distributed
    address = d.master_addr if d.nodes > 1 else "127.0.0.1"
    port = d.master_port or free_port()
    return [sys.executable, "-m", "torch.distributed.run", "--nproc-per-node", str(d.processes),
            "--nnodes", str(d.nodes), "--node-rank", str(d.node_rank),
            "--master-addr", str(address), "--master-port", str(port), "--max-restarts", "0",
            "-m", RANK_MODULE, str(run_dir), *(["--resume"] if resume else []),
            *(["--progress"] if progress else [])]


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def rank_environment(processes: int) -> dict[str, str]:
    """The ranks' environment: the app's secrets dropped; on CPUs the cores shared out, so
    the processes do not each start a thread per core."""
    env = child_environment()
    if "OMP_NUM_THREADS" not in env and visible_gpus() == 0:
        env["OMP_NUM_THREADS"] = str(max(1, (os.cpu_count() or 1) // max(1, processes)))
    return env


def train_across(config: RunConfig, run_dir: Path, resume: bool, progress: bool) -> dict:
    """Train the run through torchrun and return its final status (see the module's note)."""
    from core.train.training import TrainingFailed  # lazy: loads pandas, scipy and safetensors

    config.validate()
    if resume and config.distributed.nodes > 1:
        message, fix = Text("distributed.machines_resume.message"), _what_next(config)
        _settle(run_dir, _died(message, fix))
        raise TrainingFailed(str(message), str(fix))
    began = time.time()
    runs.update_status(run_dir, world_size=config.distributed.world_size)
    exit_code, output = _run_torchrun(config, run_dir, resume, progress)
    fix = _what_next(config)
    if config.distributed.node_rank > 0:
        return _secondary_done(run_dir, exit_code, output, fix, TrainingFailed)
    status = runs.read_status(run_dir) or {}
    if not this_attempt(status, began):  # resumed meanwhile: its new process has it now
        return status
    if exit_code == 0 and status.get("state") in ("completed", "stopped"):
        return status
    message, fix_sentence = _failure(run_dir, status, exit_code, output, began, fix)
    raise TrainingFailed(message, fix_sentence)


def _what_next(config: RunConfig) -> Text:
    """After a process died: Resume on one machine. Over several machines each keeps only its
    own part of a checkpoint (the model's weights are on machine 0), so the run starts again."""
    if config.distributed.nodes > 1:
        return Text("distributed.machines_again.fix")
    return Text("distributed.rank_died.fix")


def this_attempt(status: dict, began: float) -> bool:
    """Whether status.json still tells of the attempt this process began at `began`: running
    under this process's pid (rank 0 leaves the pid as it is), or ended since. Once rank 0
    has written the last state, the run may be resumed (queued, run by another process)
    before torchrun has ended here."""
    if status.get("state") == "running":
        return status.get("pid") == os.getpid()
    return status.get("state") in runs.FINAL_STATES and (status.get("finished") or 0) >= began


def _run_torchrun(config: RunConfig, run_dir: Path, resume: bool,
                  progress: bool) -> tuple[int, bytes]:
    """Run torchrun, passing its output on; (its exit code, the end of its output). A SIGTERM
    meanwhile asks the run to stop; Ctrl+C ends torchrun and reaches the caller."""
    command = torchrun_command(config, run_dir, resume, progress)
    proc = subprocess.Popen(command, cwd=PROJECT_ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                            env=rank_environment(config.distributed.processes),
                            preexec_fn=_end_with_parent)
    previous = _stop_on_sigterm(run_dir)
    try:
        output = _pass_on(proc)
        return proc.wait(), output
    except BaseException:
        _end(proc)
        raise
    finally:
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)


def _end_with_parent() -> None:
    """In torchrun's process before it starts: a SIGTERM when the launcher dies (killed, the
    machine's memory spent), so torchrun ends the ranks and the queue's view, the run
    interrupted, stays true. Linux only; elsewhere torchrun outlives a killed launcher."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):
        pass


def _stop_on_sigterm(run_dir: Path) -> Any:
    if threading.current_thread() is not threading.main_thread():
        return None
    return signal.signal(signal.SIGTERM, lambda signum, frame: runs.request_stop(run_dir))


def _pass_on(proc: subprocess.Popen) -> bytes:
    """Copy the child's output to this process's stdout as it comes; the last bytes."""
    tail = b""
    out = getattr(sys.stdout, "buffer", None)
    while chunk := os.read(proc.stdout.fileno(), 65536):
        tail = (tail + chunk)[-TAIL_BYTES:]
        if out is not None:
            out.write(chunk)
            out.flush()
        else:
            sys.stdout.write(chunk.decode("utf-8", "replace"))
    return tail


def _end(proc: subprocess.Popen) -> None:
    if proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=STOP_WAIT_S)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def failed_rank(output: bytes) -> tuple[int, int] | None:
    """(rank, exit code) of the first process torchrun saw fail, from its report."""
    found = _ROOT_CAUSE.search(output.decode("utf-8", "replace"))
    return (int(found.group(1)), int(found.group(2))) if found else None


def _failure(run_dir: Path, status: dict, exit_code: int, output: bytes, began: float,
             fix: Text) -> tuple[str, str]:
    """Settle the run's failure in status.json; returns (message, fix). Rank 0's own account
    of a failure in this attempt (`rank_failure`) stands when rank 0 failed first; a refused
    input (every rank refuses it alike) is raised again as the UserError it was. Otherwise
    the process that died is named, and Resume offered."""
    first = failed_rank(output)
    own = status.get("rank_failure")
    own = own if isinstance(own, dict) and (own.get("finished") or 0) >= began else None
    if own is not None and (own.get("failure") == "input" or first is None or first[0] == 0):
        _settle(run_dir, {**own, "rank_failure": None}, began)
        if own.get("failure") == "input":
            raise _input_error(own)
        return str(own.get("error") or ""), str(own.get("fix") or "")
    message = _died_text(first, exit_code)
    _settle(run_dir, {**_died(message, fix), "rank_failure": None}, began)
    return str(message), str(fix)


def _died_text(first: tuple[int, int] | None, exit_code: int) -> Text:
    if first is None:
        return Text("distributed.ended.message", {"code": exit_code})
    rank, code = first
    if code < 0:
        try:
            name = signal.Signals(-code).name
        except ValueError:
            name = str(-code)
        return Text("distributed.rank_died.signal", {"rank": rank, "signal": name})
    return Text("distributed.rank_died.code", {"rank": rank, "code": code})


def _input_error(status: dict) -> UserError:
    saved, fix = status.get("error_text"), status.get("fix_text")
    return UserError(Text.from_dict(saved) if isinstance(saved, dict) else str(status["error"]),
                     Text.from_dict(fix) if isinstance(fix, dict) else str(status.get("fix")))


def _secondary_done(run_dir: Path, exit_code: int, output: bytes, fix: Text,
                    failed: type) -> dict:
    """A machine other than rank 0's keeps nothing of a finished run (its model, scores and
    curves are in rank 0's run folder); a failed one stays, failed, saying so."""
    if exit_code == 0:
        print(t("distributed.secondary_done"), flush=True)
        shutil.rmtree(run_dir, ignore_errors=True)
        return {"state": "completed", "run_dir": str(run_dir)}
    message = _died_text(failed_rank(output), exit_code)
    _settle(run_dir, _died(message, fix))
    raise failed(str(message), str(fix))


def _died(message: Text, fix: Text) -> dict[str, Any]:
    """The status of a run that failed with `message`, Resume offered."""
    return {"state": "failed", "error": str(message), "fix": str(fix),
            "error_text": message.to_dict(), "fix_text": fix.to_dict(),
            "failure": "unexpected", "finished": time.time(), "pid": None}


def _settle(run_dir: Path, ending: dict[str, Any], began: float | None = None) -> None:
    """Write the run's last state `ending`, unless (`began` given) the run has moved on to
    another attempt meanwhile. A disk that refuses the write is given up on."""
    try:
        runs.change_status(run_dir, lambda status: ending if began is None
                           or this_attempt(status, began) else None)
    except OSError:
        pass


# ----- one rank --------------------------------------------------------------------------------

def rank_main(argv: list[str] | None = None) -> int:
    """One process of the run, as torchrun starts it: the run's config from its folder, then
    the ordinary training. Exit 0 done, 2 the input was refused, 1 a failure."""
    from core.train.training import TrainingFailed, train  # lazy: loads the training code

    parser = argparse.ArgumentParser(prog=RANK_MODULE)
    parser.add_argument("run_dir")
    parser.add_argument("--resume", action="store_true")
    parser.add_argument("--progress", action="store_true")
    args = parser.parse_args(argv)
    run_dir = Path(args.run_dir)
    record = RunFolder(run_dir).read_record()
    config = RunConfig.from_dict(record.config if record is not None else {})
    try:
        train(config, run_dir, resume=args.resume, progress=args.progress)
    except UserError as exc:
        print(t("cli.error", line=error_line(exc)), file=sys.stderr, flush=True)
        return 2
    except TrainingFailed:
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(rank_main())
