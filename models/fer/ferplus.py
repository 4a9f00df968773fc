"""FER+ votes as training targets and as the truth the model card reports against (Barsoum et al., 2016).

FER+ asked ten annotators about every FER-2013 image. Over our seven emotions a row's votes become a
probability distribution ("probability label distribution" in the paper); contempt, unknown and
not-a-face votes are dropped, and a row with no vote left on the seven is dropped with them.
"""
from __future__ import annotations

import numpy as np

from . import EMOTIONS
from .data import FERPLUS_COLUMNS, FERPLUS_TO_FER

# FER+ column index for each of our seven outputs, in EMOTIONS order.
_COLUMN_OF_EMOTION = [FERPLUS_COLUMNS.index(next(k for k, v in FERPLUS_TO_FER.items() if v == i))
                      for i in range(len(EMOTIONS))]
# "Clear majority": at least this many of the ten annotators chose the same one of our seven.
CLEAR_VOTES = 6


def seven_votes(votes: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """The votes of `rows` on our seven emotions, float32 [N, 7] in EMOTIONS order."""
    return votes[rows][:, _COLUMN_OF_EMOTION].astype(np.float32)


def vote_distributions(votes: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(targets [M, 7] summing to 1, keep [N] bool): rows with no vote on the seven are not kept."""
    seven = seven_votes(votes, rows)
    totals = seven.sum(axis=1)
    keep = totals > 0
    return seven[keep] / totals[keep, None], keep


def majority_labels(votes: np.ndarray, rows: np.ndarray, min_votes: int = 1) -> np.ndarray:
    """The FER+ label of each row, or -1: the one emotion with the most votes (ties are no label), with at
    least `min_votes` votes (`CLEAR_VOTES` for the clear-majority faces)."""
    seven = seven_votes(votes, rows)
    top = seven.max(axis=1)
    unique = (seven == top[:, None]).sum(axis=1) == 1
    labels = seven.argmax(axis=1).astype(np.int64)
    labels[~unique | (top < max(1, min_votes))] = -1
    return labels
