"""export_tfjs: the written model.json + .bin, run by a pure-numpy reading of Keras layer semantics
(NHWC, 'same' conv, valid max-pool, HWC flatten), must give PyTorch's softmax. No TensorFlow needed.

A transposed kernel, a missed BatchNorm fold or the CHW/HWC flatten mix-up all show up here as
differences far above the 1e-4 tolerance.
"""
from __future__ import annotations

import json
import os
import sys

import numpy as np
import pytest
import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import export_tfjs  # noqa: E402
from fer import EMOTIONS  # noqa: E402
from fer.nets import MoodNet, SeedNet  # noqa: E402

TOL = 1e-4


# ---- a tiny Keras interpreter over the exported files -------------------------------------------------

def load_exported(folder) -> tuple[dict, dict[str, np.ndarray]]:
    with open(os.path.join(folder, "model.json")) as fh:
        doc = json.load(fh)
    weights: dict[str, np.ndarray] = {}
    for group in doc["weightsManifest"]:
        blob = b"".join(open(os.path.join(folder, p), "rb").read() for p in group["paths"])
        offset = 0
        for spec in group["weights"]:
            assert spec["dtype"] == "float32"
            count = int(np.prod(spec["shape"]))
            weights[spec["name"]] = np.frombuffer(blob, "<f4", count, offset).reshape(spec["shape"]).astype(np.float64)
            offset += 4 * count
        assert offset == len(blob), "weights file has bytes the manifest does not describe"
    return doc, weights


def activation(x: np.ndarray, name: str) -> np.ndarray:
    if name == "linear":
        return x
    if name == "relu":
        return np.maximum(x, 0)
    if name == "softmax":
        e = np.exp(x - x.max(axis=-1, keepdims=True))
        return e / e.sum(axis=-1, keepdims=True)
    raise AssertionError(f"activation {name}")


