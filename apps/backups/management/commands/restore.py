"""`manage.py restore FILE [--wipe]`: put a backup back, all or nothing."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.backups.services import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive written by `manage.py backup` into a database migrated to the "
        "backup's state. Refused if the database or MEDIA_ROOT holds data, unless --wipe."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The archive written by `manage.py backup`.")
        parser.add_argument(
            "--wipe",
            action="store_true",
            help="Delete every row and every file under MEDIA_ROOT first. They are gone for "
            "good: make a backup of them before.",
        )

    def handle(self, *args, **options):
        source = Path(options["file"])
        if not source.is_file():
            raise CommandError(f"{source}: no such file.")
        try:
            summary = restore_backup(source=source, wipe=options["wipe"])
        except BackupError as error:
            raise CommandError(f"{source}: nothing restored. {error.message}") from error
        self.stdout.write(
            f"{source}: restored {sum(summary.rows.values())} rows of {len(summary.rows)} "
            f"models and {summary.files} files."
        )
