"""train.main on a tiny synthetic Kaggle-format CSV: outputs, early stopping, resume, FER+ skipping.

Kept small (a few hundred 48x48 faces of noise, one thread) so the whole file runs in well under a minute
next to a real training run.
"""
from __future__ import annotations

import json
import os
import signal
import sys

import numpy as np
import pytest
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import export_tfjs  # noqa: E402
import train  # noqa: E402
from fer.data import FERPLUS_COLUMNS  # noqa: E402
from fer.nets import build  # noqa: E402

N_TRAIN, N_VAL = 192, 64


@pytest.fixture(scope="module")
def tiny_csv(tmp_path_factory) -> str:
    rng = np.random.default_rng(0)
    path = tmp_path_factory.mktemp("data") / "tiny_fer.csv"
    lines = ["emotion,pixels,Usage"]
    for i in range(N_TRAIN + N_VAL):
        label = i % 7
        # a little signal (brightness by label) so the loss moves, plus noise
        img = np.clip(rng.normal(40 + 25 * label, 30, 48 * 48), 0, 255).astype(int)
        lines.append(f"{label},{' '.join(map(str, img))},{'Training' if i < N_TRAIN else 'PublicTest'}")
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def run(tiny_csv, out, *extra, capsys=None) -> tuple[int, str]:
    code = train.main(["--data", tiny_csv, "--threads", "1", "--out", str(out), "--cache", str(out / "cache"),
                       "--batch-size", "64", *extra])
    text = capsys.readouterr().out if capsys else ""
    return code, text


def history(out) -> list[dict]:
    with open(out / "history.json") as fh:
        return json.load(fh)["history"]


def test_two_epochs_write_checkpoints_and_history(tmp_path, tiny_csv, capsys):
    out = tmp_path / "run"
    code, text = run(tiny_csv, out, "--epochs", "2", capsys=capsys)
    assert code == 0, text
    for name in ("last.pt", "best.pt", "history.json"):
        assert (out / name).exists(), name
    hist = history(out)
    assert [h["epoch"] for h in hist] == [1, 2]
    for h in hist:
        assert set(h) >= {"train_loss", "train_acc", "val_loss", "val_acc", "seconds", "lr"}
        assert 0 <= h["val_acc"] <= 1 and np.isfinite(h["val_loss"])
    best = torch.load(out / "best.pt", map_location="cpu")
    assert best["arch"] == "moodnet"
    assert best["val_acc"] == max(h["val_acc"] for h in hist)
    assert best["epoch"] in (1, 2)
    last = torch.load(out / "last.pt", map_location="cpu")
    assert last["state"]["epoch"] == 2 and last["state"]["finished"]
    assert len(last["state"]["history"]) == 2
    assert f"{N_TRAIN} training / {N_VAL} validation faces" in text
    # a finished run is not trained again
    code, text = run(tiny_csv, out, "--epochs", "2", capsys=capsys)
    assert code == 0 and "already finished" in text
    assert len(history(out)) == 2


def test_early_stop(tmp_path, tiny_csv, capsys):
    out = tmp_path / "run"
    code, text = run(tiny_csv, out, "--epochs", "5", "--patience", "0", "--min-delta", "1e9", capsys=capsys)
    assert code == 0, text
    assert "early stop" in text
    assert [h["epoch"] for h in history(out)] == [1, 2]
    assert "epoch   3/" not in text


