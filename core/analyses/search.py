"""Where a result changes along one input: a k-ary search of many brackets at once.

A bracket is an input and two values the engine evaluated: ``inside``, with label ``label_in``,
and ``outside``, with another. Each round evaluates up to ``CANDIDATES`` values strictly between
the ends of every open bracket, all brackets in one ``probe`` call, and keeps the sub-bracket
from the last candidate that still has ``label_in`` to the first that does not, counting from
``inside``. A bracket closes when no value lies between its ends (adjacent floats, or adjacent
whole numbers for whole-number inputs) or when it is no wider than its tolerance. Both ends are
always values the engine evaluated; where the label changes once in a bracket, the ends are the
two values bisection reaches, in about 8 rounds instead of about 60.

Candidates are spaced evenly in the order of the float64 values (their bit patterns read as
integers): evenly in value within a binary order of magnitude, and adjacent floats are reached in
at most ``ceil(64 / log2(k + 1))`` rounds from any bracket.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

CANDIDATES = 255  # per bracket and round: 256 sub-brackets, 8 of the 64 bits resolved per round
ROWS_PER_ROUND = 4_096  # fewer candidates per bracket when many brackets are open...
FEWEST_CANDIDATES = 15  # ...but never fewer than this

Probe = Callable[[np.ndarray, np.ndarray], np.ndarray]  # (names, values), (N,) each -> (N,) labels
_TOP = np.uint64(1 << 63)
_TOP_SIGNED = np.int64(-(1 << 63))


def _keys(values: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """uint64 keys in the order of the values: whole numbers as themselves, floats by the total
    order of their bit patterns."""
    bits = values.astype(np.float64).view(np.int64)
    floats = np.where(bits < 0, ~bits, bits ^ _TOP_SIGNED).view(np.uint64)
    ints = np.where(whole, values, 0).astype(np.int64).view(np.uint64) ^ _TOP
    return np.where(whole, ints, floats)


def _values(keys: np.ndarray, whole: np.ndarray) -> np.ndarray:
    """The inverse of ``_keys``."""
    ints = (keys ^ _TOP).view(np.int64).astype(np.float64)
    signed = keys.view(np.int64)
    floats = np.where(signed < 0, signed ^ _TOP_SIGNED, ~signed).view(np.float64)
    return np.where(whole, ints, floats)


def _candidates(low: np.ndarray, high: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
    """(keys, valid), (B, k): up to k keys strictly between low and high, ascending, evenly
    spaced (every one of them where at most k lie between)."""
    interior = high - low - np.uint64(1)
    dense = interior <= np.uint64(k)
    step = np.where(dense, np.uint64(1), (high - low) // np.uint64(k + 1))
    j = np.arange(1, k + 1, dtype=np.uint64)
    valid = ~dense[:, None] | (j[None, :] <= interior[:, None])
    keys = np.where(valid, low[:, None] + j[None, :] * step[:, None], high[:, None])
    return keys, valid


def boundaries(
    probe: Probe,
    names: np.ndarray,
    inside: np.ndarray,
    outside: np.ndarray,
    label_in: np.ndarray,
    label_out: np.ndarray,
    *,
    whole: np.ndarray,
    tolerance: np.ndarray | float = 0.0,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Narrow every bracket to where its label stops being ``label_in``.

    Args: ``names`` (B,) inputs; ``inside`` and ``outside`` (B,) evaluated values with labels
    ``label_in`` and ``label_out`` (B,); ``whole`` (B,) True for a whole-number input;
    ``tolerance`` (B,) or scalar, the width at which a bracket may stop early.
    Returns (inside, outside, label at outside), (B,) each."""
    inside, outside = np.array(inside, dtype=float), np.array(outside, dtype=float)
    label_in, label_out = np.asarray(label_in), np.array(label_out)
    whole = np.broadcast_to(np.asarray(whole, dtype=bool), inside.shape)
    tolerance = np.broadcast_to(np.asarray(tolerance, dtype=float), inside.shape)
    key_in, key_out = _keys(inside, whole), _keys(outside, whole)
    while True:
        low, high = np.minimum(key_in, key_out), np.maximum(key_in, key_out)
        rows = np.flatnonzero((high - low > np.uint64(1)) & (np.abs(outside - inside) > tolerance))
        if not len(rows):
            return inside, outside, label_out
        k = max(FEWEST_CANDIDATES, min(CANDIDATES, ROWS_PER_ROUND // len(rows)))
        keys, valid = _candidates(low[rows], high[rows], k)
        values = _values(keys, whole[rows, None])
        labels = np.repeat(label_in[rows, None], k, axis=1)
        labels[valid] = probe(np.broadcast_to(names[rows, None], keys.shape)[valid], values[valid])
        new_in, new_out, changed = _sub_bracket(
            labels != label_in[rows, None], valid, key_in[rows] < key_out[rows]
        )
        r = np.arange(len(rows))
        moved_in = new_in >= 0
        key_in[rows[moved_in]] = keys[r, new_in][moved_in]
        inside[rows[moved_in]] = values[r, new_in][moved_in]
        key_out[rows[changed]] = keys[r, new_out][changed]
        outside[rows[changed]] = values[r, new_out][changed]
        label_out[rows[changed]] = labels[r, new_out][changed]


def _sub_bracket(differs: np.ndarray, valid: np.ndarray, ascending: np.ndarray):
    """Per row of candidates (ascending keys): the column of the new inside end (-1: unchanged),
    of the new outside end, and whether some candidate differs, counting from the inside end."""
    differs = differs & valid
    changed = differs.any(axis=1)
    count = valid.sum(axis=1)
    first = np.argmax(differs, axis=1)
    last = differs.shape[1] - 1 - np.argmax(differs[:, ::-1], axis=1)
    new_out = np.where(ascending, first, last)
    after = np.where(last + 1 < count, last + 1, -1)
    new_in = np.where(
        changed,
        np.where(ascending, first - 1, after),
        np.where(ascending, count - 1, 0),
    )
    return new_in, new_out, changed
