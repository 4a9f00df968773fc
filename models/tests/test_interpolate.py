"""The line between a start and a fine-tuned network, and the neutral prior written into the classifier."""
from __future__ import annotations

import os
import sys

import pytest
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
from fer.nets import build  # noqa: E402
from interpolate import NEUTRAL, interpolated, with_neutral_bias  # noqa: E402


def test_the_ends_of_the_line_are_the_two_networks_and_the_middle_is_their_mean():
    torch.manual_seed(0)
    a, b = build("moodnet-deep").state_dict(), build("moodnet-deep").state_dict()
    for weight, want in [(0.0, a), (1.0, b)]:
        got = interpolated(a, b, weight)
        assert all(torch.allclose(got[k].float(), want[k].float()) for k in a)
    middle = interpolated(a, b, 0.5)
    key = next(k for k in a if k.endswith("weight") and a[k].dim() == 4)
    assert torch.allclose(middle[key], (a[key] + b[key]) / 2)


def test_the_neutral_bias_raises_only_neutral_and_keeps_the_order_of_the_others():
    torch.manual_seed(1)
    net = build("moodnet-deep").eval()
    x = torch.rand(16, 1, 48, 48)
    before = torch.softmax(net(x), 1)
    net.load_state_dict(with_neutral_bias(net.state_dict(), 0.5))
    after = torch.softmax(net(x), 1)
    assert (after[:, NEUTRAL] > before[:, NEUTRAL]).all()
    # The other six keep their ratios: the prior on neutral moved, nothing else.
    others = [i for i in range(7) if i != NEUTRAL]
    ratio = after[:, others] / before[:, others]
    assert torch.allclose(ratio, ratio[:, :1].expand_as(ratio), rtol=1e-4)
    # And exactly e^0.5 more likely against any other emotion.
    odds = (after[:, NEUTRAL] / after[:, 0]) / (before[:, NEUTRAL] / before[:, 0])
    assert torch.allclose(odds, torch.full_like(odds, 2.718281828 ** 0.5), rtol=1e-4)


def test_a_classifier_that_is_not_seven_emotions_is_refused():
    state = {"classifier.bias": torch.zeros(3)}
    with pytest.raises(ValueError):
        with_neutral_bias(state, 0.2)