def test_resume_after_interruption(tmp_path, tiny_csv, capsys, monkeypatch):
    """Stop a 2-epoch run during epoch 2 (as Ctrl-C would), then run it again: it resumes at epoch 1."""
    reference = tmp_path / "reference"
    assert run(tiny_csv, reference, "--epochs", "2", capsys=capsys)[0] == 0

    out = tmp_path / "run"
    real_evaluate = train.evaluate_split

    def evaluate_then_interrupt(*args, **kwargs):
        result = real_evaluate(*args, **kwargs)
        os.kill(os.getpid(), signal.SIGINT)  # caught by train.main's handler: finish the batch, save, stop
        return result

    monkeypatch.setattr(train, "evaluate_split", evaluate_then_interrupt)
    code, text = run(tiny_csv, out, "--epochs", "2", capsys=capsys)
    monkeypatch.setattr(train, "evaluate_split", real_evaluate)
    assert code == 130, text
    assert "resuming" not in text
    assert [h["epoch"] for h in history(out)] == [1]

    code, text = run(tiny_csv, out, "--epochs", "2", capsys=capsys)
    assert code == 0, text
    assert "resuming from epoch 1" in text
    assert "epoch   1/" not in text and "epoch   2/" in text
    hist, ref = history(out), history(reference)
    assert [h["epoch"] for h in hist] == [1, 2]
    # Same batches, weights, optimizer and RNG state after the resume: the same numbers as without a break.
    for got, want in zip(hist, ref):
        for key in ("train_loss", "train_acc", "val_loss", "val_acc", "lr"):
            assert got[key] == pytest.approx(want[key], rel=1e-4, abs=1e-6), (got["epoch"], key)


def test_finished_run_is_not_extended(tmp_path, tiny_csv, capsys):
    """The schedule is fixed by the first run; a finished run with a larger --epochs says so and stops."""
    out = tmp_path / "run"
    assert run(tiny_csv, out, "--epochs", "1", capsys=capsys)[0] == 0
    code, text = run(tiny_csv, out, "--epochs", "2", capsys=capsys)
    assert code == 0
    assert "resuming from epoch 1" in text and "already finished" in text
    assert len(history(out)) == 1


def test_ferplus_non_faces_are_skipped(tmp_path, tiny_csv, capsys):
    votes = tmp_path / "fer2013new.csv"
    rows = ["Usage,Image name," + ",".join(FERPLUS_COLUMNS)]
    for i in range(N_TRAIN + N_VAL):
        nf = 10 if i in (3, 5, 7) else 0  # three training rows are "not a face"
        row = [0] * len(FERPLUS_COLUMNS)
        row[0], row[-1] = 10 - nf, nf
        rows.append(f"{'Training' if i < N_TRAIN else 'PublicTest'},fer{i:07d}.png," + ",".join(map(str, row)))
    votes.write_text("\n".join(rows) + "\n")
    out = tmp_path / "run"
    code, text = run(tiny_csv, out, "--epochs", "1", "--ferplus", str(votes), "--limit", "64", capsys=capsys)
    assert code == 0, text
    assert "FER+: skipping 3 training rows" in text


def test_missing_data_is_a_clear_error(tmp_path, capsys):
    code = train.main(["--data", str(tmp_path / "nope.csv.gz"), "--out", str(tmp_path / "run"),
                       "--cache", str(tmp_path / "cache"), "--threads", "1"])
    assert code == 2
    assert "nope.csv.gz" in capsys.readouterr().err


def test_weight_average_is_checkpointed_when_it_wins(tmp_path, tiny_csv, capsys):
    out = tmp_path / "run"
    code, text = run(tiny_csv, out, "--epochs", "3", "--ema", "0.9", capsys=capsys)
    assert code == 0, text
    hist = history(out)
    assert {h["weights"] for h in hist} <= {"raw", "average"}
    best = torch.load(out / "best.pt", map_location="cpu")
    winner = next(h for h in hist if h["epoch"] == best["epoch"])
    assert best["weights"] == winner["weights"]
    last = torch.load(out / "last.pt", map_location="cpu")
    assert last["average"] is not None
    # the average really differs from the raw weights it follows
    key = "features.0.weight"
    assert not torch.equal(last["average"][key], last["model"][key])


