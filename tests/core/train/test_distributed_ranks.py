"""The processes of one run: which one writes, how they share the batch, what the settings
allow, the torchrun command and how its report names a failed process (no process started)."""

import argparse
import shlex
import sys
from types import SimpleNamespace

import pytest

from core.config import RunConfig
from core.errors import UserError
from core.jobs import distributed
from core.train import ranks
from core.train.callbacks import RunMonitor
from core.workspace import runs


@pytest.mark.parametrize("batch, accumulation, world, expected", [
    (32, 1, 2, (16, 1)),      # an even split keeps the accumulation
    (16, 2, 4, (4, 2)),
    (3, 2, 2, (3, 1)),        # accumulation makes up the odd batch: 3 per process once
    (5, 1, 2, (2, 1)),        # no exact split: the nearest, no larger per process
    (1, 1, 2, (1, 1)),
    (32, 1, 1, (32, 1)),
])
def test_the_batch_is_shared_so_an_update_keeps_its_examples(batch, accumulation, world,
                                                             expected):
    per_device, steps = ranks.split_batch(batch, accumulation, world)
    assert (per_device, steps) == expected
    assert per_device <= batch
    if (batch * accumulation) % world == 0:
        assert per_device * world * steps == batch * accumulation


def test_rank_and_world_come_from_torchruns_environment(monkeypatch):
    for name in ranks.PLACE:
        monkeypatch.delenv(name, raising=False)
    assert (ranks.rank(), ranks.world_size(), ranks.is_main_process()) == (0, 1, True)
    assert ranks.ddp_backend(on_gpu=False) is None
    monkeypatch.setenv("RANK", "1")
    monkeypatch.setenv("WORLD_SIZE", "2")
    assert (ranks.rank(), ranks.world_size(), ranks.is_main_process()) == (1, 2, False)
    assert ranks.ddp_backend(on_gpu=False) == "gloo"
    assert ranks.ddp_backend(on_gpu=True) == "nccl"
    with ranks.alone():
        assert (ranks.rank(), ranks.world_size()) == (0, 1)
    assert ranks.world_size() == 2
    # without a process group (nothing to agree with) the wish stands as it is
    assert ranks.agree_to_stop(True) is True and ranks.agree_to_stop(False) is False


def _state(step):
    return SimpleNamespace(global_step=step, max_steps=10, epoch=step / 10)


def test_only_rank_0_writes_the_run_folder_but_every_rank_decides_alike(tmp_path, monkeypatch):
    monkeypatch.setenv("RANK", "1")
    monkeypatch.setenv("WORLD_SIZE", "2")
    runs.request_stop(tmp_path)
    monitor = RunMonitor(tmp_path, 16, "accuracy")
    args, control = SimpleNamespace(eval_steps=5), SimpleNamespace(
        should_evaluate=False, should_save=False, should_training_stop=False)
    monitor.on_train_begin(args, _state(0), control)
    monitor.on_log(args, _state(1), control, logs={"loss": 0.5, "learning_rate": 1e-4})
    monitor.on_log(args, _state(10), control, logs={"eval_loss": 0.4, "eval_accuracy": 0.9})
    monitor.on_step_end(args, _state(10), control)
    monitor.on_save(args, _state(10), control)
    monitor.on_train_end(args, _state(10), control)
    assert not (tmp_path / "status.json").exists()
    assert not (tmp_path / "metrics.jsonl").exists()
    # the evaluation at the last step is known to rank 1 too: it does not ask for another
    assert monitor.last_eval_step == 10 and control.should_evaluate is False
    # the stop request is rank 0's to read (then shared with every rank at the step's end)
    assert monitor.stopped is False


def test_rank_0_reads_the_stop_request_and_writes(tmp_path, monkeypatch):
    monkeypatch.setenv("RANK", "0")
    monkeypatch.setenv("WORLD_SIZE", "2")
    runs.request_stop(tmp_path)
    monitor = RunMonitor(tmp_path, 16, "accuracy")
    args, control = SimpleNamespace(eval_steps=5), SimpleNamespace(
        should_evaluate=False, should_save=False, should_training_stop=False)
    monitor.on_train_begin(args, _state(0), control)
    monitor.on_step_end(args, _state(3), control)
    assert monitor.stopped and control.should_training_stop and control.should_save
    assert runs.read_status(tmp_path)["phase"] == "stopping"


def _config(**distributed_settings):
    config = RunConfig()
    config.data.train = "/data/my reviews.csv"
    for name, value in distributed_settings.items():
        setattr(config.distributed, name, value)
    return config


@pytest.mark.parametrize("settings", [
    {"processes": 0}, {"processes": 1000}, {"processes": True}, {"nodes": 0},
    {"nodes": 2, "node_rank": 2, "master_addr": "10.0.0.1", "master_port": 29500},
    {"master_port": 70000}, {"master_addr": "two words"},
    {"nodes": 2},  # several machines need machine 0's address and port
])
def test_bad_process_settings_are_refused(settings):
    with pytest.raises(UserError):
        _config(**settings).validate()


