"""Tokenisation of Korean, English and mixed text into comparable terms.

Korean goes through Kiwi's morphological analysis (one shared instance, created on first
use): nouns, roots and Chinese characters keep their form, verb and adjective stems their
dictionary form (``찾다``), a noun prefix or suffix is glued to its noun (``초거대``,
``경량화``). Latin letters and digits, in any text, are cut by a pattern, lowercased,
stripped of stop words (unless written in capitals, like ``OR`` or ``IT``) and stemmed
with the Snowball English stemmer; an all-capital plural loses its ``s`` (``LLMs`` →
``llm``). Both kinds of term land in one vocabulary,
in reading order, so a phrase may mix them (``AI 반도체``).

Text without Hangul never reaches Kiwi. Single Latin letters, particles, endings and
punctuation are dropped, so a text can yield no term at all.
"""

from __future__ import annotations

import re
import threading
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
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

ENGLISH_STOP_WORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been
    before being below between both but by can could did do does doing down during each
    etc few for from further had has have having he her here hers him his how i if in into
    is it its itself just let me more most my no nor not now of off on once only or other
    our ours out over own per same she should so some such than that the their theirs them
    then there these they this those through to too under until up us very via was we were
    what when where which while who whom why will with within without would you your yours
    looking look want wants need needs needed help like would could may might must shall
    currently new based using use used""".split()
)
KOREAN_STOP_WORDS = frozenset(
    """것 수 등 및 때 위 통하다 통해 경우 저희 우리 당사 귀사 하다 있다 없다 되다 같다 않다
    이다 보다 주다 싶다 관련 현재 이번 대하다 위하다""".split()
)

_kiwi: Kiwi | None = None
_kiwi_lock = threading.Lock()
_stemmer = Stemmer.Stemmer("english")
_stems: dict[str, str] = {}


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
    """The terms of one text in reading order, and the taxonomy concepts found in it."""

    tokens: tuple[Token, ...]
    concepts: Counter[str]

    @property
    def terms(self) -> list[str]:
        return [token.norm for token in self.tokens]

    def surface_of(self, norm: str) -> str:
        """How ``norm`` was first written in the text (``norm`` itself if absent)."""
        return next((t.surface for t in self.tokens if t.norm == norm), norm)


def english_norm(word: str) -> str | None:
    """The comparable form of one Latin word or number, or None for a stop word or letter."""
    if _ACRONYM_PLURAL.fullmatch(word):
        word = word[:-1]
    lower = word.lower()
    if len(lower) < 2 and not lower.isdigit():
        return None
    if lower in ENGLISH_STOP_WORDS and not word.isupper():
        return None
    stem = _stems.get(lower)
    if stem is None:
        stem = _stems[lower] = _stemmer.stemWord(lower)
    return stem


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
        if morph.tag == "XSN" and tokens and kept_end == morph.start:
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
    texts = list(texts)
    korean = [i for i, text in enumerate(texts) if _HANGUL.search(text)]
    morphs_of: dict[int, Sequence[KiwiToken]] = {}
    if korean:
        analysed = kiwi().tokenize([texts[i] for i in korean])
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
