import copy
import json
import re

import pytest

from aihub.events.scheduling import (
    Instance,
    InstanceError,
    Interest,
    Meeting,
    Person,
    load_instance,
    parse_instance,
)
from aihub.events.tests.instances import small_day


def test_parse_instance_reads_every_field():
    data = small_day()
    data["pinned"] = [{"investor": "kakao", "startup": "alpha", "slot": 0}]
    data["forbidden"] = [{"investor": "naver", "startup": "alpha"}]
    instance = parse_instance(data)
    assert instance.slots == 3
    assert instance.tables == 2
    assert instance.investors[1] == Person("naver", frozenset({1, 2}), 2, 1)
    assert instance.interests[0] == Interest("kakao", "alpha", 5, 4)
    assert instance.blocked == frozenset({("naver", "beta")})
    assert instance.pinned == (Meeting("kakao", "alpha", 0),)
    assert instance.forbidden == frozenset({("naver", "alpha")})


def test_can_meet_needs_positive_scores_and_no_refusal():
    instance = parse_instance(small_day())
    assert instance.can_meet("kakao", "alpha") is True
    assert instance.can_meet("naver", "beta") is False  # refused
    assert instance.can_meet("naver", "gamma") is False  # 0 + 0
    assert instance.can_meet("kakao", "gamma") is True  # 1 + 0


def test_parse_instance_accepts_whole_number_ids():
    data = {
        "slots": 1,
        "tables": 1,
        "investors": [{"id": 7, "available": [0], "max_meetings": 1}],
        "startups": [{"id": 7, "available": [0], "max_meetings": 1}],
        "interest": [{"investor": 7, "startup": 7, "investor_score": 1, "startup_score": 0}],
    }
    assert parse_instance(data).score(7, 7) == 1


def _set(path, value):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def _drop(path):
    def change(data):
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


BAD_INPUT = [
    (
        "unknown investor",
        _set(("interest", 0, "investor"), "ghost"),
        "interest[0]: unknown investor 'ghost'.",
    ),
    (
        "unknown startup",
        _set(("interest", 1, "startup"), "ghost"),
        "interest[1]: unknown startup 'ghost'.",
    ),
    (
        "slot outside",
        _set(("investors", 0, "available"), [0, 3]),
        "investor 'kakao': slot 3 is outside the slot range 0..2.",
    ),
    (
        "negative slot",
        _set(("startups", 2, "available"), [-1]),
        "startup 'gamma': slot -1 is outside the slot range 0..2.",
    ),
    (
        "negative maximum",
        _set(("startups", 0, "max_meetings"), -1),
        "startup 'alpha': max_meetings is negative (-1).",
    ),
    (
        "minimum above maximum",
        _set(("investors", 1, "min_meetings"), 3),
        "investor 'naver': min_meetings (3) is above max_meetings (2).",
    ),
    (
        "score above 5",
        _set(("interest", 0, "investor_score"), 6),
        "interest[0]: investor_score 6 is outside 0..5.",
    ),
    (
        "negative score",
        _set(("interest", 2, "startup_score"), -1),
        "interest[2]: startup_score -1 is outside 0..5.",
    ),
    ("duplicate investor", _set(("investors", 1, "id"), "kakao"), "Duplicate investor id 'kakao'."),
    ("duplicate startup", _set(("startups", 2, "id"), "beta"), "Duplicate startup id 'beta'."),
    (
        "pair twice",
        _set(("interest", 1, "startup"), "alpha"),
        "interest[1]: the pair investor 'kakao', startup 'alpha' is scored twice.",
    ),
    ("no investors", _set(("investors",), []), "Empty instance: there are no investors."),
    ("no startups", _set(("startups",), []), "Empty instance: there are no startups."),
    ("no slots", _set(("slots",), 0), "Empty instance: slots is 0, it must be at least 1."),
    ("no tables", _set(("tables",), 0), "tables is 0, it must be at least 1."),
    ("slots as text", _set(("slots",), "3"), 'slots must be a whole number, got text "3".'),
    (
        "decimal maximum",
        _set(("investors", 0, "max_meetings"), 1.5),
        "investors[0].max_meetings must be a whole number, got a decimal number 1.5.",
    ),
    (
        "score as boolean",
        _set(("interest", 0, "startup_score"), True),
        "interest[0].startup_score must be a whole number, got true/false true.",
    ),
    (
        "availability not a list",
        _set(("investors", 0, "available"), "0,1"),
        'investors[0].available must be a list, got text "0,1".',
    ),
    ("id missing", _drop(("startups", 0, "id")), "startups[0] has no 'id'."),
    (
        "id empty",
        _set(("startups", 0, "id"), ""),
        'startups[0].id must be a non-empty text or a whole number, got text "".',
    ),
    (
        "entry not an object",
        _set(("interest", 0), 5),
        "interest[0] must be an object, got a whole number 5.",
    ),
    ("section not a list", _set(("blocked",), {}), "blocked must be a list, got an object {}."),
    ("missing section", _drop(("tables",)), "The instance has no 'tables'."),
    (
        "misspelt section",
        _set(("forbiden",), []),
        "Unknown key 'forbiden' in the instance (allowed: slots, tables, investors, startups, "
        "interest, blocked, pinned, forbidden).",
    ),
    (
        "blocked unknown",
        _set(("blocked", 0, "startup"), "ghost"),
        "blocked: unknown startup 'ghost'.",
    ),
]


