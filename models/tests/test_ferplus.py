"""FER+ votes as targets and truth, and reading an exported tfjs model back for fine-tuning."""
from __future__ import annotations

import os
import sys

import numpy as np
import pytest
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import export_tfjs  # noqa: E402
from fer import EMOTIONS  # noqa: E402
from fer.data import FERPLUS_COLUMNS  # noqa: E402
from fer.ferplus import majority_labels, seven_votes, vote_distributions  # noqa: E402
from fer.import_tfjs import TfjsImportError, load_tfjs  # noqa: E402
from fer.nets import build  # noqa: E402


def votes_row(**counts: int) -> list[float]:
    return [float(counts.get(c, 0)) for c in FERPLUS_COLUMNS]


VOTES = np.array([
    votes_row(neutral=7, sadness=2, contempt=1),          # clear neutral
    votes_row(happiness=5, surprise=5),                   # a tie: no majority label
    votes_row(anger=4, disgust=3, unknown=3),             # plain majority angry, not clear
    votes_row(contempt=6, unknown=2, NF=2),               # no vote on the seven: dropped
    votes_row(fear=6, surprise=4),                        # clear fear
], dtype=np.float32)


def test_seven_votes_are_in_our_emotion_order():
    seven = seven_votes(VOTES, np.arange(len(VOTES)))
    assert seven.shape == (5, 7)
    assert seven[0, EMOTIONS.index("neutral")] == 7 and seven[0, EMOTIONS.index("sad")] == 2
    assert seven[2, EMOTIONS.index("angry")] == 4 and seven[2, EMOTIONS.index("disgust")] == 3
    assert seven[4, EMOTIONS.index("fear")] == 6 and seven[4, EMOTIONS.index("surprise")] == 4


def test_distributions_drop_other_votes_and_empty_rows():
    dist, keep = vote_distributions(VOTES, np.arange(len(VOTES)))
    assert keep.tolist() == [True, True, True, False, True]
    np.testing.assert_allclose(dist.sum(axis=1), 1, atol=1e-6)
    # contempt's vote is dropped, not spread: 7 of the 9 votes on the seven are neutral
    assert dist[0, EMOTIONS.index("neutral")] == pytest.approx(7 / 9)
    assert dist[2, EMOTIONS.index("angry")] == pytest.approx(4 / 7)


def test_majority_and_clear_majority_labels():
    rows = np.arange(len(VOTES))
    plain = majority_labels(VOTES, rows)
    clear = majority_labels(VOTES, rows, 6)
    n, a, f = EMOTIONS.index("neutral"), EMOTIONS.index("angry"), EMOTIONS.index("fear")
    assert plain.tolist() == [n, -1, a, -1, f]
    assert clear.tolist() == [n, -1, -1, -1, f]


def test_an_exported_model_reads_back_to_the_same_outputs(tmp_path):
    torch.manual_seed(3)
    model = build("moodnet")
    # Untrained BatchNorms are identities; give them real statistics so folding and unfolding matter.
    with torch.no_grad():
        for m in model.modules():
            if isinstance(m, torch.nn.BatchNorm2d):
                m.running_mean.uniform_(-0.5, 0.5)
                m.running_var.uniform_(0.5, 2.0)
                m.weight.uniform_(0.5, 1.5)
                m.bias.uniform_(-0.2, 0.2)
    model.eval()
    export_tfjs.write_model(model, str(tmp_path), name="moodnet")
    faces = torch.rand(64, 1, 48, 48)
    back = load_tfjs(str(tmp_path / "model.json"), "moodnet", faces)
    x = torch.rand(8, 1, 48, 48)
    with torch.no_grad():
        want = torch.softmax(model(x), 1)
        got = torch.softmax(back.eval()(x), 1)
        assert torch.allclose(got, want, atol=1e-5)
        # In train mode the rebuilt BatchNorms normalise by batch statistics close to the measured ones:
        # the network still computes nearly the same thing, so fine-tuning starts where the export left off.
        drift = (torch.softmax(back.train()(faces), 1) - torch.softmax(model(faces), 1)).abs().max()
        assert drift < 0.05


def test_a_model_of_another_shape_is_refused(tmp_path):
    export_tfjs.write_model(build("moodnet").eval(), str(tmp_path), name="moodnet")
    with pytest.raises(TfjsImportError):
        load_tfjs(str(tmp_path / "model.json"), "moodnet-deep", torch.rand(8, 1, 48, 48))
