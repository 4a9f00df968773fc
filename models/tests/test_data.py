"""fer.data: the Kaggle CSV reader (good and broken files) and the FER+ non-face mask."""
from __future__ import annotations

import gzip
import os
import sys

import numpy as np
import pytest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from fer.data import (DataError, FERPLUS_COLUMNS, load_cached, non_face_mask, read_fer_csv,  # noqa: E402
                      read_ferplus_votes)

HEADER = "emotion,pixels,Usage"


def pixels(seed: int, n: int = 48 * 48) -> str:
    return " ".join(str(v) for v in np.random.default_rng(seed).integers(0, 256, n))


def pixels_with(seed: int, index: int, token: str) -> str:
    values = pixels(seed).split()
    values[index] = token
    return " ".join(values)


def good_rows() -> list[str]:
    return [
        f"3,{pixels(1)},Training",
        f"0,{pixels(2)},Training",
        f"6,{pixels(3)},PublicTest",
        f"5,{pixels(4)},Training",
        f"1,{pixels(5)},PublicTest",
    ]


def write(tmp_path, lines: list[str], name: str = "fer.csv", gz: bool = False) -> str:
    path = str(tmp_path / name)
    text = "\n".join(lines) + "\n"
    if gz:
        with gzip.open(path, "wt", encoding="utf-8") as fh:
            fh.write(text)
    else:
        with open(path, "w", encoding="utf-8") as fh:
            fh.write(text)
    return path


@pytest.mark.parametrize("gz", [False, True], ids=["plain", "gzipped"])
def test_reads_good_file(tmp_path, gz):
    path = write(tmp_path, [HEADER, *good_rows()], "fer.csv.gz" if gz else "fer.csv", gz=gz)
    splits = read_fer_csv(path)
    assert set(splits) == {"Training", "PublicTest"}
    train, test = splits["Training"], splits["PublicTest"]
    assert train.images.shape == (3, 48, 48) and train.images.dtype == np.uint8
    assert train.labels.tolist() == [3, 0, 5]
    assert test.labels.tolist() == [6, 1]
    # rows are 0-based data-row indices in file order (used to join FER+ votes)
    assert train.rows.tolist() == [0, 1, 3]
    assert test.rows.tolist() == [2, 4]
    expected = np.array(pixels(1).split(), dtype=np.uint8).reshape(48, 48)
    np.testing.assert_array_equal(train.images[0], expected)


def test_column_order_and_blank_lines_do_not_matter(tmp_path):
    rows = [f"Training,{pixels(7)},4", "", f"PublicTest,{pixels(8)},2"]
    path = write(tmp_path, ["Usage,pixels,emotion", *rows])
    splits = read_fer_csv(path)
    assert splits["Training"].labels.tolist() == [4]
    assert splits["PublicTest"].labels.tolist() == [2]
    assert splits["PublicTest"].rows.tolist() == [1]


def test_load_cached_round_trip(tmp_path):
    path = write(tmp_path, [HEADER, *good_rows()])
    cache = tmp_path / "cache"
    first = load_cached(path, str(cache))
    assert len(list(cache.iterdir())) == 1
    second = load_cached(path, str(cache))  # from the .npz
    for usage in first:
        np.testing.assert_array_equal(first[usage].images, second[usage].images)
        np.testing.assert_array_equal(first[usage].labels, second[usage].labels)
        np.testing.assert_array_equal(first[usage].rows, second[usage].rows)


# Each broken file: (lines after the header, 1-based line the error must name, words the message must hold)
BROKEN = {
    "short_pixel_row": ([f"3,{pixels(1)},Training", f"2,{pixels(2, 48 * 48 - 1)},Training"], 3, "found 2303"),
    "long_pixel_row": ([f"2,{pixels(2, 48 * 48 + 5)},Training"], 2, "found 2309"),
    "label_out_of_range": ([f"3,{pixels(1)},Training", f"3,{pixels(1)},Training", f"7,{pixels(2)},Training"],
                           4, "'7'"),
    "label_not_a_number": ([f"happy,{pixels(2)},Training"], 2, "'happy'"),
    "negative_label": ([f"-1,{pixels(2)},Training"], 2, "'-1'"),
    "pixel_not_integer": ([f"1,{pixels_with(2, 100, '1.5')},Training"], 2, "integers"),
    "pixel_word": ([f"3,{pixels(1)},Training", f"1,{'x ' * 2304},Training"], 3, "integers"),
    "pixel_out_of_range": ([f"1,{pixels_with(2, 7, '256')},Training"], 2, "0-255"),
    "missing_field": ([f"3,{pixels(1)},Training", f"3,{pixels(1)}"], 3, "fields"),
}