def conv2d_nhwc(x: np.ndarray, kernel: np.ndarray, strides, padding: str) -> np.ndarray:
    kh, kw, _, out = kernel.shape
    sh, sw = strides
    n, h, w, _ = x.shape
    if padding == "same":  # TensorFlow SAME: the extra pad (if odd) goes bottom/right
        oh, ow = -(-h // sh), -(-w // sw)
        ph, pw = max((oh - 1) * sh + kh - h, 0), max((ow - 1) * sw + kw - w, 0)
        x = np.pad(x, ((0, 0), (ph // 2, ph - ph // 2), (pw // 2, pw - pw // 2), (0, 0)))
    else:
        oh, ow = (h - kh) // sh + 1, (w - kw) // sw + 1
    y = np.zeros((n, oh, ow, out))
    for dy in range(kh):
        for dx in range(kw):
            patch = x[:, dy:dy + sh * (oh - 1) + 1:sh, dx:dx + sw * (ow - 1) + 1:sw, :]
            y += patch @ kernel[dy, dx]
    return y


def run_keras(doc: dict, weights: dict[str, np.ndarray], x: np.ndarray, flatten: str = "hwc") -> np.ndarray:
    """x: [N,48,48,1]. flatten='chw' imitates the bug the exporter must avoid (for a negative control)."""
    topo = doc["modelTopology"]["model_config"]
    assert topo["class_name"] == "Sequential"
    for layer in topo["config"]["layers"]:
        kind, cfg = layer["class_name"], layer["config"]
        if kind == "InputLayer":
            assert list(x.shape[1:]) == cfg["batch_input_shape"][1:]
        elif kind == "Conv2D":
            assert cfg["data_format"] == "channels_last" and cfg["dilation_rate"] == [1, 1]
            x = conv2d_nhwc(x, weights[f"{cfg['name']}/kernel"], cfg["strides"], cfg["padding"])
            if cfg["use_bias"]:
                x = x + weights[f"{cfg['name']}/bias"]
            x = activation(x, cfg["activation"])
        elif kind == "MaxPooling2D":
            (ph, pw), (sh, sw) = cfg["pool_size"], cfg["strides"]
            assert cfg["padding"] == "valid" and (ph, pw) == (sh, sw)
            n, h, w, c = x.shape
            x = x[:, :h // ph * ph, :w // pw * pw].reshape(n, h // ph, ph, w // pw, pw, c).max(axis=(2, 4))
        elif kind == "GlobalAveragePooling2D":
            x = x.mean(axis=(1, 2))
        elif kind == "Flatten":
            x = (x.transpose(0, 3, 1, 2) if flatten == "chw" else x).reshape(len(x), -1)
        elif kind == "Dense":
            x = x @ weights[f"{cfg['name']}/kernel"]
            if cfg["use_bias"]:
                x = x + weights[f"{cfg['name']}/bias"]
            x = activation(x, cfg["activation"])
        elif kind == "Activation":
            x = activation(x, cfg["activation"])
        else:
            raise AssertionError(f"layer {kind} not handled by the reference")
    return x


# ---- models ---------------------------------------------------------------------------------------------

def randomise_batchnorm(model: torch.nn.Module, seed: int) -> None:
    """Fresh BatchNorms are identity-like (mean 0, var 1, gamma 1, beta 0); make the fold actually matter."""
    g = torch.Generator().manual_seed(seed)
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            c = m.num_features
            m.running_mean.copy_(torch.randn(c, generator=g) * 0.3)
            m.running_var.copy_(torch.rand(c, generator=g) * 1.5 + 0.2)
            m.weight.data.copy_(torch.rand(c, generator=g) + 0.5)
            m.bias.data.copy_(torch.randn(c, generator=g) * 0.2)
            m.eps = 1e-3  # not the default, so a hard-coded eps would be caught


def tiny_moodnet() -> torch.nn.Module:
    torch.manual_seed(1)
    model = MoodNet(widths=(4, 6, 8, 12))
    for m in model.modules():  # He init keeps the signal alive through the random stack
        if isinstance(m, torch.nn.Conv2d):
            torch.nn.init.kaiming_normal_(m.weight, nonlinearity="relu")
    randomise_batchnorm(model, 2)
    return model.eval()


def seednet() -> torch.nn.Module:
    torch.manual_seed(3)
    model = SeedNet()
    with torch.no_grad():  # bigger last-layer weights so the softmax is not nearly uniform
        model.classifier[-1].weight.mul_(200)
    return model.eval()


def inputs(seed: int = 4) -> np.ndarray:
    """Structured synthetic images (gradient, blobs, zeros, ones...) plus two noise images, uint8."""
    rng = np.random.default_rng(seed)
    structured = np.stack(list(export_tfjs.parity_inputs().values()))
    return np.concatenate([structured, rng.integers(0, 256, (2, 48, 48)).astype(np.uint8)])


@pytest.fixture(autouse=True)
def one_thread():
    torch.set_num_threads(1)


@pytest.mark.parametrize("make", [tiny_moodnet, seednet], ids=["moodnet", "seednet"])
def test_export_matches_pytorch(tmp_path, make):
    model = make()
    facts = export_tfjs.write_model(model, str(tmp_path), name="test")
    doc, weights = load_exported(tmp_path)
    assert facts["weight_bytes"] == os.path.getsize(tmp_path / export_tfjs.BIN_NAME)
    assert facts["exported_params"] * 4 == facts["weight_bytes"]
    assert doc["format"] == "layers-model"
    assert doc["modelTopology"]["backend"] == "tensorflow" and doc["modelTopology"]["keras_version"]
    classes = [layer["class_name"] for layer in doc["modelTopology"]["model_config"]["config"]["layers"]]
    assert classes[0] == "InputLayer" and "Dropout" not in classes and "BatchNormalization" not in classes
    assert classes[-1] == "Dense"

    pixels = inputs()
    want = export_tfjs.torch_probabilities(model, pixels)
    got = run_keras(doc, weights, pixels[..., None].astype(np.float64) / 255)
    assert got.shape == (len(pixels), len(EMOTIONS))
    np.testing.assert_allclose(got.sum(axis=1), 1, atol=1e-6)
    diff = np.abs(got - want).max()
    assert diff <= TOL, f"max |keras - pytorch| = {diff:.2e}"
    # the outputs are not near-uniform, so agreement is not trivial
    assert (want.max(axis=1) - want.min(axis=1)).min() > 0.05, want
    assert np.abs(want - want[0]).max() > 0.01  # and they depend on the input
    print(f"{make.__name__}: max |keras - pytorch| = {diff:.2e}")


def test_flatten_order_is_what_makes_seednet_agree(tmp_path):
    """Negative control: read the flatten as CHW (PyTorch's order) and the same export no longer agrees."""
    model = seednet()
    export_tfjs.write_model(model, str(tmp_path), name="test")
    doc, weights = load_exported(tmp_path)
    pixels = inputs()
    want = export_tfjs.torch_probabilities(model, pixels)
    wrong = run_keras(doc, weights, pixels[..., None] / 255.0, flatten="chw")
    assert np.abs(wrong - want).max() > 100 * TOL


def test_conv_kernel_orientation_matters(tmp_path):
    """Negative control: swapping the kernel's spatial axes (a wrong OIHW->HWIO transpose) is detected."""
    model = tiny_moodnet()
    export_tfjs.write_model(model, str(tmp_path), name="test")
    doc, weights = load_exported(tmp_path)
    pixels = inputs()
    want = export_tfjs.torch_probabilities(model, pixels)
    swapped = {k: (v.transpose(1, 0, 2, 3) if v.ndim == 4 else v) for k, v in weights.items()}
    wrong = run_keras(doc, swapped, pixels[..., None] / 255.0)
    assert np.abs(wrong - want).max() > 100 * TOL


def test_batchnorm_fold_uses_module_eps(tmp_path):
    model = tiny_moodnet()
    layers, weights = export_tfjs.convert(model)
    conv, bn = model.features[0], model.features[1]
    scale = bn.weight.detach().double() / torch.sqrt(bn.running_var.double() + bn.eps)
    kernel = dict(weights)["conv1/kernel"]  # HWIO
    np.testing.assert_allclose(kernel, (conv.weight.detach().double() * scale[:, None, None, None])
                               .permute(2, 3, 1, 0).numpy(), rtol=1e-6, atol=1e-7)
    bias = dict(weights)["conv1/bias"]
    np.testing.assert_allclose(bias, (bn.bias.detach().double() - bn.running_mean.double() * scale).numpy(),
                               rtol=1e-6, atol=1e-7)
    assert layers[1]["config"]["activation"] == "relu"


def test_cli_writes_model_and_fixtures_for_a_checkpoint(tmp_path, capsys):
    run = tmp_path / "runs" / "seed"
    run.mkdir(parents=True)
    model = seednet()
    torch.save({"arch": "seed", "model": model.state_dict(), "epoch": 3, "val_acc": 0.5, "val_loss": 1.2},
               run / "best.pt")
    out = tmp_path / "export"
    assert export_tfjs.main(["--run", str(run), "--out", str(out)]) == 0
    text = capsys.readouterr().out
    assert "parameters" in text and "bytes" in text
    fixtures = json.loads((out / "parity.json").read_text())
    import hashlib
    sha = hashlib.sha256((out / fixtures["weights_file"]).read_bytes()).hexdigest()
    assert fixtures["weights_sha256"] == sha
    assert fixtures["emotions"] == list(EMOTIONS)
    assert len(fixtures["cases"]) >= 6
    doc, weights = load_exported(out)
    for case in fixtures["cases"]:
        x = np.array(case["pixels"], dtype=np.float64).reshape(1, 48, 48, 1) / 255
        got = run_keras(doc, weights, x)[0]
        assert np.abs(got - np.array(case["probabilities"])).max() <= TOL, case["name"]


def test_missing_checkpoint_is_a_clear_error(tmp_path, capsys):
    assert export_tfjs.main(["--run", str(tmp_path / "nothing"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "no checkpoint" in err and "best.pt" in err
    assert not (tmp_path / "out").exists()
