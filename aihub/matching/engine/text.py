"""Tokenisation of Korean, English and mixed text into comparable terms.

Korean goes through Kiwi's morphological analysis (one shared instance, created on first
use): nouns, roots and Chinese characters keep their form, verb and adjective stems their
dictionary form (``찾다``), a noun prefix and the suffix ``-화`` are glued to their noun
(``초거대``, ``경량화``, ``양자화``: quantisation is not ``양자``, quantum); other suffixes
are dropped (``반도체용`` → ``반도체``). Latin letters and digits, in any text, are cut
by a pattern, lowercased, stripped of stop words (unless written in capitals, like
``OR`` or ``IT``) and stemmed with the Snowball English stemmer; an all-capital plural
loses its ``s`` (``LLMs`` → ``llm``). Both kinds of term land in one vocabulary, in
reading order, so a phrase may mix them (``AI 반도체``).

Text is first brought to Unicode NFKC form (full-width Latin letters read as ASCII);
text without Hangul never reaches Kiwi. Single Latin letters, particles, endings and
punctuation are dropped, so a text can yield no term at all. Calls from several threads
are safe: Kiwi batches (which use Kiwi's own worker threads) and the stemmer, which is
not thread-safe, are taken one at a time.
"""

from __future__ import annotations

import json
import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import Stemmer
from kiwipiepy import Kiwi
from kiwipiepy import Token as KiwiToken

if TYPE_CHECKING:
    from aihub.matching.engine.taxonomy import Taxonomy

_HANGUL = re.compile("[\uac00-\ud7a3\u3131-\u318e]")
_LATIN = re.compile(r"[A-Za-z0-9]+")
_ACRONYM_PLURAL = re.compile(r"[A-Z][A-Za-z]*[A-Z]s")
_KEPT_KOREAN = ("NNG", "NNP", "XR", "SH", "VV", "VA")
_VERBAL = ("VV", "VA")
_GLUED_SUFFIXES = frozenset({"화"})

_STOP_WORDS = json.loads((Path(__file__).parent / "data" / "stopwords.json").read_text("utf-8"))
ENGLISH_STOP_WORDS = frozenset(_STOP_WORDS["en"])
KOREAN_STOP_WORDS = frozenset(_STOP_WORDS["ko"])

_kiwi: Kiwi | None = None
_kiwi_lock = threading.Lock()
_analysis_lock = threading.Lock()
_stemmer = Stemmer.Stemmer("english")
_stemmer_lock = threading.Lock()


def kiwi() -> Kiwi:
    """The shared Kiwi analyser, loaded on first use (about a second) from kiwipiepy_model."""
    global _kiwi
    if _kiwi is None:
        with _kiwi_lock:
            if _kiwi is None:
                _kiwi = Kiwi(load_typo_dict=False, load_multi_dict=False)
    return _kiwi


@dataclass(frozen=True, slots=True)
class Token:
    """One term: ``norm`` is compared and indexed, ``surface`` is shown to people."""

    norm: str
    surface: str
    start: int


@dataclass(frozen=True, slots=True)
class Analysis:
    """The terms of one text in reading order, and the taxonomy concepts found in it.

    ``surfaces`` maps each term to how it was first written in the text.
    """

    tokens: tuple[Token, ...]
    concepts: Counter[str]
    terms: tuple[str, ...] = field(init=False)
    surfaces: dict[str, str] = field(init=False)

    def __post_init__(self) -> None:
        surfaces: dict[str, str] = {}
        for token in self.tokens:
            surfaces.setdefault(token.norm, token.surface)
        object.__setattr__(self, "terms", tuple(token.norm for token in self.tokens))
        object.__setattr__(self, "surfaces", surfaces)


@lru_cache(maxsize=1 << 16)
def english_norm(word: str) -> str | None:
    """The comparable form of one Latin word or number, or None for a stop word or letter."""
    if _ACRONYM_PLURAL.fullmatch(word):
        word = word[:-1]
    lower = word.lower()
    if len(lower) < 2 and not lower.isdigit():
        return None
    if lower in ENGLISH_STOP_WORDS and not word.isupper():
        return None
    with _stemmer_lock:
        return _stemmer.stemWord(lower)


def _latin_tokens(text: str) -> list[Token]:
    tokens = []
    for match in _LATIN.finditer(text):
        word = match.group()
        norm = english_norm(word)
        if norm is not None:
            surface = word[:-1] if _ACRONYM_PLURAL.fullmatch(word) else word
            tokens.append(Token(norm, surface, match.start()))
    return tokens


def _korean_tokens(text: str, morphs: Sequence[KiwiToken]) -> list[Token]:
    tokens: list[Token] = []
    prefix: KiwiToken | None = None
    kept_end = -1
    for morph in morphs:
        end = morph.start + morph.len
        if morph.tag == "XPN":
            prefix = morph
            continue
        if morph.tag == "XSN" and morph.form in _GLUED_SUFFIXES and kept_end == morph.start:
            last = tokens[-1]
            tokens[-1] = Token(last.norm + morph.form, text[last.start : end], last.start)
            kept_end = end
            continue
        if morph.tag.startswith(_KEPT_KOREAN) and _HANGUL.search(morph.form):
            verbal = morph.tag.startswith(_VERBAL)
            norm, first = (morph.lemma if verbal else morph.form), morph.start
            if prefix is not None and prefix.start + prefix.len == morph.start and not verbal:
                norm, first = prefix.form + norm, prefix.start
            if norm not in KOREAN_STOP_WORDS:
                tokens.append(Token(norm, norm if verbal else text[first:end], first))
                kept_end = end
        prefix = None
    return tokens


def tokenize_many(texts: Iterable[str]) -> list[list[Token]]:
    """The tokens of each text, in order; texts with Hangul are analysed in one Kiwi batch."""
    texts = [unicodedata.normalize("NFKC", text) for text in texts]
    korean = [i for i, text in enumerate(texts) if _HANGUL.search(text)]
    morphs_of: dict[int, Sequence[KiwiToken]] = {}
    if korean:
        analyser = kiwi()
        with _analysis_lock:
            analysed = list(analyser.tokenize([texts[i] for i in korean]))
        morphs_of = dict(zip(korean, analysed, strict=True))
    result = []
    for i, text in enumerate(texts):
        tokens = _latin_tokens(text)
        if i in morphs_of:
            tokens.extend(_korean_tokens(text, morphs_of[i]))
            tokens.sort(key=lambda token: token.start)
        result.append(tokens)
    return result


def tokenize(text: str) -> list[Token]:
    """The tokens of one text, in reading order."""
    return tokenize_many([text])[0]


def analyse_many(texts: Iterable[str], taxonomy: Taxonomy | None = None) -> list[Analysis]:
    """Tokens and taxonomy concepts of each text (the bundled taxonomy when none is given)."""
    if taxonomy is None:
        from aihub.matching.engine.taxonomy import default_taxonomy

        taxonomy = default_taxonomy()
    return [
        Analysis(tuple(tokens), taxonomy.find_concepts(tokens)) for tokens in tokenize_many(texts)
    ]


def analyse(text: str, taxonomy: Taxonomy | None = None) -> Analysis:
    """Tokens and taxonomy concepts of one text."""
    return analyse_many([text], taxonomy)[0]
