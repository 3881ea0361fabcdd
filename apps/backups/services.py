"""Backup and restore of a whole installation: every row of every model, and the files under
MEDIA_ROOT (uploaded documents, generated report drafts), in one portable archive.

The archive is a gzipped tar:

    manifest.json            format, time, migrations applied, rows and SHA-256 per model and file
    data/<app>.<model>.json  Django's JSON serialization of the model's rows, by primary key
    media/<path>             each file under MEDIA_ROOT, byte for byte

Rows keep their primary keys (the API's ids, the history's references), content types and
permissions included, so a restore gives back the same database, not an equivalent one. The
dump is one read-only snapshot on PostgreSQL (REPEATABLE READ). Sign-in sessions are left out:
after a restore everyone signs in again.

A restore goes into a database migrated to the same state as the backup's, and empty (what
`migrate` creates, content types and permissions, does not count) unless `wipe`. All rows go
in one transaction: on any error nothing is written. The files are unpacked and checked beside
MEDIA_ROOT first and moved into place only after the database has committed.

This is the portable tool (SQLite and PostgreSQL, no client binaries). For a large production
database, `pg_dump --format=custom` plus a copy of the media volume is faster; see
deploy/README.md.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import itertools
import json
import shutil
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import serializers
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, models, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

from apps.core.errors import DomainError

FORMAT = "bwcmeet-backup/1"
# Sign-ins are not restored; the rest is.
EXCLUDED = frozenset({"sessions.Session"})
# What `migrate` writes into an empty database; a restore replaces it with the backup's.
CREATED_BY_MIGRATE = frozenset({"contenttypes.ContentType", "auth.Permission"})
CHUNK = 2000


class BackupError(DomainError):
    default_code = "backup"


@dataclass
class BackupSummary:
    path: Path
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0
    file_bytes: int = 0


def backed_up_models() -> list[type[models.Model]]:
    """Every table's model, in the registry's order: the tables of many-to-many links too,
    as rows of their own, so that they keep their ids."""
    return [
        model
        for model in apps.get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy and model._meta.label not in EXCLUDED
    ]


def _sha256(stream: IO[bytes]) -> str:
    digest = hashlib.sha256()
    for block in iter(lambda: stream.read(1 << 20), b""):
        digest.update(block)
    return digest.hexdigest()


def _applied_migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app_label, name in MigrationRecorder(connection).applied_migrations():
        applied.setdefault(app_label, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _media_files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(path for path in root.rglob("*") if path.is_file())


def _add_bytes(tar: tarfile.TarFile, name: str, content: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(content)
    info.mtime = int(timezone.now().timestamp())
    tar.addfile(info, io.BytesIO(content))


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder, except that times keep their microseconds (it cuts them to
    milliseconds, and a restore would then not give back the same rows)."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _dump_rows(model: type[models.Model], target: Path) -> int:
    """The rows in Django's JSON serialization (what `loaddata` reads), written in chunks."""
    rows = model._base_manager.order_by("pk").iterator(chunk_size=CHUNK)
    # Links are dumped with their own table (above), not again with the rows that hold them.
    links = [field.name for field in model._meta.many_to_many]
    count = 0
    with target.open("w", encoding="utf-8") as stream:
        stream.write("[")
        while chunk := list(itertools.islice(rows, CHUNK)):
            for entry in serializers.serialize("python", chunk):
                for name in links:
                    entry["fields"].pop(name, None)
                stream.write(",\n" if count else "\n")
                stream.write(json.dumps(entry, cls=ExactJSONEncoder, ensure_ascii=False))
                count += 1
        stream.write("\n]\n")
    return count


def create_backup(*, target: Path) -> BackupSummary:
    """Write the archive of the whole installation to `target` (replaced only once complete)."""
    summary = BackupSummary(path=target)
    media_root = Path(settings.MEDIA_ROOT)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "models": {},
        "media": {},
    }
    with tempfile.TemporaryDirectory() as staging:
        dumps = Path(staging)
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if outermost and connection.vendor == "postgresql":
                with connection.cursor() as cursor:  # one consistent view of every table
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            manifest["migrations"] = _applied_migrations()
            for model in backed_up_models():
                label = model._meta.label
                path = dumps / f"{label}.json"
                count = _dump_rows(model, path)
                with path.open("rb") as stream:
                    manifest["models"][label] = {"rows": count, "sha256": _sha256(stream)}
                summary.rows[label] = count
        for path in _media_files(media_root):
            name = path.relative_to(media_root).as_posix()
            with path.open("rb") as stream:
                manifest["media"][name] = {"size": path.stat().st_size, "sha256": _sha256(stream)}
            summary.files += 1
            summary.file_bytes += path.stat().st_size

        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(f".{target.name}.partial")
        with tarfile.open(partial, "w:gz") as tar:
            _add_bytes(tar, "manifest.json", json.dumps(manifest, indent=1).encode())
            for label in manifest["models"]:
                tar.add(dumps / f"{label}.json", arcname=f"data/{label}.json")
            for name in manifest["media"]:
                tar.add(media_root / name, arcname=f"media/{name}")
        partial.replace(target)
    return summary


# --- Restore ---------------------------------------------------------------------------------


@dataclass
class RestoreSummary:
    rows: dict[str, int] = field(default_factory=dict)
    files: int = 0


