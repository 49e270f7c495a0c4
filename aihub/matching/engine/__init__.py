"""The matching engine, usable without Django.

    from aihub.matching.engine import Demand, Partner, PartnerIndex, assign, rank

    index = PartnerIndex(partners)             # analyse and index once
    rankings = rank(demands, index, top=10)    # best partners per demand, with reasons
    result = assign(demands, index, per_demand=3)  # capacity-aware, exact

Bad input raises :class:`MatchingInputError` (a ``ValueError``) with a message naming the
record and the field.
"""

from aihub.matching.engine.assign import Assignment, Pair, assign
from aihub.matching.engine.errors import MatchingInputError
from aihub.matching.engine.index import PartnerIndex, Weights
from aihub.matching.engine.rank import Match, Ranking, Reasons, rank
from aihub.matching.engine.records import MAX_TEXT_CHARS, Demand, Partner
from aihub.matching.engine.taxonomy import Taxonomy, default_taxonomy

__all__ = [
    "MAX_TEXT_CHARS",
    "Assignment",
    "Demand",
    "Match",
    "MatchingInputError",
    "Pair",
    "Partner",
    "PartnerIndex",
    "Ranking",
    "Reasons",
    "Taxonomy",
    "Weights",
    "assign",
    "default_taxonomy",
    "rank",
]
