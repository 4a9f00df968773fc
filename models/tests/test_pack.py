"""pack_data: FER-2013 packed for a GPU machine comes back identical, and a damaged pack is a clear error."""
from __future__ import annotations

import os
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))
import pack_data  # noqa: E402
from fer.data import load_pack, read_fer_csv  # noqa: E402


def write_csv(path, rows):
    lines = ["emotion,pixels,Usage"]
    for label, pixels, usage in rows:
        lines.append(f"{label},{' '.join(map(str, pixels))},{usage}")
    path.write_text("\n".join(lines) + "\n")


def test_round_trip(tmp_path):
    rng = np.random.default_rng(3)
    rows = [(i % 7, rng.integers(0, 256, 48 * 48), "Training" if i % 3 else "PublicTest") for i in range(20)]
    csv = tmp_path / "fer.csv"
    write_csv(csv, rows)
    assert pack_data.main(["--pack", str(csv), "--to", str(tmp_path / "packed")]) == 0
    assert pack_data.main(["--unpack", str(tmp_path / "packed"), "--to", str(tmp_path / "fer.npz")]) == 0
    original, restored = read_fer_csv(str(csv)), load_pack(str(tmp_path / "fer.npz"))
    for usage in ("Training", "PublicTest"):
        np.testing.assert_array_equal(original[usage].images, restored[usage].images)
        np.testing.assert_array_equal(original[usage].labels, restored[usage].labels)
        np.testing.assert_array_equal(original[usage].rows, restored[usage].rows)


def test_truncated_pack_is_a_clear_error(tmp_path, capsys):
    rng = np.random.default_rng(4)
    rows = [(i % 7, rng.integers(0, 256, 48 * 48), "Training" if i % 2 else "PublicTest") for i in range(6)]
    csv = tmp_path / "fer.csv"
    write_csv(csv, rows)
    pack_data.main(["--pack", str(csv), "--to", str(tmp_path / "packed")])
    xz = tmp_path / "packed" / "images.u8.xz"
    xz.write_bytes(xz.read_bytes()[: len(xz.read_bytes()) // 2])
    assert pack_data.main(["--unpack", str(tmp_path / "packed"), "--to", str(tmp_path / "fer.npz")]) == 2
    assert "error:" in capsys.readouterr().err
