"""The two architectures: `seed` (the original project's baseline) and `moodnet` (what ships)."""
from __future__ import annotations

import torch
from torch import nn

from . import EMOTIONS


class SeedNet(nn.Module):
    """The original Keras network: Conv 32-32 / 64-64 / 128-128 (3x3, ReLU, 2x2 max-pool), Dense 1000, Dense 7."""

    def __init__(self) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        channels_in = 1
        for width in (32, 64, 128):
            layers += [nn.Conv2d(channels_in, width, 3, padding=1), nn.ReLU(inplace=True),
                       nn.Conv2d(width, width, 3, padding=1), nn.ReLU(inplace=True), nn.MaxPool2d(2)]
            channels_in = width
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.Flatten(), nn.Dropout(0.5), nn.Linear(128 * 6 * 6, 1000),
                                        nn.ReLU(inplace=True), nn.Dropout(0.5), nn.Linear(1000, len(EMOTIONS)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


def conv_bn_relu(channels_in: int, channels_out: int) -> list[nn.Module]:
    return [nn.Conv2d(channels_in, channels_out, 3, padding=1, bias=False), nn.BatchNorm2d(channels_out),
            nn.ReLU(inplace=True)]


class MoodNet(nn.Module):
    """VGG-style with batch norm, sized for a few ms a face in tfjs-wasm and ~2.3 MB of float32 weights.

    Two 3x3 convs per stage at 48/24/12 px, one wide conv at 6 px, global average pooling (no flatten,
    so the NCHW/NHWC question never reaches the classifier).
    """

    def __init__(self, widths: tuple[int, int, int, int] = (32, 64, 128, 256),
                 depths: tuple[int, int, int, int] = (2, 2, 2, 1), dropout: float = 0.3) -> None:
        super().__init__()
        layers: list[nn.Module] = []
        channels_in = 1
        for stage, (width, depth) in enumerate(zip(widths, depths)):
            for _ in range(depth):
                layers += conv_bn_relu(channels_in, width)
                channels_in = width
            if stage < len(widths) - 1:
                layers.append(nn.MaxPool2d(2))
        self.features = nn.Sequential(*layers)
        self.classifier = nn.Sequential(nn.AdaptiveAvgPool2d(1), nn.Flatten(), nn.Dropout(dropout),
                                        nn.Linear(channels_in, len(EMOTIONS)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.classifier(self.features(x))


def moodnet_deep() -> MoodNet:
    """MoodNet with a third conv at 12x12: +147 k parameters (2.9 MB) and ~20 % more compute."""
    return MoodNet(depths=(2, 2, 3, 1))


ARCHITECTURES = {"seed": SeedNet, "moodnet": MoodNet, "moodnet-deep": moodnet_deep}


def build(arch: str) -> nn.Module:
    if arch not in ARCHITECTURES:
        raise ValueError(f"unknown architecture {arch!r}; choose one of {', '.join(ARCHITECTURES)}")
    return ARCHITECTURES[arch]()


def count_parameters(model: nn.Module) -> int:
    return sum(p.numel() for p in model.parameters())