@pytest.mark.parametrize(
    ("change", "message"), [c[1:] for c in BAD_INPUT], ids=[c[0] for c in BAD_INPUT]
)
def test_parse_instance_refuses_bad_input(change, message):
    data = copy.deepcopy(small_day())
    change(data)
    with pytest.raises(InstanceError, match=re.escape(message)):
        parse_instance(data)


def test_parse_instance_refuses_non_object():
    with pytest.raises(InstanceError, match=re.escape("must be a JSON object, got a list [1]")):
        parse_instance([1])


PINNED = [
    (
        {"investor": "naver", "startup": "alpha", "slot": 0},
        "pinned[0]: investor 'naver' is not available in slot 0.",
    ),
    (
        {"investor": "naver", "startup": "beta", "slot": 1},
        "pinned[0]: investor 'naver' and startup 'beta' may not meet",
    ),
    (
        {"investor": "kakao", "startup": "alpha", "slot": 5},
        "pinned[0]: slot 5 is outside the slot range 0..2.",
    ),
]


@pytest.mark.parametrize(("pin", "message"), PINNED)
def test_parse_instance_refuses_pins_that_break_a_rule(pin, message):
    data = small_day()
    data["pinned"] = [pin]
    with pytest.raises(InstanceError, match=re.escape(message)):
        parse_instance(data)


def test_parse_instance_refuses_pins_beyond_the_tables():
    data = small_day()
    data["tables"] = 1
    data["pinned"] = [
        {"investor": "kakao", "startup": "alpha", "slot": 1},
        {"investor": "naver", "startup": "gamma", "slot": 1},
    ]
    data["interest"][4]["investor_score"] = 1
    data["startups"][2]["available"] = [1]
    with pytest.raises(
        InstanceError, match=re.escape("slot 1 has more pinned meetings than tables")
    ):
        parse_instance(data)


def test_instance_built_in_code_is_validated_too():
    with pytest.raises(InstanceError, match=re.escape("interest[0]: unknown startup 'x'.")):
        Instance(
            slots=1,
            tables=1,
            investors=(Person("a", frozenset({0}), 1),),
            startups=(Person("b", frozenset({0}), 1),),
            interests=(Interest("a", "x", 1, 1),),
            blocked=frozenset(),
        )


def test_load_instance_names_line_and_column_of_malformed_json(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text('{\n  "slots": 3,\n  "tables": ,\n}\n', encoding="utf-8")
    with pytest.raises(
        InstanceError, match=r"is not valid JSON: Expecting value at line 3, column 13"
    ):
        load_instance(path)


def test_load_instance_reports_a_missing_file(tmp_path):
    with pytest.raises(InstanceError, match="Cannot read"):
        load_instance(tmp_path / "missing.json")


def test_load_instance_reads_a_valid_file(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text(json.dumps(small_day()), encoding="utf-8")
    assert load_instance(path) == parse_instance(small_day())
