"""`draft_report SERIES --lang en|zh --format docx|pdf|html|txt -o FILE [--kind K] [--strict]`.

Builds the draft in this process through the same services as the API and the worker
(`request_draft`, then `build_draft`), so the draft is recorded like any other and asking
twice for the same data and template gives the same draft. A bar on stderr shows the stages.
"""

import shutil
import sys
import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from apps.meetings.models import Meeting
from apps.reports import services
from apps.reports.enums import DRAFT_LANGUAGES, DraftFormat, DraftStatus, ReportKind

# The bar's stages, in order, keyed by the draft's status.
STAGES = (
    ("checking", "Checking the data and the registry"),
    (DraftStatus.BUILDING, "Building the report from the data and the template"),
    (DraftStatus.RENDERING, "Writing the file"),
    (DraftStatus.DONE, "Done"),
)
BAR_WIDTH = 24


class ProgressBar:
    """`[######------------------] 2/4 Building the report ...` on one stderr line.

    `stream` is the command's `OutputWrapper` (its `write` takes `ending`)."""

    def __init__(self, stream, *, enabled: bool) -> None:
        self.stream = stream
        self.enabled = enabled
        self.started = time.perf_counter()
        self.interactive = enabled and stream.isatty()

    def show(self, stage: str, message: str = "") -> None:
        if not self.enabled:
            return
        keys = [key for key, _ in STAGES]
        step = keys.index(stage) + 1 if stage in keys else 0
        label = message or dict(STAGES).get(stage, stage)
        filled = BAR_WIDTH * step // len(STAGES)
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        elapsed = time.perf_counter() - self.started
        line = f"[{bar}] {step}/{len(STAGES)} {label} ({elapsed:.1f} s)"
        if self.interactive:  # redraw one line; a log file gets one line a stage
            self.stream.write(f"\r\033[K{line}", ending="\n" if stage == DraftStatus.DONE else "")
        else:
            self.stream.write(line)
        self.stream.flush()


class Command(BaseCommand):
    help = "Draft a meeting's report in this process and write the file (see also the API)."

    def add_arguments(self, parser):
        parser.add_argument("series", help="The meeting's series, e.g. BWC/MSP/2020/MX.5.")
        parser.add_argument("--lang", choices=DRAFT_LANGUAGES, required=True)
        parser.add_argument("--format", dest="fmt", choices=DraftFormat.values, required=True)
        parser.add_argument(
            "-o", "--output", required=True, help="The file to write; - for standard output."
        )
        parser.add_argument(
            "--kind", choices=ReportKind.values, default=ReportKind.PROCEDURAL_REPORT
        )
        parser.add_argument(
            "--strict", action="store_true", help="Do not draft if the data has problems."
        )
        parser.add_argument("--user", help="The username recorded as having asked for it.")
        parser.add_argument("--no-progress", action="store_true", help="No progress bar.")

    def handle(self, *args, **options):
        meeting = Meeting.objects.filter(series=options["series"]).first()
        if meeting is None:
            raise CommandError(f"No meeting has the series {options['series']}.")
        actor = None
        if options["user"]:
            actor = get_user_model().objects.filter(username=options["user"]).first()
            if actor is None:
                raise CommandError(f"No user is called {options['user']}.")
        bar = ProgressBar(self.stderr, enabled=not options["no_progress"])
        bar.show("checking")
        draft = services.request_draft(
            meeting=meeting,
            kind=options["kind"],
            lang=options["lang"],
            fmt=options["fmt"],
            strict=options["strict"],
            actor=actor,
            enqueue=False,
        )
        for problem in draft.problems:
            self.stderr.write(
                self.style.WARNING(f"problem: {problem['message']} ({problem['where']})")
            )
        if draft.status != DraftStatus.DONE:
            draft = services.build_draft(
                draft=draft, on_progress=lambda status, message: bar.show(status, message)
            )
            draft = self._wait(draft, bar)
        else:
            bar.show(DraftStatus.DONE, f"Already built as draft {draft.pk}")
        if draft.status == DraftStatus.FAILED:
            raise CommandError(f"Draft {draft.pk} failed: {draft.error}")
        self._write(draft, options["output"])
        if options["output"] != "-":
            self.stderr.write(
                f"Draft {draft.pk} ({draft.symbol}, {draft.size} bytes) written to "
                f"{options['output']}."
            )

    def _wait(self, draft, bar):
        """A draft a worker is building: wait for it (the same draft is never built twice)."""
        while draft.status not in (DraftStatus.DONE, DraftStatus.FAILED):
            bar.show(draft.status, f"Being built by a worker: {draft.progress}")
            time.sleep(0.5)
            draft.refresh_from_db()
            if services.is_abandoned(draft):
                draft = services.build_draft(draft=draft)
        return draft

    def _write(self, draft, output):
        with draft.file.open("rb") as source:
            if output == "-":
                shutil.copyfileobj(source, sys.stdout.buffer)
                sys.stdout.buffer.flush()
                return
            with open(output, "wb") as target:
                shutil.copyfileobj(source, target)
