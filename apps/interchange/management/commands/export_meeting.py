"""`manage.py export_meeting SERIES [-o FILE]`: one meeting, whole, as a JSON document."""

import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.interchange.selectors import meeting_document
from apps.meetings.models import Meeting


def render(document: dict) -> str:
    """The format's text: UTF-8 without escapes, indent 2, keys in the format's own order."""
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


class Command(BaseCommand):
    help = (
        "Write a meeting, with everything it holds, as one JSON document (the bwcmeet.meeting/1 "
        "format; see apps/interchange/schema/meeting.schema.json). Prints to stdout by default."
    )

    def add_arguments(self, parser):
        parser.add_argument("series", help="The meeting's symbol series, e.g. BWC/MSP/2020/MX.5.")
        parser.add_argument(
            "-o", "--output", metavar="FILE", help="Write to FILE (UTF-8) instead of stdout."
        )

    def handle(self, *args, **options):
        meeting = Meeting.objects.filter(series=options["series"]).first()
        if meeting is None:
            raise CommandError(f"No meeting has the series '{options['series']}'.")
        text = render(meeting_document(meeting=meeting))
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8", newline="\n")
            self.stderr.write(f"Wrote {meeting.series} to {options['output']}.")
            return
        stream = self.stdout._out
        if hasattr(stream, "buffer"):
            # A real stdout: write bytes, so the output is UTF-8 whatever the locale says.
            stream.flush()
            stream.buffer.write(text.encode("utf-8"))
            stream.buffer.flush()
        else:
            self.stdout.write(text, ending="")
