#!/usr/bin/env python3
"""Export a trained checkpoint (best.pt) to a TensorFlow.js Layers model, written by hand (no TensorFlow).

Contract of the exported model:
  input  float32 [N, 48, 48, 1], grey levels in [0, 1] (pixel / 255), NHWC
  output float32 [N, 7], softmax probabilities in fer.EMOTIONS order

What the conversion does:
  * every Conv2d that is followed by a BatchNorm2d gets the norm folded in (kernel and bias; the
    module's own eps), and a following ReLU becomes the layer's activation;
  * conv kernels go OIHW -> HWIO, dense weights [out, in] -> [in, out];
  * Flatten of a feature map (SeedNet) is NHWC in Keras but NCHW in PyTorch, so the next Dense layer's
    input rows are permuted from (c, h, w) to (h, w, c) order;
  * AdaptiveAvgPool2d(1) (+ Flatten) becomes GlobalAveragePooling2D; Dropout is dropped;
  * the last Dense layer gets a softmax activation (PyTorch returns logits).

It also writes parity fixtures: a few deterministic synthetic inputs (not FER images) and the PyTorch
softmax for them, plus the sha256 of the weights file, for tests/model/parity.test.ts.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fer import EMOTIONS, IMAGE_SIZE  # noqa: E402
from fer.nets import count_parameters  # noqa: E402
from fer.runs import SHIPPED_RUN, load_best  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
DEFAULT_RUN = SHIPPED_RUN
DEFAULT_OUT = os.path.join(ROOT, "public", "models", "emotion")
DEFAULT_FIXTURES = os.path.join(ROOT, "tests", "model", "fixtures", "parity.json")
BIN_NAME = "group1-shard1of1.bin"
KERAS_VERSION = "2.15.0"


def _rel(path: str) -> str:
    path = os.path.abspath(path)
    return os.path.relpath(path, ROOT) if path.startswith(ROOT + os.sep) else path


class ExportError(RuntimeError):
    """The model holds something this exporter cannot express as Keras layers."""


def _pair(value) -> tuple[int, int]:
    return (value, value) if isinstance(value, int) else tuple(value)


def _np(tensor: torch.Tensor) -> np.ndarray:
    return tensor.detach().cpu().contiguous().numpy().astype(np.float64)


def _modules(model: nn.Module) -> list[nn.Module]:
    """The model's leaf modules in forward order (both our nets are nested nn.Sequential)."""
    if isinstance(model, nn.Sequential):
        out = []
        for child in model:
            out += _modules(child)
        return out
    children = list(model.children())
    if not children:
        return [model]
    # MoodNet / SeedNet: forward is classifier(features(x)); children are registered in that order.
    out = []
    for child in children:
        out += _modules(child)
    return out


