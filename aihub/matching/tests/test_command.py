import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

PARTNERS = [
    {
        "id": "mila",
        "name": "Mila",
        "text": "Fine-tuning large language models (LLM).",
        "tags": ["NLP"],
        "capacity": 1,
    },
    {"id": 2, "name": "음성 연구실", "text": "음성인식 연구", "tags": ["ASR"], "capacity": 2},
    {"id": "zero", "name": "Busy lab", "text": "Language models and LLM agents", "capacity": 0},
]
DEMANDS = [
    {"id": "d1", "title": "LLM", "text": "대규모 언어모델 파인튜닝", "tags": ["LLM"]},
    {"id": "d2", "title": "", "text": "회의록 받아쓰기용 STT"},
    {"id": "d3", "text": "???"},
]


def jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), "utf-8")
    return path


def read(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines()]


@pytest.fixture
def files(tmp_path) -> tuple[Path, Path]:
    return jsonl(tmp_path / "p.jsonl", PARTNERS), jsonl(tmp_path / "d.jsonl", DEMANDS)


def run(*args: str) -> str:
    out, err = StringIO(), StringIO()
    call_command("match", *args, stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_match_rank_round_trip(files, tmp_path):
    partners, demands = files
    out = tmp_path / "r.jsonl"
    paths = ("--partners", str(partners), "--demands", str(demands), "--out", str(out))
    run("rank", *paths, "--top", "2")
    rows = read(out)
    assert [row["demand"] for row in rows] == ["d1", "d2", "d3"]
    assert rows[0]["ranked"][0]["partner"] == "mila"
    assert [r["partner"] for r in rows[1]["ranked"]] == [2]
    assert rows[2]["ranked"] == []
    first = rows[0]["ranked"][0]
    assert isinstance(first["score"], float)
    assert "llm" in [c["id"] for c in first["reasons"]["concepts"]]


def test_match_assign_round_trip(files, tmp_path):
    partners, demands = files
    out = tmp_path / "a.jsonl"
    report = run(
        "assign", "--partners", str(partners), "--demands", str(demands),
        "--per-demand", "3", "--out", str(out),
    )  # fmt: skip
    pairs = [(row["demand"], row["partner"]) for row in read(out)]
    assert pairs == [("d1", "mila"), ("d2", 2)]
    assert 'No candidate partner for 1 demands: "d3".' in report


def test_match_rank_writes_to_standard_output_without_out(files):
    partners, demands = files
    output = run("rank", "--partners", str(partners), "--demands", str(demands))
    assert [json.loads(line)["demand"] for line in output.splitlines()] == ["d1", "d2", "d3"]


def test_match_malformed_line_names_file_and_line_and_writes_nothing(files, tmp_path):
    partners, demands = files
    demands.write_text(demands.read_text("utf-8") + '{"id": "d4", "text": \n', "utf-8")
    out = tmp_path / "r.jsonl"
    with pytest.raises(CommandError, match=rf"{re.escape(str(demands))}, line 4: not valid JSON"):
        run("rank", "--partners", str(partners), "--demands", str(demands), "--out", str(out))
    assert sorted(tmp_path.iterdir()) == sorted([partners, demands])


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ('["a list"]', "expected a JSON object, not list"),
        ('{"id": "x"}', 'needs "id" and "text"'),
        ('{"id": "x", "text": "  "}', "demand 'x': text is empty"),
        ('{"id": "x", "text": "t", "tags": ["nope"]}', "unknown tag 'nope'"),
        ('{"id": "d1", "text": "again"}', "id 'd1' was already used on line 1"),
    ],
)
def test_match_bad_demand_line_names_the_line(files, line, message):
    partners, demands = files
    demands.write_text(demands.read_text("utf-8") + line + "\n", "utf-8")
    with pytest.raises(CommandError, match=rf"line 4: .*{message}"):
        run("rank", "--partners", str(partners), "--demands", str(demands))


def test_match_negative_capacity_names_the_line(files):
    partners, demands = files
    jsonl(partners, [*PARTNERS, {"id": "n", "text": "lab", "capacity": -1}])
    with pytest.raises(CommandError, match=r"p\.jsonl, line 4: partner 'n': capacity must be 0"):
        run("assign", "--partners", str(partners), "--demands", str(demands))


def test_match_missing_file_refused(files, tmp_path):
    partners, _ = files
    with pytest.raises(CommandError, match="Cannot read"):
        run("rank", "--partners", str(partners), "--demands", str(tmp_path / "missing.jsonl"))


def test_match_blank_lines_skipped_and_line_numbers_kept(files):
    partners, demands = files
    demands.write_text("\n" + demands.read_text("utf-8") + "\n{bad\n", "utf-8")
    with pytest.raises(CommandError, match="line 6: not valid JSON"):
        run("rank", "--partners", str(partners), "--demands", str(demands))


def test_match_null_optional_fields_read_as_empty(files):
    partners, demands = files
    jsonl(demands, [{"id": "n", "title": None, "text": "LLM 파인튜닝", "tags": None}])
    output = run("rank", "--partners", str(partners), "--demands", str(demands), "--top", "1")
    assert json.loads(output)["ranked"][0]["partner"] == "mila"
