"""`manage.py backup [-o FILE]`: the whole installation (database and files) in one archive."""

from pathlib import Path

from django.core.management.base import BaseCommand
from django.utils import timezone

from apps.backups.services import create_backup


class Command(BaseCommand):
    help = (
        "Write every row of the database and every file under MEDIA_ROOT to a .tar.gz "
        "archive that `manage.py restore` reads back. It holds password hashes and API "
        "tokens: keep it as safe as the database."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "-o",
            "--output",
            help="The archive to write (default: bwcmeet-backup-<UTC time>.tar.gz here).",
        )

    def handle(self, *args, **options):
        stamp = timezone.now().strftime("%Y%m%dT%H%M%SZ")
        target = Path(options["output"] or f"bwcmeet-backup-{stamp}.tar.gz")
        summary = create_backup(target=target)
        self.stdout.write(
            f"{target}: {sum(summary.rows.values())} rows of {len(summary.rows)} models, "
            f"{summary.files} files ({summary.file_bytes} bytes)."
        )
