"""The baselines the engine is compared with; each scores demands against partners.

- ``rank_bm25 (whitespace)``: BM25Okapi from the rank_bm25 package over lowercased,
  whitespace-separated words of the name/title and text.
- ``bm25s (Kiwi)``: bm25s over Kiwi morphemes (nouns, verb and adjective lemmas, roots,
  Latin words, numbers, Chinese characters; lowercased), no taxonomy.
- ``tag overlap``: Jaccard overlap of the lowercased tag strings, as written.

Every baseline returns a dense demands x partners score matrix; a zero means "not
proposed", as in the engine.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Protocol

import bm25s
import numpy as np
from rank_bm25 import BM25Okapi

from aihub.matching.engine.text import kiwi

logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s itself sets DEBUG on import

_KIWI_KEPT = ("NNG", "NNP", "NR", "VV", "VA", "XR", "SL", "SN", "SH")


class Baseline(Protocol):
    name: str

    def __init__(self, partners: Sequence[dict[str, Any]]) -> None: ...

    def score(self, demands: Sequence[dict[str, Any]]) -> np.ndarray: ...


def document(record: dict[str, Any]) -> str:
    head = record.get("name") or record.get("title") or ""
    return f"{head}\n{record['text']}" if head else record["text"]


def kiwi_tokens(texts: Sequence[str]) -> list[list[str]]:
    """Content morphemes of each text, lowercased, verbs and adjectives as lemmas."""
    return [
        [
            (m.lemma if m.tag.startswith(("VV", "VA")) else m.form).lower()
            for m in morphs
            if m.tag.startswith(_KIWI_KEPT)
        ]
        for morphs in kiwi().tokenize(list(texts))
    ]


class WhitespaceBM25:
    name = "rank_bm25 (whitespace)"

    def __init__(self, partners: Sequence[dict[str, Any]]) -> None:
        self.model = BM25Okapi([document(p).lower().split() for p in partners])
        self.size = len(partners)

    def score(self, demands: Sequence[dict[str, Any]]) -> np.ndarray:
        rows = [self.model.get_scores(document(d).lower().split()) for d in demands]
        return np.asarray(rows, dtype=np.float32).reshape(len(demands), self.size)


class KiwiBM25:
    name = "bm25s (Kiwi)"

    def __init__(self, partners: Sequence[dict[str, Any]]) -> None:
        self.model = bm25s.BM25()
        self.model.index(kiwi_tokens([document(p) for p in partners]), show_progress=False)
        self.size = len(partners)

    def score(self, demands: Sequence[dict[str, Any]]) -> np.ndarray:
        scores = np.zeros((len(demands), self.size), dtype=np.float32)
        vocabulary = self.model.vocab_dict
        for row, tokens in enumerate(kiwi_tokens([document(d) for d in demands])):
            ids = list(dict.fromkeys(vocabulary[t] for t in tokens if t in vocabulary))
            if ids:
                scores[row] = self.model.get_scores_from_ids(ids)
        return scores


class TagOverlap:
    name = "tag overlap"

    def __init__(self, partners: Sequence[dict[str, Any]]) -> None:
        self.tags = [{t.strip().lower() for t in p["tags"]} for p in partners]

    def score(self, demands: Sequence[dict[str, Any]]) -> np.ndarray:
        scores = np.zeros((len(demands), len(self.tags)), dtype=np.float32)
        for row, demand in enumerate(demands):
            wanted = {t.strip().lower() for t in demand["tags"]}
            if not wanted:
                continue
            for column, tags in enumerate(self.tags):
                shared = len(wanted & tags)
                if shared:
                    scores[row, column] = shared / len(wanted | tags)
        return scores


BASELINES: tuple[type[Baseline], ...] = (WhitespaceBM25, KiwiBM25, TagOverlap)
