"""Load the real meetings held in fixtures/ (idempotent: natural keys match existing rows)."""

from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from apps.audit.services import record_missing_history

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"


class Command(BaseCommand):
    help = "Load every fixture in fixtures/ in one transaction; running it again changes nothing."

    def add_arguments(self, parser):
        parser.add_argument("--dir", default=str(FIXTURES_DIR), help="Folder of the fixtures.")

    def handle(self, *args, **options):
        files = sorted(Path(options["dir"]).glob("*.json"))
        if not files:
            raise CommandError(f"No fixtures in {options['dir']}.")
        with transaction.atomic():
            call_command("loaddata", *map(str, files), verbosity=options["verbosity"])
            # loaddata writes rows raw, without history: each row's history starts here.
            record_missing_history(reason="load_meetings")
