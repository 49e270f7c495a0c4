#!/usr/bin/env python3
"""Benchmark of the matching engine against three baselines, in one run.

Generates the benchmark (``generate.py``, seeded), ranks every demand against every
partner with rank_bm25 on whitespace words, bm25s on Kiwi morphemes, tag overlap and
the engine (plus two ablations of the engine), and prints nDCG@10 and Recall@10 overall
and per slice (plus a diagnostic group: demands in which the taxonomy finds no concept),
the time to rank all demands once the index is built (median of ``--repeat`` runs,
interleaved round by round so that every system shares the machine's conditions, with
the ratio to bm25s on Kiwi; the engine's time includes analysing the demands and writing
the reasons), and the assignment's total score against an independently solved exact
optimum and against greedy.

    python bench/matching/run.py [--seed 0] [--partners 500] [--demands 2000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
from baselines import BASELINES, document
from generate import PHRASES, SLICES, Benchmark, generate
from metrics import mean, ndcg, recall
from scipy.optimize import linprog
from scipy.sparse import coo_array, vstack

from aihub.matching.engine import Demand, Partner, PartnerIndex, Weights, rank
from aihub.matching.engine.assign import solve_exact, solve_greedy
from aihub.matching.engine.rank import top_columns
from aihub.matching.engine.text import analyse, analyse_many

TOP = 10
TARGET_OVERALL = 0.05
TARGET_CROSS = 0.10
TARGET_SECONDS = 2.0
TARGET_GAP = 0.001
MISS = "taxonomy miss"
ANALYSIS = "engine: analysing demands only"


def timed(run: Callable[[], Any]) -> tuple[Any, float]:
    """The result of ``run`` and its time in seconds."""
    started = time.perf_counter()
    result = run()
    return result, time.perf_counter() - started


def top_ids(scores: np.ndarray, ids: Sequence[str]) -> list[list[str]]:
    return [[ids[c] for c in top_columns(row, TOP)] for row in scores]


def demand_groups(bench: Benchmark) -> dict[str, list[str]]:
    """Demand ids overall, per slice, and of the diagnostic group of taxonomy misses
    (demands in whose title and text the engine finds no concept)."""
    groups = {"overall": [d["id"] for d in bench.demands], **bench.slices}
    analyses = analyse_many(document(d) for d in bench.demands)
    groups[MISS] = [d["id"] for d, a in zip(bench.demands, analyses, strict=True) if not a.concepts]
    return groups


def evaluate(
    ranked: list[list[str]], bench: Benchmark, groups: dict[str, list[str]]
) -> dict[str, tuple[float, float]]:
    """(nDCG@10, Recall@10) of each group of demands."""
    position = {d["id"]: n for n, d in enumerate(bench.demands)}
    result = {}
    for name, ids in groups.items():
        pairs = [(ranked[position[i]], bench.grades[i]) for i in ids]
        result[name] = (
            mean([ndcg(r, g) for r, g in pairs]),
            mean([recall(r, g) for r, g in pairs]),
        )
    return result


def reference_optimum(scores: np.ndarray, capacities: Sequence[int], per_demand: int) -> float:
    """The exact optimum over all positive pairs, one LP without pricing or candidates."""
    usable = (scores > 0) & (np.asarray(capacities) > 0)[np.newaxis, :]
    rows, columns = np.nonzero(usable)
    edges, ones = np.arange(len(rows)), np.ones(len(rows))
    matrix = vstack(
        [
            coo_array((ones, (rows, edges)), shape=(scores.shape[0], len(rows))),
            coo_array((ones, (columns, edges)), shape=(scores.shape[1], len(rows))),
        ]
    ).tocsr()
    limits = np.concatenate([np.full(scores.shape[0], per_demand), capacities]).astype(float)
    gains = scores[rows, columns].astype(np.float64)
    result = linprog(-gains, A_ub=matrix, b_ub=limits, bounds=(0, 1), method="highs")
    if result.status != 0:
        raise RuntimeError(result.message)
    return float(-result.fun)


def taxonomy_coverage() -> dict[str, float]:
    """Share of the phrase bank's topic phrasings in which the engine finds any concept."""
    bank = json.loads(PHRASES.read_text(encoding="utf-8"))
    shares = {}
    for language in ("ko", "en"):
        phrases = [p for topic in bank["topics"] for p in topic[language]]
        shares[language] = mean([1.0 if analyse(p).concepts else 0.0 for p in phrases])
    return shares


def print_table(title: str, rows: dict[str, dict[str, tuple[float, float]]], metric: int) -> None:
    columns = ["overall", *SLICES, MISS]
    print(f"\n{title}")
    print(f"| {'system':<30} | " + " | ".join(f"{c:>14}" for c in columns) + " |")
    print(f"|{'-' * 32}|" + "|".join("-" * 16 for _ in columns) + "|")
    for name, values in rows.items():
        cells = " | ".join(f"{values[c][metric]:>14.3f}" for c in columns)
        print(f"| {name:<30} | {cells} |")