def convert(model: nn.Module, input_shape: tuple[int, int, int] = (IMAGE_SIZE, IMAGE_SIZE, 1)):
    """Map a PyTorch module chain onto Keras layers.

    Returns (layers, weights): layers is a list of Keras layer dicts ({"class_name", "config"});
    weights a list of (name, float32 array) in the order the weights file stores them.
    """
    model = model.eval()
    mods = _modules(model)
    layers: list[dict] = []
    weights: list[tuple[str, np.ndarray]] = []
    h, w, c = input_shape
    shape: tuple[int, ...] = (h, w, c)  # current activation shape, NHWC without N
    flattened_from: tuple[int, int, int] | None = None  # (H, W, C) of a feature map flattened just before
    counters: dict[str, int] = {}
    last_foldable: dict | None = None  # the layer a following ReLU can become the activation of

    def name_for(kind: str) -> str:
        counters[kind] = counters.get(kind, 0) + 1
        return f"{kind}{counters[kind]}"

    i = 0
    while i < len(mods):
        m = mods[i]
        if isinstance(m, nn.Conv2d):
            if len(shape) != 3:
                raise ExportError(f"Conv2d after the feature map was flattened ({m})")
            if m.groups != 1 or _pair(m.dilation) != (1, 1) or m.padding_mode != "zeros":
                raise ExportError(f"unsupported Conv2d settings: {m}")
            kh, kw = _pair(m.kernel_size)
            sh, sw = _pair(m.stride)
            pad = m.padding if isinstance(m.padding, str) else _pair(m.padding)
            if pad in ("same",) or (pad == (kh // 2, kw // 2) and kh % 2 == 1 and kw % 2 == 1 and (sh, sw) == (1, 1)):
                padding = "same"
            elif pad in ("valid", (0, 0)):
                padding = "valid"
            else:
                raise ExportError(f"Conv2d padding {m.padding} with stride {m.stride} has no Keras equivalent")
            kernel = _np(m.weight)  # [O, I, kh, kw]
            bias = _np(m.bias) if m.bias is not None else np.zeros(kernel.shape[0])
            if i + 1 < len(mods) and isinstance(mods[i + 1], nn.BatchNorm2d):
                bn = mods[i + 1]
                if not bn.track_running_stats or bn.running_mean is None:
                    raise ExportError("BatchNorm2d without running statistics cannot be folded")
                gamma = _np(bn.weight) if bn.affine else np.ones(kernel.shape[0])
                beta = _np(bn.bias) if bn.affine else np.zeros(kernel.shape[0])
                scale = gamma / np.sqrt(_np(bn.running_var) + bn.eps)
                kernel = kernel * scale[:, None, None, None]
                bias = (bias - _np(bn.running_mean)) * scale + beta
                i += 1
            name = name_for("conv")
            layer = {"class_name": "Conv2D", "config": {
                "name": name, "trainable": True, "dtype": "float32", "filters": int(kernel.shape[0]),
                "kernel_size": [kh, kw], "strides": [sh, sw], "padding": padding,
                "data_format": "channels_last", "dilation_rate": [1, 1], "activation": "linear",
                "use_bias": True}}
            layers.append(layer)
            weights.append((f"{name}/kernel", kernel.transpose(2, 3, 1, 0)))  # OIHW -> HWIO
            weights.append((f"{name}/bias", bias))
            if padding == "same":
                shape = (-(-shape[0] // sh), -(-shape[1] // sw), kernel.shape[0])
            else:
                shape = ((shape[0] - kh) // sh + 1, (shape[1] - kw) // sw + 1, kernel.shape[0])
            last_foldable = layer
        elif isinstance(m, nn.BatchNorm2d):
            raise ExportError("BatchNorm2d that does not follow a Conv2d is not supported")
        elif isinstance(m, nn.ReLU):
            if last_foldable is not None and last_foldable["config"]["activation"] == "linear":
                last_foldable["config"]["activation"] = "relu"
            else:
                layers.append({"class_name": "Activation",
                               "config": {"name": name_for("relu"), "trainable": True, "dtype": "float32",
                                          "activation": "relu"}})
            last_foldable = None
        elif isinstance(m, nn.MaxPool2d):
            k, s = _pair(m.kernel_size), _pair(m.stride if m.stride is not None else m.kernel_size)
            if _pair(m.padding) != (0, 0) or m.ceil_mode or _pair(m.dilation) != (1, 1):
                raise ExportError(f"unsupported MaxPool2d settings: {m}")
            layers.append({"class_name": "MaxPooling2D", "config": {
                "name": name_for("pool"), "trainable": True, "dtype": "float32", "pool_size": list(k),
                "strides": list(s), "padding": "valid", "data_format": "channels_last"}})
            shape = ((shape[0] - k[0]) // s[0] + 1, (shape[1] - k[1]) // s[1] + 1, shape[2])
            last_foldable = None
        elif isinstance(m, nn.AdaptiveAvgPool2d):
            if _pair(m.output_size) != (1, 1):
                raise ExportError(f"AdaptiveAvgPool2d to {m.output_size} is not supported (only 1)")
            layers.append({"class_name": "GlobalAveragePooling2D", "config": {
                "name": name_for("gap"), "trainable": True, "dtype": "float32", "data_format": "channels_last"}})
            shape = (shape[2],)
            last_foldable = None
        elif isinstance(m, nn.Flatten):
            if len(shape) == 3:
                layers.append({"class_name": "Flatten", "config": {
                    "name": name_for("flatten"), "trainable": True, "dtype": "float32",
                    "data_format": "channels_last"}})
                flattened_from = shape  # (H, W, C)
                shape = (shape[0] * shape[1] * shape[2],)
            # A Flatten after global pooling is a no-op in Keras: [N, C] already.
            last_foldable = None
        elif isinstance(m, nn.Dropout):
            pass  # inference only
        elif isinstance(m, nn.Linear):
            if len(shape) != 1:
                raise ExportError("Linear on an unflattened feature map is not supported")
            kernel = _np(m.weight)  # [out, in]
            if flattened_from is not None:
                fh, fw, fc = flattened_from
                # PyTorch's input index is c*H*W + h*W + w; Keras's is (h*W + w)*C + c.
                kernel = kernel.reshape(kernel.shape[0], fc, fh, fw).transpose(0, 2, 3, 1).reshape(kernel.shape[0], -1)
                flattened_from = None
            bias = _np(m.bias) if m.bias is not None else np.zeros(kernel.shape[0])
            name = name_for("dense")
            layer = {"class_name": "Dense", "config": {
                "name": name, "trainable": True, "dtype": "float32", "units": int(kernel.shape[0]),
                "activation": "linear", "use_bias": True}}
            layers.append(layer)
            weights.append((f"{name}/kernel", kernel.T))  # [out, in] -> [in, out]
            weights.append((f"{name}/bias", bias))
            shape = (kernel.shape[0],)
            last_foldable = layer
        elif isinstance(m, nn.Identity):
            pass
        else:
            raise ExportError(f"no Keras mapping for {type(m).__name__}")
        i += 1

    if shape != (len(EMOTIONS),):
        raise ExportError(f"model output shape {shape}, expected ({len(EMOTIONS)},)")
    last = layers[-1]
    if last["class_name"] == "Dense" and last["config"]["activation"] == "linear":
        last["config"]["activation"] = "softmax"
    else:
        layers.append({"class_name": "Activation", "config": {
            "name": "softmax", "trainable": True, "dtype": "float32", "activation": "softmax"}})
    layers.insert(0, {"class_name": "InputLayer", "config": {
        "batch_input_shape": [None, *input_shape], "dtype": "float32", "sparse": False, "name": "input"}})
    return layers, [(n, np.ascontiguousarray(a, dtype=np.float32)) for n, a in weights]


def model_json(name: str, layers: list[dict], weights: list[tuple[str, np.ndarray]], bin_name: str,
               extra: dict | None = None) -> dict:
    doc = {
        "format": "layers-model",
        "generatedBy": "moodreel models/export_tfjs.py (PyTorch " + torch.__version__.split("+")[0] + ")",
        "convertedBy": None,
        "modelTopology": {
            "keras_version": KERAS_VERSION,
            "backend": "tensorflow",
            "model_config": {"class_name": "Sequential", "config": {"name": name, "layers": layers}},
        },
        "weightsManifest": [{
            "paths": [bin_name],
            "weights": [{"name": n, "shape": list(a.shape), "dtype": "float32"} for n, a in weights],
        }],
    }
    if extra:
        doc["userDefinedMetadata"] = extra
    return doc


def write_model(model: nn.Module, out_dir: str, name: str, extra: dict | None = None,
                bin_name: str = BIN_NAME) -> dict:
    """Write model.json + one .bin into out_dir; returns facts about what was written."""
    layers, weights = convert(model)
    blob = b"".join(a.astype("<f4").tobytes() for _, a in weights)
    os.makedirs(out_dir, exist_ok=True)
    doc = model_json(name, layers, weights, bin_name, extra)
    bin_path, json_path = os.path.join(out_dir, bin_name), os.path.join(out_dir, "model.json")
    for path, data in ((bin_path, blob), (json_path, (json.dumps(doc, indent=1) + "\n").encode())):
        tmp = path + ".tmp"
        with open(tmp, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
    return {"model_json": json_path, "weights_bin": bin_path, "sha256": hashlib.sha256(blob).hexdigest(),
            "weight_bytes": len(blob), "exported_params": int(sum(a.size for _, a in weights)),
            "layers": len(layers)}


def parity_inputs() -> dict[str, np.ndarray]:
    """Deterministic synthetic 48x48 grey images as uint8 (input = value / 255); not FER faces."""
    n = IMAGE_SIZE
    yy, xx = np.mgrid[0:n, 0:n].astype(np.float64) / (n - 1)
    rng = np.random.default_rng(20130)

    def blob(cy, cx, sy, sx, amp=1.0):
        return amp * np.exp(-(((yy - cy) / sy) ** 2 + ((xx - cx) / sx) ** 2) / 2)

    face_ish = 0.55 + blob(0.5, 0.5, 0.35, 0.28, 0.35) - blob(0.38, 0.33, 0.05, 0.07, 0.4) \
        - blob(0.38, 0.67, 0.05, 0.07, 0.4) - blob(0.75, 0.5, 0.04, 0.16, 0.35)
    images = {
        "uniform_noise_seed20130": rng.random((n, n)),
        "diagonal_gradient": (xx + yy) / 2,
        "all_zeros": np.zeros((n, n)),
        "all_ones": np.ones((n, n)),
        "two_blobs": 0.15 + blob(0.3, 0.3, 0.12, 0.12, 0.8) + blob(0.7, 0.65, 0.18, 0.1, 0.6),
        "smooth_face_like": face_ish,
    }
    return {k: np.clip(np.round(v * 255), 0, 255).astype(np.uint8) for k, v in images.items()}


@torch.no_grad()
def torch_probabilities(model: nn.Module, pixels: np.ndarray) -> np.ndarray:
    """PyTorch softmax for uint8 [N,48,48] in eval mode."""
    x = torch.from_numpy(pixels).float().div_(255).unsqueeze(1)
    return torch.softmax(model.eval()(x), dim=1).double().numpy()


def write_fixtures(model: nn.Module, facts: dict, path: str, source: dict) -> dict:
    inputs = parity_inputs()
    names = list(inputs)
    probs = torch_probabilities(model, np.stack([inputs[k] for k in names]))
    doc = {
        "about": "PyTorch (eval mode) softmax for synthetic inputs; regenerate with `npm run export-model` "
                 "whenever the weights change. input = pixels / 255, shape [48,48,1].",
        "emotions": list(EMOTIONS),
        "weights_file": os.path.basename(facts["weights_bin"]),
        "weights_sha256": facts["sha256"],
        "source": source,
        "tolerance": 1e-4,
        "cases": [{"name": k, "pixels": inputs[k].reshape(-1).tolist(),
                   "probabilities": [round(float(p), 8) for p in probs[j]]} for j, k in enumerate(names)],
    }
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as fh:
        json.dump(doc, fh, separators=(",", ":"))
        fh.write("\n")
    return doc


def load_checkpoint(run: str) -> tuple[nn.Module, dict]:
    model, ckpt, path = load_best(run)
    return model, {"checkpoint": _rel(path), "arch": ckpt["arch"], "epoch": ckpt.get("epoch"),
                   "val_acc": ckpt.get("val_acc"), "labels": ckpt.get("labels", "fer2013")}


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", default=DEFAULT_RUN, help="run folder holding best.pt, or a .pt file")
    p.add_argument("--out", default=None, help=f"output folder (default {os.path.relpath(DEFAULT_OUT, ROOT)})")
    p.add_argument("--fixtures", default=None,
                   help="parity fixtures path (default tests/model/fixtures/parity.json, or <out>/parity.json "
                        "when --out is given)")
    p.add_argument("--threads", type=int, default=1)
    args = p.parse_args(argv)
    torch.set_num_threads(args.threads)
    out = args.out or DEFAULT_OUT
    fixtures = args.fixtures or (os.path.join(out, "parity.json") if args.out else DEFAULT_FIXTURES)
    try:
        model, source = load_checkpoint(args.run)
    except FileNotFoundError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    try:
        facts = write_model(model, out, name=source["arch"],
                            extra={"emotions": list(EMOTIONS), "input": "float32 [N,48,48,1] grey in [0,1]",
                                   "output": "float32 [N,7] softmax", **source})
    except ExportError as err:
        print(f"error: {err}", file=sys.stderr)
        return 3
    write_fixtures(model, facts, fixtures, source)
    print(f"{source['arch']} (epoch {source['epoch']}, PublicTest acc {source['val_acc']:.4f}) "
          f"from {source['checkpoint']}")
    print(f"PyTorch parameters {count_parameters(model):,}; exported (BatchNorm folded) "
          f"{facts['exported_params']:,} in {facts['layers']} layers")
    print(f"weights {facts['weight_bytes']:,} bytes ({facts['weight_bytes'] / 2**20:.2f} MiB), "
          f"sha256 {facts['sha256']}")
    print(f"wrote {_rel(facts['model_json'])}, {_rel(facts['weights_bin'])}, {_rel(fixtures)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
