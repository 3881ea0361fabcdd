import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.meetings.models import Meeting

from .test_export import SERIES, build_meeting, export_text, flush

pytestmark = pytest.mark.django_db


def test_export_meeting_prints_the_document_to_stdout():
    build_meeting()
    out = io.StringIO()

    call_command("export_meeting", SERIES, stdout=out)

    assert out.getvalue() == export_text()
    assert out.getvalue().startswith('{\n  "format": "bwcmeet.meeting/1",\n  "series": ')
    assert "加强《公约》体制问题专家会议" in out.getvalue()  # UTF-8, not \\u escapes


def test_export_meeting_writes_a_file(tmp_path):
    build_meeting()
    target = tmp_path / "mx5.json"
    out = io.StringIO()

    call_command("export_meeting", SERIES, "-o", str(target), stdout=out)

    assert target.read_bytes() == export_text().encode("utf-8")
    assert out.getvalue() == ""


def test_export_meeting_unknown_series_raises():
    with pytest.raises(CommandError) as raised:
        call_command("export_meeting", "BWC/MSP/1999/MX.9")

    assert str(raised.value) == "No meeting has the series 'BWC/MSP/1999/MX.9'."


def test_import_meeting_reads_a_file(tmp_path):
    build_meeting()
    source = tmp_path / "mx5.json"
    call_command("export_meeting", SERIES, "-o", str(source))
    flush()
    out = io.StringIO()

    call_command("import_meeting", str(source), stdout=out)

    assert out.getvalue() == f"Imported {SERIES}.\n"
    assert export_text() == source.read_text(encoding="utf-8")


def test_import_meeting_reads_stdin(monkeypatch):
    build_meeting()
    text = export_text()
    flush()
    monkeypatch.setattr(sys, "stdin", io.StringIO(text))

    call_command("import_meeting", "-", stdout=io.StringIO())

    assert export_text() == text


def test_import_meeting_bad_file_names_the_path(tmp_path):
    build_meeting()
    data = json.loads(export_text())
    flush()
    data["participation"]["states_parties"]["entries"][0]["iso3"] = "XYZ"
    data["participation"]["states_parties"]["entries"][0]["code"] = "XYZ"
    source = tmp_path / "bad.json"
    source.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        call_command("import_meeting", str(source))

    assert str(raised.value) == (
        f"{source}: nothing imported.\n"
        "participation.states_parties.entries[0].iso3: unknown State 'XYZ'"
    )
    assert Meeting.objects.count() == 0


def test_import_meeting_existing_series_needs_replace(tmp_path):
    build_meeting()
    source = tmp_path / "mx5.json"
    call_command("export_meeting", SERIES, "-o", str(source))

    with pytest.raises(CommandError) as raised:
        call_command("import_meeting", str(source))
    call_command("import_meeting", str(source), "--replace", stdout=io.StringIO())

    assert str(raised.value) == (
        f"{source}: nothing imported.\n"
        f"series: meeting '{SERIES}' already exists; import with replace to overwrite it"
    )
    assert export_text() == source.read_text(encoding="utf-8")


def test_import_meeting_not_json_raises(tmp_path):
    source = tmp_path / "broken.json"
    source.write_text('{"format": ', encoding="utf-8")

    with pytest.raises(CommandError) as raised:
        call_command("import_meeting", str(source))

    assert str(raised.value) == (f"{source}: not JSON (line 1, column 12: Expecting value)")


def test_import_meeting_missing_file_raises(tmp_path):
    with pytest.raises(CommandError) as raised:
        call_command("import_meeting", str(tmp_path / "absent.json"))

    assert (
        str(raised.value)
        == f"{tmp_path / 'absent.json'}: cannot read it (No such file or directory)."
    )


def test_import_meeting_exits_non_zero_on_a_bad_file(tmp_path):
    # The schema is checked before the database is touched, so a real process can run it.
    source = tmp_path / "bad.json"
    source.write_text(json.dumps({"format": "bwcmeet.meeting/1", "series": 5}), encoding="utf-8")
    env = {**os.environ, "SECRET_KEY": os.environ.get("SECRET_KEY", "tests-only-not-a-secret")}

    result = subprocess.run(  # noqa: S603 -- our own manage.py, with arguments we wrote
        [sys.executable, "manage.py", "import_meeting", str(source)],
        cwd=Path(settings.BASE_DIR),
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )

    assert result.returncode == 1
    assert result.stderr.splitlines()[:3] == [
        f"CommandError: {source}: nothing imported.",
        "agenda: required key is missing",
        "chair: required key is missing",
    ]
