#!/usr/bin/env python3
"""A deterministic bilingual benchmark for partner matching, built from ``phrases.json``.

Every partner has one main topic, sometimes a second one it mentions in passing, and the
sectors it has worked in; every demand has one topic and one sector. Texts are filled
from the phrase bank's templates with a randomly chosen phrasing of the topic, so a demand
and a relevant partner usually describe the same problem in different words, often in
different languages. Relevance grades:

    3  same topic, and the partner has worked in the demand's sector
    2  same topic
    1  the partner's second topic is the demand's topic, or its main topic is related
    0  anything else

Partners write Korean, English or both, except on topics the phrase bank reserves to one
language (foreign labs write English only, some domestic consultants Korean only).
Demands are Korean, English, or mixed (Korean sentences with English technical phrases).
Slices: ``korean``, ``english``, ``mixed`` (by the demand's language, disjoint),
``cross-language`` (a Korean or English demand whose grade 2-3 partners all write only
in the other language) and ``no tags`` (demands without tags).

    python bench/matching/generate.py [--seed 0] [--partners 500] [--demands 2000] --out DIR

writes ``partners.jsonl`` and ``demands.jsonl`` in the format of ``manage.py match``, and
``qrels.jsonl`` (``{"demand", "grades": {partner: grade}, "slices": [...]}``).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PHRASES = Path(__file__).resolve().parent / "phrases.json"
BUSINESS_TOPICS = frozenset({"patent", "tax", "fundraising", "global", "regulatory"})
SLICES = ("korean", "english", "mixed", "cross-language", "no tags")
_SLOT = re.compile(r"\{(\w+)(?:\|(\w))?\}")
_PARTICLES = {"을": ("을", "를"), "이": ("이", "가"), "은": ("은", "는"), "와": ("과", "와")}


def _has_final_consonant(word: str) -> bool:
    """Whether a Korean particle after ``word`` takes its after-consonant form."""
    last = word.rstrip(" )")[-1:]
    if "가" <= last <= "힣":
        return (ord(last) - ord("가")) % 28 != 0
    if last.isupper():
        return last in "LMNR"
    if last.isdigit():
        return last in "013678"
    return word.endswith(("l", "m", "n", "ng"))


def fill(template: str, slots: dict[str, str]) -> str:
    """``template`` with ``{name}`` and ``{name|을}`` (a particle that agrees) filled in."""

    def replace(match: re.Match[str]) -> str:
        value = slots[match.group(1)]
        if match.group(2) is None:
            return value
        after_consonant, after_vowel = _PARTICLES[match.group(2)]
        return value + (after_consonant if _has_final_consonant(value) else after_vowel)

    return _SLOT.sub(replace, template)


@dataclass
class Benchmark:
    partners: list[dict[str, Any]]
    demands: list[dict[str, Any]]
    grades: dict[str, dict[str, int]]
    slices: dict[str, list[str]]
    topics: dict[str, str] = field(default_factory=dict)


class _Writer:
    """Draws texts from the phrase bank with one seeded random generator."""

    def __init__(self, seed: int) -> None:
        self.bank = json.loads(PHRASES.read_text(encoding="utf-8"))
        self.rng = random.Random(seed)
        self.topics = {topic["key"]: topic for topic in self.bank["topics"]}
        self.related = {key: set(topic["related"]) for key, topic in self.topics.items()}
        for key, topic in self.topics.items():
            for other in topic["related"]:
                self.related[other].add(key)

    def pick(self, options: list[str]) -> str:
        return self.rng.choice(options)

    def sentence(self, kind: str, language: str, slots: dict[str, str]) -> str:
        return fill(self.pick(self.bank["templates"][kind][language]), slots)

    def sentences(self, kind: str, language: str, slots: dict[str, str], most: int) -> list[str]:
        """One to ``most`` different sentences of one kind."""
        templates = self.bank["templates"][kind][language]
        chosen = self.rng.sample(templates, k=self.rng.randint(1, min(most, len(templates))))
        return [fill(template, slots) for template in chosen]

    def phrase(self, topic: str, language: str, avoid: str = "") -> str:
        choices = [p for p in self.topics[topic][language] if p != avoid]
        return self.pick(choices)

    def sector(self, sector: str, language: str) -> str:
        return self.pick(self.bank["sectors"][sector][language])

    def other_topic(self, topic: str, related_share: float) -> str:
        related = sorted(self.related[topic])
        if related and self.rng.random() < related_share:
            return self.pick(related)
        return self.pick([key for key in self.topics if key != topic])

    def tags(self, topic: str, most: int) -> list[str]:
        tags = self.topics[topic]["tags"]
        return self.rng.sample(tags, k=min(len(tags), self.rng.randint(1, most)))


def _partner_text(w: _Writer, p: dict[str, Any], language: str) -> str:
    n = str(w.rng.randint(3, 25))
    main = w.phrase(p["topic"], language)
    slots = {
        "topic": main,
        "topic2": w.phrase(p["topic"], language, avoid=main),
        "inst": p["inst"],
        "lab": p["name"],
        "n": n,
        "detail": w.pick(w.topics[p["topic"]][f"details_{language}"]),
        "sector": w.sector(p["sectors"][0], language),
        "sector2": w.sector(p["sectors"][-1], language),
        "other": w.phrase(p["other"], language) if p["other"] else "",
    }
    intro = "consultant_intro" if p["topic"] in BUSINESS_TOPICS else "partner_intro"
    parts = [w.sentence(intro, language, slots), w.sentence("partner_detail", language, slots)]
    if p["other"]:
        parts.append(w.sentence("partner_other", language, slots))
    parts.append(w.sentence("partner_sector", language, slots))
    parts += w.sentences("partner_generic", language, slots, 2)
    return " ".join(parts)


def _partner(w: _Writer, number: int, topic: str) -> dict[str, Any]:
    forced = w.topics[topic]["partners"]
    language = forced if forced != "any" else w.rng.choices(["en", "ko", "both"], [4, 4, 2])[0]
    name_language = "en" if language == "en" else "ko"
    surname = w.pick(w.bank["names"][f"surnames_{name_language}"])
    inst = w.pick(w.bank["names"][f"institutions_{name_language}"])
    if topic in BUSINESS_TOPICS:
        name = f"{surname} Partners" if name_language == "en" else f"{surname}앤파트너스"
    else:
        name = f"{surname} Lab" if name_language == "en" else f"{surname} 교수 연구실"
    other = w.other_topic(topic, 0.6) if w.rng.random() < 0.5 else ""
    sectors = w.rng.sample(sorted(w.bank["sectors"]), k=w.rng.choice([1, 2, 2, 3]))
    p = {"topic": topic, "other": other, "sectors": sectors, "name": name, "inst": inst}
    languages = ["ko", "en"] if language == "both" else [language]
    text = "\n".join(_partner_text(w, p, lang) for lang in languages)
    tags = w.tags(topic, 3) if w.rng.random() < 0.85 else []
    if other and tags and w.rng.random() < 0.3:
        tags.append(w.pick(w.topics[other]["tags"]))
    capacity = w.rng.choices([0, 1, 2, 3, 5], [5, 30, 30, 20, 15])[0]
    record = {"id": f"p{number:04d}", "name": name, "text": text, "tags": tags}
    return {**record, "capacity": capacity, "_meta": {**p, "language": language}}


def _demand(w: _Writer, number: int) -> dict[str, Any]:
    topic = w.pick(sorted(w.topics))
    sector = w.pick(sorted(w.bank["sectors"]))
    language = w.rng.choices(["ko", "en", "mixed"], [45, 25, 30])[0]
    frame = "en" if language == "en" else "ko"
    technical = "ko" if language == "ko" else "en"
    other = w.other_topic(topic, 0.0) if w.rng.random() < 0.2 else ""
    slots = {
        "topic": w.phrase(topic, technical),
        "sector": w.sector(sector, frame),
        "n": str(w.rng.randint(3, 60)),
        "detail": w.pick(
            w.topics[topic][f"details_{technical if w.rng.random() < 0.5 else frame}"]
        ),
        "other": w.phrase(other, technical) if other else "",
    }
    title = w.sentence("demand_title", frame, {**slots, "topic": w.phrase(topic, technical)})
    parts = [w.sentence("demand_context", frame, slots), w.sentence("demand_problem", frame, slots)]
    if w.rng.random() < 0.7:
        parts.append(w.sentence("demand_detail", frame, slots))
    if other:
        parts.append(w.sentence("demand_other", frame, slots))
    parts += w.sentences("demand_generic", frame, slots, 2)
    tags = w.tags(topic, 2) if w.rng.random() < 0.6 else []
    record = {"id": f"d{number:04d}", "title": title, "text": " ".join(parts), "tags": tags}
    return {**record, "_meta": {"topic": topic, "sector": sector, "language": language}}


def _grade(w: _Writer, demand: dict[str, Any], partner: dict[str, Any]) -> int:
    if partner["topic"] == demand["topic"]:
        return 3 if demand["sector"] in partner["sectors"] else 2
    if partner["other"] == demand["topic"] or partner["topic"] in w.related[demand["topic"]]:
        return 1
    return 0


def generate(*, seed: int = 0, partners: int = 500, demands: int = 2000) -> Benchmark:
    """The benchmark for ``seed``: same arguments, same texts, grades and slices."""
    w = _Writer(seed)
    keys = sorted(w.topics)
    if partners < 5 * len(keys):
        raise ValueError(f"Use at least {5 * len(keys)} partners (five per topic).")
    weights = [w.rng.uniform(0.5, 1.5) for _ in keys]
    topics = [key for key in keys for _ in range(5)]
    topics += w.rng.choices(keys, weights, k=partners - len(topics))
    w.rng.shuffle(topics)
    partner_rows = [_partner(w, n + 1, topic) for n, topic in enumerate(topics)]
    demand_rows = [_demand(w, n + 1) for n in range(demands)]
    grades: dict[str, dict[str, int]] = {}
    slices: dict[str, list[str]] = {name: [] for name in SLICES}
    for d in demand_rows:
        meta = d["_meta"]
        found = {p["id"]: _grade(w, meta, p["_meta"]) for p in partner_rows}
        grades[d["id"]] = {pid: g for pid, g in found.items() if g > 0}
        language = meta["language"]
        slices[{"ko": "korean", "en": "english", "mixed": "mixed"}[language]].append(d["id"])
        best = [p["_meta"]["language"] for p in partner_rows if found[p["id"]] >= 2]
        if language in ("ko", "en") and all(lang not in (language, "both") for lang in best):
            slices["cross-language"].append(d["id"])
        if not d["tags"]:
            slices["no tags"].append(d["id"])
    return Benchmark(
        partners=[{k: v for k, v in p.items() if k != "_meta"} for p in partner_rows],
        demands=[{k: v for k, v in d.items() if k != "_meta"} for d in demand_rows],
        grades=grades,
        slices=slices,
        topics={d["id"]: d["_meta"]["topic"] for d in demand_rows},
    )


def write(bench: Benchmark, out: Path) -> None:
    """Write the benchmark as JSONL files under ``out``."""
    out.mkdir(parents=True, exist_ok=True)
    in_slices = {d: [name for name, ids in bench.slices.items() if d in ids] for d in bench.grades}
    files = {
        "partners.jsonl": bench.partners,
        "demands.jsonl": bench.demands,
        "qrels.jsonl": [
            {"demand": d, "grades": g, "slices": in_slices[d]} for d, g in bench.grades.items()
        ],
    }
    for name, rows in files.items():
        lines = (json.dumps(row, ensure_ascii=False) + "\n" for row in rows)
        (out / name).write_text("".join(lines), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--partners", type=int, default=500)
    parser.add_argument("--demands", type=int, default=2000)
    parser.add_argument("--out", type=Path, required=True)
    args = parser.parse_args()
    bench = generate(seed=args.seed, partners=args.partners, demands=args.demands)
    write(bench, args.out)
    sizes = ", ".join(f"{name} {len(ids)}" for name, ids in bench.slices.items())
    print(f"{len(bench.partners)} partners, {len(bench.demands)} demands ({sizes}) in {args.out}")


if __name__ == "__main__":
    main()
