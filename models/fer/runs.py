"""Where runs live, which one ships, and how to read their checkpoints on any PyTorch version."""
from __future__ import annotations

import os

import torch

from .nets import build

MODELS_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
RUNS_DIR = os.path.join(MODELS_DIR, "runs")
# The run exported to public/models/emotion/: fine-tuned on FER+ votes (models/README.md says how).
SHIPPED_RUN = os.path.join(RUNS_DIR, "moodnet-deep-ferplus-final")
# Runs shown beside it in the model card when they exist: other seeds and sizes, and the original network.
COMPARISON_RUNS = [os.path.join(RUNS_DIR, name) for name in ("moodnet-deep", "moodnet-s7", "moodnet", "seed")]


def load_checkpoint_file(path: str) -> dict:
    # Our checkpoints hold plain dicts, lists and numbers; PyTorch >= 2.6 needs weights_only=False for them.
    try:
        return torch.load(path, map_location="cpu", weights_only=False)
    except TypeError:  # PyTorch < 1.13 has no weights_only
        return torch.load(path, map_location="cpu")


def load_best(run: str) -> tuple[torch.nn.Module, dict, str]:
    """The best checkpoint of a run folder (or a .pt file) as an eval-mode model, its checkpoint dict and path."""
    path = run if run.endswith(".pt") else os.path.join(run, "best.pt")
    if not os.path.exists(path):
        raise FileNotFoundError(f"no checkpoint at {path}; train first (npm run train) or pass --run <folder>")
    ckpt = load_checkpoint_file(path)
    model = build(ckpt["arch"])
    model.load_state_dict(ckpt["model"])
    return model.eval(), ckpt, path
