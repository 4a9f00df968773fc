"""Read an exported TensorFlow.js model (ours) back into the PyTorch network, to fine-tune what ships.

The exporter folded each BatchNorm into its conv. Going back, each conv gets the folded kernel and each
BatchNorm is rebuilt from statistics measured on real faces: running mean and variance of the conv's
output, and an affine part that undoes them, so the network computes exactly what shipped in eval mode
and close to it in train mode (batch statistics near the running ones), and fine-tuning starts from
the shipped model rather than from a jolt.
"""
from __future__ import annotations

import json
import os

import numpy as np
import torch
from torch import nn

from .nets import build


class TfjsImportError(ValueError):
    """The tfjs model does not fit the architecture it is read into."""


def read_tfjs_weights(model_json: str) -> dict[str, np.ndarray]:
    with open(model_json) as fh:
        doc = json.load(fh)
    out: dict[str, np.ndarray] = {}
    folder = os.path.dirname(model_json)
    for group in doc["weightsManifest"]:
        blob = b"".join(open(os.path.join(folder, p), "rb").read() for p in group["paths"])
        offset = 0
        for spec in group["weights"]:
            if spec["dtype"] != "float32":
                raise TfjsImportError(f"{spec['name']}: dtype {spec['dtype']} is not float32")
            count = int(np.prod(spec["shape"])) if spec["shape"] else 1
            out[spec["name"]] = np.frombuffer(blob, "<f4", count, offset).reshape(spec["shape"]).copy()
            offset += 4 * count
    return out


@torch.no_grad()
def load_tfjs(model_json: str, arch: str, calibration: torch.Tensor) -> nn.Module:
    """The network `arch` with the tfjs weights; `calibration` [N,1,48,48] in [0,1] sets the BatchNorms."""
    weights = read_tfjs_weights(model_json)
    model = build(arch).eval().to(memory_format=torch.channels_last)
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    denses = [m for m in model.modules() if isinstance(m, nn.Linear)]
    if len(convs) != len(norms):
        raise TfjsImportError(f"{arch}: every conv must be followed by a BatchNorm to be read back")
    for i, conv in enumerate(convs, start=1):
        kernel = weights.get(f"conv{i}/kernel")
        if kernel is None or kernel.transpose(3, 2, 0, 1).shape != tuple(conv.weight.shape):
            raise TfjsImportError(f"conv{i}: shape does not match {arch}")
        conv.weight.copy_(torch.from_numpy(kernel.transpose(3, 2, 0, 1)))  # HWIO -> OIHW
    for i, dense in enumerate(denses, start=1):
        kernel = weights[f"dense{i}/kernel"]
        if kernel.T.shape != tuple(dense.weight.shape):
            raise TfjsImportError(f"dense{i}: shape does not match {arch}")
        dense.weight.copy_(torch.from_numpy(kernel.T))
        dense.bias.copy_(torch.from_numpy(weights[f"dense{i}/bias"]))
    # Set each BatchNorm in order: measure its conv's output with the earlier norms already in place.
    for i, (conv, norm) in enumerate(zip(convs, norms), start=1):
        bias = torch.from_numpy(weights[f"conv{i}/bias"])
        # Per-channel sums of the conv's output, accumulated batch by batch (a whole split would not fit).
        sums = {"n": 0, "s": torch.zeros(conv.out_channels, dtype=torch.float64),
                "ss": torch.zeros(conv.out_channels, dtype=torch.float64)}

        def accumulate(_m, _inp, out: torch.Tensor, sums=sums) -> None:
            z = out.transpose(0, 1).flatten(1).double()
            sums["n"] += z.shape[1]
            sums["s"] += z.sum(dim=1)
            sums["ss"] += (z * z).sum(dim=1)

        hook = conv.register_forward_hook(accumulate)
        # Until this norm is set, make it exact for eval: identity plus the folded bias.
        norm.running_mean.zero_()
        norm.running_var.fill_(1 - norm.eps)
        norm.weight.fill_(1.0)
        norm.bias.copy_(bias)
        for start in range(0, len(calibration), 256):
            # channels_last: several times faster for these convs on a CPU
            model(calibration[start:start + 256].contiguous(memory_format=torch.channels_last))
        hook.remove()
        mean = sums["s"] / sums["n"]
        var = (sums["ss"] / sums["n"] - mean * mean).clamp_min(0)
        norm.running_mean.copy_(mean.float())
        norm.running_var.copy_(var.float())
        norm.weight.copy_(torch.sqrt(var + norm.eps).float())
        norm.bias.copy_((mean + bias.double()).float())
    return model
