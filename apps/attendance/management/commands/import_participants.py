"""Import a spreadsheet of delegations and members (CSV or XLSX) into a meeting.

    manage.py import_participants BWC/MSP/2020/MX.5 participants.xlsx [--dry-run] [--accredit]
        [--actor USERNAME]

Prints the report. If any row is bad, nothing is written, every bad row is printed with its
column and reason, and the command exits with status 1.
"""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from apps.core.errors import DomainError
from apps.meetings.models import Meeting

from ... import spreadsheets


class Command(BaseCommand):
    help = "Import delegations and members from a CSV or XLSX file (the registration desks' form)."

    def add_arguments(self, parser):
        parser.add_argument("series", help="The meeting's symbol series, e.g. BWC/MSP/2020/MX.5.")
        parser.add_argument("file", help="The CSV (UTF-8) or XLSX file.")
        parser.add_argument(
            "--dry-run", action="store_true", help="Check and report; write nothing."
        )
        parser.add_argument(
            "--accredit", action="store_true", help="Accredit the imported members."
        )
        parser.add_argument(
            "--actor", help="Username recorded as the author (default: none, a system import)."
        )

    def handle(self, *args, series, file, dry_run, accredit, actor, **options):
        meeting = Meeting.objects.filter(series=series).first()
        if meeting is None:
            raise CommandError(f"No meeting has the series {series}.")
        user = None
        if actor:
            user = get_user_model().objects.filter(username=actor).first()
            if user is None:
                raise CommandError(f"No user is called {actor}.")
        path = Path(file)
        if not path.is_file():
            raise CommandError(f"{file} is not a file.")
        try:
            report = spreadsheets.import_participants(
                meeting=meeting,
                content=path.read_bytes(),
                filename=path.name,
                actor=user,
                dry_run=dry_run,
                accredit=accredit,
            )
        except spreadsheets.ImportRejectedError as rejected:
            report = rejected.report
        except DomainError as error:
            raise CommandError(error.message) from error
        self._print(report)
        if not report.valid:
            raise CommandError(
                f"{len({error.row for error in report.errors})} bad rows: "
                + "; ".join(str(error) for error in report.errors)
            )

    def _print(self, report):
        for error in report.errors:
            self.stdout.write(str(error))
        verb = "would create" if report.dry_run else "created"
        if report.valid:
            self.stdout.write(
                f"{report.series}: {report.rows} rows ({report.file_format}); {verb} "
                f"{report.delegations_created} delegations and {report.members_created} members"
                + (", accredited." if report.accredit else ", their nominations submitted.")
            )
        else:
            self.stdout.write(
                f"{report.series}: {report.rows} rows ({report.file_format}); "
                f"{len(report.errors)} errors; nothing written."
            )