def test_moodnet_deep_trains_and_reports_its_size(tmp_path, tiny_csv, capsys):
    out = tmp_path / "run"
    code, text = run(tiny_csv, out, "--arch", "moodnet-deep", "--epochs", "1", capsys=capsys)
    assert code == 0, text
    assert "moodnet-deep: 731,815 parameters" in text


def ferplus_votes_file(tmp_path, vote_for) -> str:
    """A fer2013new.csv for the tiny CSV: row i gets the votes vote_for(i) returns ({column: count})."""
    path = tmp_path / "fer2013new.csv"
    rows = ["Usage,Image name," + ",".join(FERPLUS_COLUMNS)]
    for i in range(N_TRAIN + N_VAL):
        counts = vote_for(i)
        row = [counts.get(c, 0) for c in FERPLUS_COLUMNS]
        rows.append(f"{'Training' if i < N_TRAIN else 'PublicTest'},fer{i:07d}.png," + ",".join(map(str, row)))
    path.write_text("\n".join(rows) + "\n")
    return str(path)


def test_ferplus_votes_are_the_targets_and_the_truth(tmp_path, tiny_csv, capsys):
    # FER+ disagrees with FER-2013 on every face: it says neutral where FER-2013 says anything else.
    def votes(i):
        return {"neutral": 8, "sadness": 2} if i % 7 != 6 else {"contempt": 10} if i == 13 else {"neutral": 10}

    path = ferplus_votes_file(tmp_path, votes)
    out = tmp_path / "run"
    code, text = run(tiny_csv, out, "--epochs", "3", "--labels", "ferplus", "--ferplus", path, "--lr", "0.05",
                     capsys=capsys)
    assert code == 0, text
    assert "dropping 1 training rows with no vote" in text
    hist = history(out)
    for h in hist:
        assert set(h) >= {"val_clear_acc", "val_fer2013_acc"}
    # Trained toward "neutral" for every face, the network learns to say neutral: right by FER+, and by
    # FER-2013 only on its neutral faces (one in seven).
    last = hist[-1]
    assert last["val_acc"] > 0.9 and last["val_clear_acc"] > 0.9
    assert last["val_fer2013_acc"] < 0.3
    assert torch.load(out / "best.pt", map_location="cpu")["labels"] == "ferplus"


def test_fine_tuning_starts_from_exported_weights(tmp_path, tiny_csv, capsys):
    # Train one run, export it, and start a second from the export: its first epoch begins where the first
    # run ended, so it is already well past an untrained network on the same data.
    first = tmp_path / "first"
    assert run(tiny_csv, first, "--epochs", "4", "--lr", "0.05", capsys=capsys)[0] == 0
    model = build("moodnet")
    model.load_state_dict(torch.load(first / "best.pt", map_location="cpu")["model"])
    export_tfjs.write_model(model.eval(), str(tmp_path / "export"), name="moodnet")
    fresh = tmp_path / "fresh"
    assert run(tiny_csv, fresh, "--epochs", "1", "--lr", "0.0001", capsys=capsys)[0] == 0
    tuned = tmp_path / "tuned"
    code, text = run(tiny_csv, tuned, "--epochs", "1", "--lr", "0.0001", "--init",
                     str(tmp_path / "export" / "model.json"), capsys=capsys)
    assert code == 0, text
    assert "starting from" in text
    assert history(tuned)[0]["val_acc"] >= history(first)[-1]["val_acc"] - 0.1
    assert history(tuned)[0]["val_acc"] > history(fresh)[0]["val_acc"]


def test_an_init_that_does_not_fit_is_a_clear_error(tmp_path, tiny_csv, capsys):
    export_tfjs.write_model(build("moodnet").eval(), str(tmp_path / "export"), name="moodnet")
    code, _ = run(tiny_csv, tmp_path / "run", "--arch", "moodnet-deep", "--epochs", "1", "--init",
                  str(tmp_path / "export" / "model.json"))
    assert code == 2
    assert "--init" in capsys.readouterr().err
