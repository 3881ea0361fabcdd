"""`manage.py import_meeting FILE [--replace]`: load a meeting exported by `export_meeting`."""

import json
import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.interchange.errors import InterchangeError
from apps.interchange.services import import_meeting_document


class Command(BaseCommand):
    help = (
        "Import one meeting from a JSON document in the bwcmeet.meeting/1 format ('-' reads "
        "stdin). Validated first; all or nothing: on any error nothing is written and the "
        "error names the JSON path of the bad value."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The JSON document, or '-' for stdin.")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="If the meeting's series exists, replace its fields and content.",
        )

    def handle(self, *args, **options):
        name = options["file"]
        text = self._read(name)
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise CommandError(
                f"{name}: not JSON (line {exc.lineno}, column {exc.colno}: {exc.msg})"
            ) from exc
        try:
            meeting = import_meeting_document(data=data, replace=options["replace"])
        except InterchangeError as exc:
            raise CommandError(f"{name}: nothing imported.\n{exc.message}") from exc
        self.stdout.write(self.style.SUCCESS(f"Imported {meeting.series}."))

    def _read(self, name):
        try:
            if name == "-":
                stdin = sys.stdin
                raw = stdin.buffer.read() if hasattr(stdin, "buffer") else stdin.read().encode()
            else:
                raw = Path(name).read_bytes()
        except OSError as exc:
            raise CommandError(f"{name}: cannot read it ({exc.strerror or exc}).") from exc
        try:
            return raw.decode("utf-8-sig")  # tolerate the byte-order mark some editors add
        except UnicodeDecodeError as exc:
            raise CommandError(f"{name}: not UTF-8 ({exc.reason} at byte {exc.start}).") from exc