@pytest.mark.parametrize("case", sorted(BROKEN))
def test_broken_rows_name_the_line(tmp_path, case):
    rows, line, words = BROKEN[case]
    path = write(tmp_path, [HEADER, *rows])
    with pytest.raises(DataError) as err:
        read_fer_csv(path)
    message = str(err.value)
    assert f"line {line}" in message, message
    assert path in message
    if words:
        assert words in message, message


def test_broken_row_in_gzipped_file_names_the_line(tmp_path):
    path = write(tmp_path, [HEADER, *good_rows(), f"9,{pixels(9)},Training"], "fer.csv.gz", gz=True)
    with pytest.raises(DataError, match=r"line 7: emotion label '9'"):
        read_fer_csv(path)


@pytest.mark.parametrize("header,missing", [("emotion,Usage", "pixels"), ("pixels,Usage", "emotion"),
                                            ("emotion,pixels", "Usage")])
def test_missing_column_is_reported_on_line_1(tmp_path, header, missing):
    cols = header.split(",")
    values = {"emotion": "3", "pixels": pixels(1), "Usage": "Training"}
    path = write(tmp_path, [header, ",".join(values[c] for c in cols)])
    with pytest.raises(DataError, match=rf"line 1: missing column\(s\) {missing}"):
        read_fer_csv(path)


def test_empty_file_and_header_only(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    with pytest.raises(DataError, match="empty"):
        read_fer_csv(str(empty))
    with pytest.raises(DataError, match="no data rows"):
        read_fer_csv(write(tmp_path, [HEADER]))


def test_truncated_gzip_is_a_data_error(tmp_path):
    path = write(tmp_path, [HEADER, *good_rows() * 20], "fer.csv.gz", gz=True)
    data = open(path, "rb").read()
    with open(path, "wb") as fh:
        fh.write(data[: len(data) // 2])
    with pytest.raises(DataError, match="line"):
        read_fer_csv(path)


def write_votes(tmp_path, rows: list[list[int]]) -> str:
    # The real fer2013new.csv starts with Usage and Image name columns.
    lines = ["Usage,Image name," + ",".join(FERPLUS_COLUMNS)]
    for i, votes in enumerate(rows):
        name = f"fer{i:07d}.png" if sum(votes) else ""
        lines.append(f"Training,{name}," + ",".join(str(v) for v in votes))
    path = tmp_path / "fer2013new.csv"
    path.write_text("\n".join(lines) + "\n")
    return str(path)


def test_ferplus_non_face_mask(tmp_path):
    # columns: neutral happiness surprise sadness anger disgust fear contempt unknown NF
    votes = [
        [10, 0, 0, 0, 0, 0, 0, 0, 0, 0],  # 0 neutral face
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 10],  # 1 all NF: not a face
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0],   # 2 dropped by FER+ (no votes): treated as not a face
        [0, 6, 0, 0, 0, 0, 0, 0, 0, 4],   # 3 happy majority: a face
        [0, 5, 0, 0, 0, 0, 0, 0, 0, 5],   # 4 tie with NF: not a face
        [1, 1, 1, 1, 1, 1, 1, 0, 0, 3],   # 5 NF is the top vote: not a face
    ]
    table = read_ferplus_votes(write_votes(tmp_path, votes))
    assert table.shape == (6, len(FERPLUS_COLUMNS)) and table.dtype == np.float32
    assert table[1, FERPLUS_COLUMNS.index("NF")] == 10
    mask = non_face_mask(table, np.arange(6))
    assert mask.tolist() == [False, True, True, False, True, True]
    # rows index into the votes table (e.g. a split's data-row numbers)
    assert non_face_mask(table, np.array([3, 1])).tolist() == [False, True]


def test_ferplus_bad_votes_name_the_line(tmp_path):
    path = write_votes(tmp_path, [[1] * 10, [1] * 10])
    text = open(path).read().splitlines()
    text[2] = text[2].rsplit(",", 1)[0] + ",many"
    open(path, "w").write("\n".join(text) + "\n")
    with pytest.raises(DataError, match="line 3"):
        read_ferplus_votes(path)


def test_ferplus_missing_column(tmp_path):
    path = tmp_path / "votes.csv"
    path.write_text("Usage,Image name,neutral,happiness\nTraining,a.png,1,2\n")
    with pytest.raises(DataError, match="line 1: missing column"):
        read_ferplus_votes(str(path))
