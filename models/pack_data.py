#!/usr/bin/env python3
"""Pack FER-2013 small enough to carry to a rented GPU machine, and unpack it there.

The gzipped CSV is 85 MB of text; the pixels themselves, xz-compressed, are about 57 MB. `--pack` writes
`images.u8.xz` (uint8 faces, Training then PublicTest) and `meta.npz` (labels and CSV row numbers);
`--unpack` turns them back into the .npz pack that `train.py --data` reads.
"""
from __future__ import annotations

import argparse
import lzma
import os
import sys

import numpy as np

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from fer import IMAGE_SIZE  # noqa: E402
from fer.data import DataError, Split, read_fer_csv, save_pack  # noqa: E402

SPLITS = ("Training", "PublicTest")


def pack(csv_path: str, folder: str) -> None:
    splits = read_fer_csv(csv_path)
    os.makedirs(folder, exist_ok=True)
    images = np.concatenate([splits[u].images for u in SPLITS])
    with open(os.path.join(folder, "images.u8.xz"), "wb") as fh:
        fh.write(lzma.compress(images.tobytes(), preset=6))
    meta = {}
    for u in SPLITS:
        meta[f"{u}/labels"], meta[f"{u}/rows"] = splits[u].labels, splits[u].rows
    np.savez(os.path.join(folder, "meta.npz"), **meta)


def unpack(folder: str, out_path: str) -> None:
    meta = np.load(os.path.join(folder, "meta.npz"))
    with open(os.path.join(folder, "images.u8.xz"), "rb") as fh:
        flat = np.frombuffer(lzma.decompress(fh.read()), dtype=np.uint8)
    images = flat.reshape(-1, IMAGE_SIZE, IMAGE_SIZE)
    splits, start = {}, 0
    for u in SPLITS:
        labels = meta[f"{u}/labels"]
        splits[u] = Split(images[start:start + len(labels)], labels, meta[f"{u}/rows"])
        start += len(labels)
    if start != len(images):
        raise DataError(f"{folder}: {len(images)} faces but {start} labels")
    save_pack(splits, out_path)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--pack", metavar="CSV", help="fer2013.csv(.gz) to pack")
    p.add_argument("--unpack", metavar="FOLDER", help="folder holding images.u8.xz and meta.npz")
    p.add_argument("--to", required=True, help="folder to pack into, or the .npz to unpack to")
    args = p.parse_args(argv)
    try:
        if args.pack:
            pack(args.pack, args.to)
        elif args.unpack:
            unpack(args.unpack, args.to)
        else:
            p.error("give --pack CSV or --unpack FOLDER")
    except (DataError, OSError, lzma.LZMAError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    print(f"wrote {args.to}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