def test_the_process_settings_round_trip_through_config_json():
    config = _config(processes=2, nodes=2, node_rank=1, master_addr="10.0.0.1",
                     master_port=29500)
    config.validate()
    again = RunConfig.from_dict(config.to_dict())
    assert again.distributed == config.distributed and again.distributed.world_size == 4
    assert RunConfig.from_dict({}).distributed.world_size == 1
    with pytest.raises(UserError):
        RunConfig.from_dict({"distributed": {"gpus": 2}})


def test_the_command_line_flags_set_the_process_settings():
    parser = argparse.ArgumentParser()
    distributed.add_flags(parser)
    args = parser.parse_args(["--nproc-per-node", "2", "--nnodes", "2", "--node-rank", "1",
                              "--master-addr", "10.0.0.1", "--master-port", "29501"])
    config = distributed.apply_flags(args, _config())
    assert (config.distributed.processes, config.distributed.nodes,
            config.distributed.node_rank, config.distributed.master_addr,
            config.distributed.master_port) == (2, 2, 1, "10.0.0.1", 29501)
    with pytest.raises(UserError):
        distributed.apply_flags(parser.parse_args(["--nnodes", "2"]), _config())


def test_torchrun_meets_on_a_free_loopback_port_on_one_machine(tmp_path):
    command = distributed.torchrun_command(_config(processes=2), tmp_path / "run", resume=True)
    assert command[:3] == [sys.executable, "-m", "torch.distributed.run"]
    flags = dict(zip(command[3:15:2], command[4:15:2]))
    assert flags["--nproc-per-node"] == "2" and flags["--nnodes"] == "1"
    assert flags["--master-addr"] == "127.0.0.1" and int(flags["--master-port"]) > 0
    assert command[-4:] == ["-m", "core.jobs.distributed", str(tmp_path / "run"), "--resume"]
    across = distributed.torchrun_command(
        _config(processes=4, nodes=2, node_rank=1, master_addr="10.0.0.1", master_port=29500),
        tmp_path)
    flags = dict(zip(across[3:15:2], across[4:15:2]))
    assert (flags["--nnodes"], flags["--node-rank"], flags["--master-addr"],
            flags["--master-port"]) == ("2", "1", "10.0.0.1", "29500")


REPORT = b"""
[rank0]: Traceback (most recent call last):
torch.distributed.elastic.multiprocessing.errors.ChildFailedError:
============================================================
core.jobs.distributed FAILED
------------------------------------------------------------
Failures:
[1]:
  time      : 2026-12-02_02:01:34
  host      : box
  rank      : 0 (local_rank: 0)
  exitcode  : -15 (pid: 101) (SIGTERM)
------------------------------------------------------------
Root Cause (first observed failure):
[0]:
  time      : 2026-12-02_02:01:33
  host      : box
  rank      : 1 (local_rank: 1)
  exitcode  : -9 (pid: 102)
  error_file: <N/A>
  traceback : Signal 9 (SIGKILL) received by PID 102
============================================================
"""


def test_torchruns_report_names_the_process_that_failed_first():
    assert distributed.failed_rank(REPORT) == (1, -9)
    assert distributed.failed_rank(b"no report here") is None
    text = distributed._died_text((1, -9), 1)
    assert str(text) == "Process 1 of the run stopped unexpectedly: it was ended by signal " \
                        "SIGKILL."
    assert str(distributed._died_text((2, 1), 1)) == \
        "Process 2 of the run stopped unexpectedly with exit code 1."


def test_the_machines_command_trains_this_configuration():
    config = _config(processes=4, nodes=2, master_addr="10.0.0.1", master_port=29500)
    config.data.test = "/data/held out's.csv"
    command = distributed.machine_command(config, node_rank=1)
    words = shlex.split(command)
    assert words[:6] == ["python", "-m", "core", "train", "--config", "run-config.json"]
    flags = dict(zip(words[6::2], words[7::2]))
    assert flags == {"--data": "/data/my reviews.csv", "--test": "/data/held out's.csv",
                     "--nproc-per-node": "4", "--nnodes": "2", "--node-rank": "1",
                     "--master-addr": "10.0.0.1", "--master-port": "29500"}


def test_a_run_across_machines_is_not_resumed_but_started_again(tmp_path):
    from core.train.training import TrainingFailed

    runs.update_status(tmp_path, state="running", pid=12345)
    config = _config(processes=2, nodes=2, master_addr="10.0.0.1", master_port=29500)
    with pytest.raises(TrainingFailed) as failed:
        distributed.train_here(config, tmp_path, resume=True)
    status = runs.read_status(tmp_path)
    assert status["state"] == "failed" and status["pid"] is None
    assert status["error"] == failed.value.message == \
        "This run was trained across several machines and cannot be resumed."
    assert status["fix"] == "Start the run again on every machine: a run across several " \
                            "machines cannot be resumed."


def test_the_launcher_settles_only_its_own_attempt():
    import os

    began = 1000.0
    assert distributed.this_attempt({"state": "running", "pid": os.getpid()}, began)
    # resumed meanwhile: queued again, or trained by another process
    assert not distributed.this_attempt({"state": "queued"}, began)
    assert not distributed.this_attempt({"state": "running", "pid": os.getpid() + 1}, began)
    assert distributed.this_attempt({"state": "stopped", "finished": 1001.0}, began)
    assert not distributed.this_attempt({"state": "stopped", "finished": 999.0}, began)
