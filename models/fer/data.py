"""Readers for the Kaggle fer2013.csv format and the FER+ votes file.

Errors name the file and the 1-based line so a user with a damaged download knows where to look.
"""
from __future__ import annotations

import csv
import gzip
import hashlib
import io
import os
from dataclasses import dataclass

import numpy as np

from . import EMOTIONS, IMAGE_SIZE

PIXELS = IMAGE_SIZE * IMAGE_SIZE
REQUIRED_COLUMNS = ("emotion", "pixels", "Usage")
# FER+ columns in its own order; mapped onto FER-2013's seven where they exist.
FERPLUS_COLUMNS = ("neutral", "happiness", "surprise", "sadness", "anger", "disgust", "fear",
                   "contempt", "unknown", "NF")
FERPLUS_TO_FER = {"anger": 0, "disgust": 1, "fear": 2, "happiness": 3, "sadness": 4, "surprise": 5,
                  "neutral": 6}


class DataError(ValueError):
    """A malformed input file; the message names the file and line."""


@dataclass
class Split:
    images: np.ndarray  # uint8 [N, 48, 48]
    labels: np.ndarray  # int64 [N]
    rows: np.ndarray    # int64 [N], 0-based data-row index in the CSV (for joining FER+ votes)


def _open_text(path: str):
    with open(path, "rb") as probe:
        magic = probe.read(2)
    if magic == b"\x1f\x8b":
        return io.TextIOWrapper(gzip.open(path, "rb"), encoding="utf-8", newline="")
    return open(path, "r", encoding="utf-8", newline="")


def read_fer_csv(path: str) -> dict[str, Split]:
    """Read fer2013.csv (plain or gzipped) into one Split per Usage value."""
    images: dict[str, list[np.ndarray]] = {}
    labels: dict[str, list[int]] = {}
    rows: dict[str, list[int]] = {}
    with _open_text(path) as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise DataError(f"{path}: the file is empty (expected a header {','.join(REQUIRED_COLUMNS)})")
        except (csv.Error, UnicodeDecodeError, OSError, EOFError) as err:
            raise DataError(f"{path}, line 1: unreadable ({err})") from err
        missing = [c for c in REQUIRED_COLUMNS if c not in header]
        if missing:
            raise DataError(f"{path}, line 1: missing column(s) {', '.join(missing)}; "
                            f"header is {','.join(header)}")
        i_emotion, i_pixels, i_usage = (header.index(c) for c in REQUIRED_COLUMNS)
        data_row = -1
        while True:
            try:
                record = next(reader)
            except StopIteration:
                break
            except (csv.Error, UnicodeDecodeError, OSError, EOFError) as err:
                raise DataError(f"{path}, line {reader.line_num}: unreadable ({err})") from err
            line = reader.line_num
            if not record or all(not field.strip() for field in record):
                continue
            data_row += 1
            if len(record) < len(header):
                raise DataError(f"{path}, line {line}: expected {len(header)} fields, found {len(record)}")
            raw_label = record[i_emotion].strip()
            if not raw_label.isdigit() or not 0 <= int(raw_label) < len(EMOTIONS):
                raise DataError(f"{path}, line {line}: emotion label {raw_label!r} is not 0-6")
            try:
                pixels = np.array(record[i_pixels].split(), dtype=np.int32)
            except ValueError as err:
                raise DataError(f"{path}, line {line}: pixels are not all integers") from err
            if pixels.size != PIXELS:
                raise DataError(f"{path}, line {line}: expected {PIXELS} pixels, found {pixels.size}")
            if pixels.min() < 0 or pixels.max() > 255:
                raise DataError(f"{path}, line {line}: pixel values must be 0-255")
            usage = record[i_usage].strip()
            images.setdefault(usage, []).append(pixels.astype(np.uint8).reshape(IMAGE_SIZE, IMAGE_SIZE))
            labels.setdefault(usage, []).append(int(raw_label))
            rows.setdefault(usage, []).append(data_row)
    if not images:
        raise DataError(f"{path}: no data rows")
    return {
        usage: Split(np.stack(images[usage]), np.array(labels[usage], dtype=np.int64),
                     np.array(rows[usage], dtype=np.int64))
        for usage in images
    }


def read_ferplus_votes(path: str) -> np.ndarray:
    """FER+ votes as float32 [rows, 10] in FERPLUS_COLUMNS order; rows FER+ dropped are all zero."""
    out = []
    with open(path, "r", encoding="utf-8", newline="") as handle:
        reader = csv.reader(handle)
        header = next(reader, None)
        if header is None:
            raise DataError(f"{path}: the file is empty")
        missing = [c for c in FERPLUS_COLUMNS if c not in header]
        if missing:
            raise DataError(f"{path}, line 1: missing column(s) {', '.join(missing)}")
        idx = [header.index(c) for c in FERPLUS_COLUMNS]
        for record in reader:
            line = reader.line_num
            if not record:
                continue
            try:
                out.append([float(record[i]) if record[i].strip() else 0.0 for i in idx])
            except (ValueError, IndexError) as err:
                raise DataError(f"{path}, line {line}: votes must be numbers") from err
    return np.array(out, dtype=np.float32)


def non_face_mask(votes: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """True where FER+ annotators judged the image not a face (dropped row, or NF is the top vote)."""
    picked = votes[rows]
    dropped = picked.sum(axis=1) == 0
    nf = picked[:, FERPLUS_COLUMNS.index("NF")]
    return dropped | (nf >= picked.max(axis=1))


def save_pack(splits: dict[str, Split], path: str) -> None:
    """Write parsed splits as one .npz (the cache format; also how data travels to a GPU machine)."""
    arrays = {}
    for usage, split in splits.items():
        arrays[f"{usage}/images"] = split.images
        arrays[f"{usage}/labels"] = split.labels
        arrays[f"{usage}/rows"] = split.rows
    tmp = path + ".tmp.npz"
    np.savez(tmp, **arrays)
    os.replace(tmp, path)


def load_pack(path: str) -> dict[str, Split]:
    try:
        packed = np.load(path)
        usages = sorted({name.split("/")[0] for name in packed.files})
        return {u: Split(packed[f"{u}/images"], packed[f"{u}/labels"], packed[f"{u}/rows"]) for u in usages}
    except (OSError, KeyError, ValueError) as err:
        raise DataError(f"{path}: not a FER-2013 pack ({err})") from err


def load_cached(csv_path: str, cache_dir: str) -> dict[str, Split]:
    """Parse once, then reuse an .npz keyed by the file's size and mtime (parsing takes ~20 s)."""
    stat = os.stat(csv_path)
    key = hashlib.sha1(f"{os.path.abspath(csv_path)}:{stat.st_size}:{stat.st_mtime_ns}".encode()).hexdigest()[:12]
    cache = os.path.join(cache_dir, f"fer2013-{key}.npz")
    if os.path.exists(cache):
        return load_pack(cache)
    splits = read_fer_csv(csv_path)
    os.makedirs(cache_dir, exist_ok=True)
    save_pack(splits, cache)
    return splits