def _read_manifest(tar: tarfile.TarFile) -> dict[str, Any]:
    first = tar.next()  # the manifest comes first: checks run before anything is unpacked
    try:
        if first is None or first.name != "manifest.json":
            raise KeyError("manifest.json")
        manifest = json.load(tar.extractfile(first))
    except (KeyError, TypeError, json.JSONDecodeError, tarfile.TarError) as error:
        raise BackupError(_("This is not a bwcmeet backup: it has no manifest.")) from error
    if manifest.get("format") != FORMAT:
        raise BackupError(
            _("The backup's format is %(found)s; this version reads %(format)s.")
            % {"found": manifest.get("format"), "format": FORMAT}
        )
    return manifest


def _check_migrations(manifest: dict[str, Any]) -> None:
    here = _applied_migrations()
    if here != manifest["migrations"]:
        apps_differing = sorted(
            app
            for app in set(here) | set(manifest["migrations"])
            if here.get(app) != manifest["migrations"].get(app)
        )
        raise BackupError(
            _(
                "The database is not migrated as the backup's was (apps: %(apps)s). Restore "
                "with the version of bwcmeet that made the backup, then migrate."
            )
            % {"apps": ", ".join(apps_differing)}
        )


def _rows_present(manifest: dict[str, Any]) -> dict[str, int]:
    present = {}
    for label in manifest["models"]:
        if label in CREATED_BY_MIGRATE:
            continue
        count = apps.get_model(label)._base_manager.count()
        if count:
            present[label] = count
    return present


def _check_empty(manifest: dict[str, Any], media_root: Path) -> None:
    present = _rows_present(manifest)
    if present:
        shown = ", ".join(f"{label} ({count})" for label, count in sorted(present.items())[:5])
        raise BackupError(
            _(
                "The database is not empty (%(rows)s); restore into an empty database, or "
                "wipe it first."
            )
            % {"rows": shown}
        )
    if next(_media_files(media_root), None) is not None:
        raise BackupError(
            _("MEDIA_ROOT (%(path)s) holds files; restore into an empty one, or wipe it first.")
            % {"path": media_root}
        )


def _unpack(tar: tarfile.TarFile, manifest: dict[str, Any], staging: Path) -> None:
    """Unpack the rows and the files beside MEDIA_ROOT, in one pass, and check each against
    the manifest's SHA-256."""
    expected = {f"data/{label}.json": entry for label, entry in manifest["models"].items()}
    expected |= {f"media/{name}": entry for name, entry in manifest["media"].items()}
    seen = []
    for member in tar:  # a stream: each member is unpacked as it passes
        if member.name == "manifest.json":
            continue  # read already
        if member.name not in expected or not member.isfile():
            raise BackupError(
                _("The backup holds %(name)s, which its manifest does not list.")
                % {"name": member.name}
            )
        tar.extract(member, staging, filter="data")  # nothing lands outside staging
        seen.append(member.name)
    if sorted(seen) != sorted(expected):
        raise BackupError(_("The backup's contents do not match its manifest."))
    for name, entry in expected.items():
        with (staging / name).open("rb") as stream:
            if _sha256(stream) != entry["sha256"]:
                raise BackupError(_("%(name)s is damaged in the backup.") % {"name": name})


def _flush_database() -> None:
    """Delete every row of every table Django manages, in the restore's transaction."""
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    statements = connection.ops.sql_flush(
        no_style(), tables, reset_sequences=False, allow_cascade=True
    )
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


def _load_rows(staging: Path, manifest: dict[str, Any]) -> dict[str, int]:
    loaded: dict[str, int] = {}
    with connection.constraint_checks_disabled():
        for label in manifest["models"]:
            count = 0
            with (staging / "data" / f"{label}.json").open(encoding="utf-8") as stream:
                for row in serializers.deserialize("json", stream):
                    row.save()  # raw: no signal acts, no history is written again
                    count += 1
            loaded[label] = count
    connection.check_constraints()
    restored = [apps.get_model(label) for label in loaded]
    with connection.cursor() as cursor:
        for statement in connection.ops.sequence_reset_sql(no_style(), restored):
            cursor.execute(statement)
    for label, count in loaded.items():
        if count != manifest["models"][label]["rows"]:
            raise BackupError(_("The rows of %(label)s are incomplete.") % {"label": label})
    return loaded


def _place_media(staging: Path, media_root: Path, *, wipe: bool) -> int:
    if wipe and media_root.exists():
        for path in media_root.iterdir():
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink()
    media_root.mkdir(parents=True, exist_ok=True)
    placed = 0
    source_root = staging / "media"
    for path in _media_files(source_root):
        destination = media_root / path.relative_to(source_root)
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.move(path, destination)
        placed += 1
    return placed


def restore_backup(*, source: Path, wipe: bool = False) -> RestoreSummary:
    """Restore `source` (from `create_backup`) into this installation; all rows or none.

    Refused if the database's migrations differ from the backup's, or if the database or
    MEDIA_ROOT holds data and `wipe` is not set; with `wipe`, what they hold is replaced.
    """
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with (
        tarfile.open(source, "r|gz") as tar,
        tempfile.TemporaryDirectory(prefix=".restore-", dir=media_root.parent) as staged,
    ):
        manifest = _read_manifest(tar)
        _check_migrations(manifest)
        if not wipe:
            _check_empty(manifest, media_root)
        staging = Path(staged)
        _unpack(tar, manifest, staging)
        try:
            with transaction.atomic():
                _flush_database()
                rows = _load_rows(staging, manifest)
        finally:
            ContentType.objects.clear_cache()  # it may hold ids of the rows replaced
        files = _place_media(staging, media_root, wipe=wipe)
    return RestoreSummary(rows=rows, files=files)
