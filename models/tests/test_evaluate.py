"""evaluate.py on synthetic data and untrained checkpoints: metrics, charts, README markers, errors."""
from __future__ import annotations

import json
import os
import sys

import numpy as np
import pytest
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import evaluate  # noqa: E402
from fer import EMOTIONS  # noqa: E402
from fer.nets import build  # noqa: E402


@pytest.fixture(scope="module")
def setup(tmp_path_factory):
    root = tmp_path_factory.mktemp("eval")
    rng = np.random.default_rng(0)
    lines = ["emotion,pixels,Usage"]
    for i in range(120):
        img = rng.integers(0, 256, 48 * 48)
        lines.append(f"{i % 7},{' '.join(map(str, img))},{'Training' if i < 70 else 'PublicTest'}")
    csv = root / "fer.csv"
    csv.write_text("\n".join(lines) + "\n")
    runs = []
    for arch in ("moodnet", "seed"):
        torch.manual_seed(0)
        run = root / "runs" / arch
        run.mkdir(parents=True)
        torch.save({"arch": arch, "model": build(arch).state_dict(), "epoch": 2, "val_acc": 0.1, "val_loss": 2.0},
                   run / "best.pt")
        hist = [{"epoch": e, "train_loss": 2.0 - e / 10, "train_acc": 0.1 * e, "val_loss": 1.9, "val_acc": 0.15,
                 "seconds": 1.0, "lr": 0.01} for e in (1, 2, 3)]
        (run / "history.json").write_text(json.dumps({"arch": arch, "args": {"augment": True}, "history": hist}))
        runs.append(run)
    # moodnet's run is "still going": evaluate says so in the README table
    torch.save({"state": {"epoch": 3, "planned_epochs": 30, "finished": False}}, runs[0] / "last.pt")
    return root, csv, runs


def test_scores_on_a_known_confusion():
    y = np.array([0, 0, 1, 1, 3, 3, 3, 6])
    pred = np.array([0, 1, 1, 1, 3, 3, 6, 6])
    probs = np.eye(7)[pred] * 0.9 + 0.1 / 7
    s = evaluate.scores(y, probs)
    assert s["accuracy"] == pytest.approx(6 / 8)
    assert s["per_class"]["angry"] == pytest.approx({"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "support": 2})
    assert s["per_class"]["disgust"]["precision"] == pytest.approx(2 / 3)
    assert s["per_class"]["happy"]["recall"] == pytest.approx(2 / 3)
    assert s["per_class"]["fear"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    f1 = [2 / 3, 0.8, 0, 0.8, 0, 0, 2 / 3]
    assert s["macro_f1"] == pytest.approx(np.mean(f1))
    assert np.array(s["confusion"]).sum() == 8 and s["confusion"][3][6] == 1


def test_ferplus_scores_split_the_faces_both_label_sets_agree_on_from_the_disputed():
    from fer.data import FERPLUS_COLUMNS

    def votes(**counts):
        return [float(counts.get(c, 0)) for c in FERPLUS_COLUMNS]

    # Four faces: two where FER-2013 and FER+ agree (happy, neutral), two disputed (FER-2013 sad, FER+ neutral).
    v = np.array([votes(happiness=8, neutral=2), votes(neutral=9, sadness=1), votes(neutral=7, sadness=3),
                  votes(neutral=6, sadness=4)])
    fer = np.array([3, 6, 4, 4])
    pred = np.array([3, 4, 6, 4])  # right, wrong, sides with FER+, sides with FER-2013
    s = evaluate.ferplus_scores(np.eye(7)[pred], v, np.arange(4), fer)
    assert s["agreed"] == {"faces": 2, "accuracy": 0.5}
    assert s["disputed"] == {"faces": 2, "fer2013_accuracy": 0.5, "ferplus_accuracy": 0.5}
    assert s["fer2013_accuracy"] == pytest.approx(0.5)
    assert s["clear_neutral_read_as"]["neutral"] == pytest.approx(1 / 3)


def test_evaluate_writes_card_metrics_and_readme(setup, tmp_path, capsys):
    root, csv, runs = setup
    card, readme = tmp_path / "card", tmp_path / "README.md"
    readme.write_text("# Card\n\nbefore\n\n<!-- metrics:start -->\nold numbers\n<!-- metrics:end -->\n\nafter\n")
    args = ["--data", str(csv), "--cache", str(tmp_path / "cache"), "--card", str(card), "--readme", str(readme),
            "--threads", "1"]
    for run in runs:
        args += ["--run", str(run)]
    assert evaluate.main(args) == 0
    metrics = json.loads((card / "metrics.json").read_text())
    assert list(metrics["models"]) == ["moodnet", "seed"]
    assert metrics["data"]["PublicTest_total"] == 50 and metrics["data"]["Training_total"] == 70
    for name, run in zip(("moodnet", "seed"), runs):
        m = metrics["models"][name]
        assert m["epoch"] == 2 and m["parameters"] > 0
        for mode in ("plain", "flip"):
            assert 0 <= m[mode]["accuracy"] <= 1
            assert np.array(m[mode]["confusion"]).sum() == 50
            assert set(m[mode]["per_class"]) == set(EMOTIONS)
        assert (card / f"confusion-{name}.png").stat().st_size > 1000
        assert (card / f"confusion-{name}.txt").exists()
        assert (card / f"history-{name}.png").exists()
    # the single-pass accuracy is what the model gives on its own
    model = build("moodnet")
    model.load_state_dict(torch.load(runs[0] / "best.pt")["model"])
    images = np.stack([np.array(line.split(",")[1].split(), dtype=np.uint8).reshape(48, 48)
                       for line in csv.read_text().splitlines()[71:]])
    labels = np.arange(70, 120) % 7
    with torch.no_grad():
        pred = model.eval()(torch.from_numpy(images).float().div(255).unsqueeze(1)).argmax(1).numpy()
    assert metrics["models"]["moodnet"]["plain"]["accuracy"] == pytest.approx((pred == labels).mean())
    for chart in ("class-distribution.png", "faces-train-samples.png", "faces-test-predictions.png"):
        assert (card / chart).exists(), chart
    assert "faces-*.png" in (card / ".gitignore").read_text()
    text = readme.read_text()
    assert text.startswith("# Card\n\nbefore\n\n<!-- metrics:start -->") and text.endswith("<!-- metrics:end -->\n\nafter\n")
    assert "old numbers" not in text
    assert "| moodnet | moodnet | 2 of 3 (unfinished run: 3 of 30 planned epochs) |" in text
    assert "| seed | seed | 2 of 3 |" in text
    assert "true \\ predicted" in text
    # running again replaces the section rather than adding a second one
    assert evaluate.main(args + ["--no-faces"]) == 0
    assert readme.read_text().count("<!-- metrics:start -->") == 1


def test_missing_checkpoint_is_a_clear_error(tmp_path, capsys):
    code = evaluate.main(["--run", str(tmp_path / "runs" / "nothing"), "--card", str(tmp_path / "card"),
                          "--no-readme"])
    assert code == 2
    err = capsys.readouterr().err
    assert "no checkpoint" in err and "best.pt" in err
    assert not (tmp_path / "card").exists()
