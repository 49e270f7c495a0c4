import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from aihub.events.scheduling import Meeting, check, parse_instance
from aihub.events.tests.instances import small_day

ROOT = Path(__file__).resolve().parents[3]


def write(path, data):
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_demoday_schedule_writes_a_valid_schedule(tmp_path):
    source = write(tmp_path / "instance.json", small_day())
    target = tmp_path / "schedule.json"
    out = StringIO()
    call_command("demoday_schedule", input=str(source), output=str(target), stdout=out)
    written = json.loads(target.read_text(encoding="utf-8"))
    assert list(written) == [
        "meetings",
        "objective",
        "upper_bound",
        "covered_startups",
        "total_score",
        "gap",
    ]
    meetings = [Meeting(**m) for m in written["meetings"]]
    assert check(parse_instance(small_day()), meetings) == []
    assert written["covered_startups"] == 3
    assert written["objective"] == written["upper_bound"]
    assert written["gap"] == 0
    assert "3 of 3 startups covered" in out.getvalue()


def test_demoday_schedule_takes_a_time_limit(tmp_path):
    source = write(tmp_path / "instance.json", small_day())
    target = tmp_path / "schedule.json"
    call_command(
        "demoday_schedule", "--input", str(source), "--output", str(target), "--time-limit", "5"
    )
    assert json.loads(target.read_text(encoding="utf-8"))["covered_startups"] == 3


def _broken(tmp_path):
    bad = small_day()
    bad["interest"][0]["investor"] = "ghost"
    return write(tmp_path / "instance.json", bad)


def _malformed(tmp_path):
    path = tmp_path / "instance.json"
    path.write_text('{"slots": 3,,}', encoding="utf-8")
    return path


def _missing(tmp_path):
    return tmp_path / "nowhere.json"


BAD = [
    ("unknown id", _broken, "interest[0]: unknown investor 'ghost'."),
    (
        "malformed file",
        _malformed,
        "is not valid JSON: Expecting property name enclosed in double quotes at line 1, "
        "column 13.",
    ),
    ("missing file", _missing, "Cannot read"),
]


@pytest.mark.parametrize(("make", "message"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_demoday_schedule_refuses_bad_input_without_writing(tmp_path, make, message):
    source = make(tmp_path)
    target = tmp_path / "schedule.json"
    with pytest.raises(CommandError) as caught:
        call_command("demoday_schedule", input=str(source), output=str(target))
    assert message in str(caught.value)
    assert not target.exists()


def test_demoday_schedule_refuses_a_non_positive_time_limit(tmp_path):
    source = write(tmp_path / "instance.json", small_day())
    with pytest.raises(CommandError, match="--time-limit must be a positive number"):
        call_command(
            "demoday_schedule", input=str(source), output=str(tmp_path / "s.json"), time_limit=0
        )


def test_demoday_schedule_refuses_a_missing_output_folder(tmp_path):
    source = write(tmp_path / "instance.json", small_day())
    with pytest.raises(CommandError, match="does not exist"):
        call_command("demoday_schedule", input=str(source), output=str(tmp_path / "no" / "s.json"))


def test_demoday_schedule_exits_non_zero_without_traceback(tmp_path):
    source = _broken(tmp_path)
    target = tmp_path / "schedule.json"
    finished = subprocess.run(  # noqa: S603 (runs this project's manage.py with fixed arguments)
        [
            sys.executable,
            "manage.py",
            "demoday_schedule",
            "--input",
            str(source),
            "--output",
            str(target),
        ],
        cwd=ROOT,
        env=os.environ.copy(),
        capture_output=True,
        text=True,
        check=False,
    )
    assert finished.returncode == 1
    assert finished.stderr.strip() == "CommandError: interest[0]: unknown investor 'ghost'."
    assert not target.exists()