def rank_all(bench: Benchmark, repeat: int) -> tuple[dict, dict[str, float], PartnerIndex]:
    """Rank with every system; timed runs are interleaved round by round, medians kept."""
    partners = [Partner(**p) for p in bench.partners]
    demands = [Demand(**d) for d in bench.demands]
    partner_ids = [p["id"] for p in bench.partners]
    groups = demand_groups(bench)
    runs: dict[str, Callable[[], Any]] = {}
    for baseline in BASELINES:
        model = baseline(bench.partners)
        runs[baseline.name] = lambda m=model: top_ids(m.score(bench.demands), partner_ids)
    index, build = timed(lambda: PartnerIndex(partners))

    def engine() -> list[list[str]]:
        return [[str(m.partner) for m in r.matches] for r in rank(demands, index, top=TOP)]

    runs["engine"] = engine
    texts = [d.document for d in demands]
    runs[ANALYSIS] = lambda: analyse_many(texts)
    times: dict[str, list[float]] = {name: [] for name in runs}
    ranked: dict[str, Any] = {}
    for _ in range(repeat):
        for name, run in runs.items():
            ranked[name], seconds = timed(run)
            times[name].append(seconds)
    results = {name: evaluate(ranked[name], bench, groups) for name in runs if name != ANALYSIS}
    for name, weights in (
        ("engine: BM25 on words+concepts", Weights(concepts=0.0, tags=0.0)),
        ("engine without tags", Weights(tags=0.0)),
    ):
        variant = PartnerIndex(partners, weights=weights)
        top = top_ids(variant.score(demands).total, partner_ids)
        results[name] = evaluate(top, bench, groups)
    results["engine"] = results.pop("engine")
    medians = {name: statistics.median(values) for name, values in times.items()}
    return results, {**medians, "engine index build (once)": build}, index


def report_ranking(results: dict, seconds: dict[str, float], bench: Benchmark) -> None:
    print_table("nDCG@10", results, 0)
    print_table("Recall@10 (grade 2-3)", results, 1)
    baselines = [b.name for b in BASELINES]
    best = {s: max(results[b][s][0] for b in baselines) for s in ("overall", "cross-language")}
    gain = {s: results["engine"][s][0] - best[s] for s in best}
    print(
        f"\nengine minus best baseline, nDCG@10: overall {gain['overall']:+.3f} "
        f"(target +{TARGET_OVERALL:.2f}), cross-language {gain['cross-language']:+.3f} "
        f"(target +{TARGET_CROSS:.2f})"
    )
    print(
        f"\ntime to rank {len(bench.demands)} demands x {len(bench.partners)} partners "
        "(median of interleaved runs; the engine's includes analysing the demands and "
        "writing the reasons):"
    )
    kiwi = seconds["bm25s (Kiwi)"]
    for name, value in seconds.items():
        print(f"  {name:<30} {value:7.3f} s  {value / kiwi:5.2f} x bm25s (Kiwi)")
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"  target for the engine: under {TARGET_SECONDS:.1f} s (load average {load})")


def report_assignment(index: PartnerIndex, bench: Benchmark, per_demand: int) -> None:
    demands = [Demand(**d) for d in bench.demands]
    table = index.score(demands)
    capacities = [p.capacity for p in index.partners]
    scores = table.total
    reference = reference_optimum(scores, capacities, per_demand)
    print(f"\nassignment, {per_demand} per demand, capacities total {sum(capacities)}:")
    print(
        f"  {'method':<34} {'total':>10} {'gap to optimum':>15} {'mean grade':>11} "
        f"{'demands served':>15} {'time':>8}"
    )
    ids = [p["id"] for p in bench.partners]
    for name, solve, candidates in (
        ("exact, all positive pairs", solve_exact, None),
        ("exact, top 20 per demand", solve_exact, 20),
        ("greedy, all positive pairs", solve_greedy, None),
    ):
        chosen, seconds = timed(lambda s=solve, c=candidates: s(scores, capacities, per_demand, c))
        total = float(sum(float(scores[r, c]) for r, c in chosen))
        grade = mean([bench.grades[bench.demands[r]["id"]].get(ids[c], 0) for r, c in chosen])
        gap = round((reference - total) / reference, 8) + 0.0
        served = len({row for row, _ in chosen})
        print(f"  {name:<34} {total:10.3f} {gap:15.4%} {grade:11.2f} {served:15d} {seconds:7.2f}s")
    print(f"  {'reference LP (independent solve)':<34} {reference:10.3f}")
    print(f"  target: within {TARGET_GAP:.1%} of the optimum")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--partners", type=int, default=500)
    parser.add_argument("--demands", type=int, default=2000)
    parser.add_argument("--per-demand", type=int, default=3)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    bench = generate(seed=args.seed, partners=args.partners, demands=args.demands)
    sizes = ", ".join(f"{name} {len(ids)}" for name, ids in bench.slices.items())
    print(f"seed {args.seed}: {len(bench.partners)} partners, {len(bench.demands)} demands")
    print(f"slices: {sizes}")
    coverage = taxonomy_coverage()
    print(
        "phrase bank topic phrasings in which the taxonomy finds a concept: "
        f"Korean {coverage['ko']:.0%}, English {coverage['en']:.0%}"
    )
    results, seconds, index = rank_all(bench, args.repeat)
    report_ranking(results, seconds, bench)
    report_assignment(index, bench, args.per_demand)


if __name__ == "__main__":
    sys.exit(main())
