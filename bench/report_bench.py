"""Benchmark: drafting the report of a Review-Conference-size meeting, against a floor.

    python bench/report_bench.py [--repeat 5] [--database sqlite|configured] [--formats docx pdf]

The suite (`bench/run.py`, `make bench`) runs the same measurement (`measure_report`) on
PostgreSQL; this script alone measures it on a throwaway SQLite database.

What it does, in one process:

1. Sets up Django on a throwaway SQLite database in a temporary directory (or, with
   `--database configured`, on DATABASE_URL), migrates it, and builds the synthetic meeting of
   `apps.interchange.synthetic` (185 States Parties with 3-15 delegates each, every rule-44
   category, 15 agenda items of 40 interventions each, 300 documents with revisions and
   corrigenda).
2. For each format, `--repeat` times: the whole drafting path as the worker runs it
   (`request_draft`: registry symbols, data checks, data hash; then `build_draft`: context,
   template, markup, file), on a fresh draft each time; and, separately, its two halves:
   `render_report` (database → ReportDocument) and `render` (ReportDocument → file).
3. The floor, measured in the same run on the same machine: for DOCX, python-docx writing the
   same blocks (the already-rendered ReportDocument's text: headings, paragraphs, the Annex II
   table) with its plain API and no database; for PDF, WeasyPrint on the same HTML.
4. Writes `bench/results/report.json` and `bench/results/report.md`: the machine (nproc, CPU
   model, Python), the sizes, every timing, and the ratios to the floor.

A benchmark, not a test: nothing here fails on a slow machine. The first build of each format
is a warm-up (imports, font discovery) and is not counted.
"""

import argparse
import datetime
import io
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from importlib import metadata
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SERIES = "BWC/CONF.XX"


def _setup_django(database: str, workdir: Path) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bwcmeet.settings")
    os.environ.setdefault("DEBUG", "1")
    os.environ.pop("REDIS_URL", None)  # builds run in this process; no broker is needed
    os.environ["MEDIA_ROOT"] = str(workdir / "media")
    if database == "sqlite":
        os.environ["DATABASE_URL"] = f"sqlite:///{workdir / 'bench.sqlite3'}"
    import django

    django.setup()
    import logging

    logging.getLogger("apps.reports").setLevel(logging.WARNING)


def _machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    packages = {}
    for name in ("Django", "python-docx", "weasyprint", "Jinja2", "celery"):
        try:
            packages[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            packages[name] = None
    return {
        "nproc": os.cpu_count(),
        "cpu_model": cpu,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "packages": packages,
    }


def _stats(samples: list[float]) -> dict:
    return {
        "runs": len(samples),
        "min_s": round(min(samples), 4),
        "median_s": round(statistics.median(samples), 4),
        "mean_s": round(statistics.fmean(samples), 4),
        "max_s": round(max(samples), 4),
        "samples_s": [round(s, 4) for s in samples],
    }


def _timed(function: Callable[[], Any], repeat: int) -> tuple[list[float], Any]:
    samples, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = function()
        samples.append(time.perf_counter() - started)
    return samples, result


def floor_docx(document: Any) -> bytes:  # a ReportDocument (imported after Django's setup)
    """python-docx's plain API writing the same blocks: no masthead table, styles, numbering
    or footnotes part; paragraph numbers as text; the table filled row by row, once."""
    import docx

    from apps.reports.document import BlockKind

    out = docx.Document()
    for block in document.blocks:
        if block.kind == BlockKind.TABLE:
            rows = block.rows
            table = out.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for row, values in zip(table.rows, rows, strict=True):
                for cell, value in zip(row.cells, values, strict=False):
                    cell.text = value
        elif block.kind == BlockKind.PARAGRAPH:
            out.add_paragraph(f"{block.number}.\t{block.text}")
        elif block.kind in (BlockKind.TITLE, BlockKind.HEADING):
            out.add_heading(block.text, level=0 if block.kind == BlockKind.TITLE else block.level)
        elif block.text:
            out.add_paragraph(block.text)
        for note in block.footnotes:
            out.add_paragraph(f"{note.number} {note.text}")
    buffer = io.BytesIO()
    out.save(buffer)
    return buffer.getvalue()


def measure_report(summary: Any, *, repeat: int, formats: list[str], lang: str) -> dict:
    """The report figures for the synthetic meeting of `summary` (Django set up, meeting
    built): parts, whole builds, files alone and floors, with the ratios."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from apps.reports import services
    from apps.reports.checks import check_report_data
    from apps.reports.enums import DraftStatus, ReportKind
    from apps.reports.models import ReportDraft
    from apps.reports.renderers import render
    from apps.reports.renderers.html import render_html
    from apps.reports.renderers.pdf import html_to_pdf
    from apps.reports.templating import render_report

    meeting = summary.meeting
    kind = ReportKind.PROCEDURAL_REPORT

    def build(fmt: str) -> ReportDraft:
        ReportDraft.objects.filter(meeting=meeting).delete()  # a fresh draft each time
        draft = services.request_draft(
            meeting=meeting, kind=kind, lang=lang, fmt=fmt, actor=None, enqueue=False
        )
        draft = services.build_draft(draft=draft)
        if draft.status != DraftStatus.DONE:
            raise SystemExit(f"the {fmt} draft failed: {draft.error}")
        return draft

    # Warm-up: imports, font discovery, the registry's CRP.1 and /2 (reserved once).
    for fmt in formats:
        build(fmt)
    document = render_report(meeting=meeting, kind=kind, lang=lang)
    counts = {
        "blocks": len(document.blocks),
        "paragraphs": sum(b.kind == "paragraph" for b in document.blocks),
        "table_rows": sum(len(b.rows) for b in document.blocks if b.kind == "table"),
        "footnotes": sum(len(b.footnotes) for b in document.blocks),
        "characters": len(document.text()),
    }
    print(f"report: {counts}", file=sys.stderr)

    results: dict = {
        "benchmark": "report draft of a Review-Conference-size meeting",
        "database": connection.vendor,
        "language": lang,
        "repeat": repeat,
        "meeting": {
            "series": meeting.series,
            "delegations": summary.delegations,
            "members": summary.members,
            "agenda_items": summary.items,
            "interventions": summary.interventions,
            "documents": summary.documents,
        },
        "report": counts,
        "formats": {},
    }

    # Where a build's time goes, part by part (each on its own, on the same data).
    def request_only() -> None:
        ReportDraft.objects.filter(meeting=meeting).delete()
        services.request_draft(
            meeting=meeting, kind=kind, lang=lang, fmt="txt", actor=None, enqueue=False
        )

    parts = {
        "request_draft": request_only,
        "check_report_data": lambda: check_report_data(meeting=meeting, lang=lang),
        "data_hash": lambda: services.data_hash(meeting=meeting, lang=lang),
        "render_report": lambda: render_report(meeting=meeting, kind=kind, lang=lang),
    }
    results["parts"] = {name: _stats(_timed(part, repeat)[0]) for name, part in parts.items()}
    render_samples = results["parts"]["render_report"]["samples_s"]
    results["render_report"] = _stats(render_samples)
    for fmt in formats:
        with CaptureQueriesContext(connection) as queries:
            build(fmt)
        build_samples, draft = _timed(lambda fmt=fmt: build(fmt), repeat)
        file_samples, _ = _timed(lambda fmt=fmt: render(document, fmt), repeat)
        if fmt == "docx":
            floor_samples, _ = _timed(lambda: floor_docx(document), repeat)
            floor = "python-docx plain API writing the same blocks, no database"
        elif fmt == "pdf":
            page = render_html(document, paged=True)
            floor_samples, _ = _timed(lambda page=page: html_to_pdf(page), repeat)
            floor = "WeasyPrint on the same HTML, no database"
        else:
            floor_samples, floor = None, None
        entry = {
            "size_bytes": draft.size,
            "queries_per_build": len(queries),
            "build": _stats(build_samples),
            "file_only": _stats(file_samples),
        }
        if floor_samples:
            floor_median = statistics.median(floor_samples)
            entry["floor"] = {"what": floor, **_stats(floor_samples)}
            entry["ratio_build_to_floor"] = round(
                statistics.median(build_samples) / floor_median, 2
            )
            entry["ratio_file_to_floor"] = round(statistics.median(file_samples) / floor_median, 2)
        results["formats"][fmt] = entry
        print(
            f"{fmt}: build {statistics.median(build_samples):.3f} s, file only "
            f"{statistics.median(file_samples):.3f} s"
            + (
                f", floor {statistics.median(floor_samples):.3f} s, ratio "
                f"{entry['ratio_build_to_floor']}"
                if floor_samples
                else ""
            ),
            file=sys.stderr,
        )
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--repeat", type=int, default=5, help="Timed runs of each measurement.")
    parser.add_argument("--database", choices=("sqlite", "configured"), default="sqlite")
    parser.add_argument("--formats", nargs="+", default=["docx", "pdf"])
    parser.add_argument("--lang", default="en", choices=("en", "zh"))
    parser.add_argument("--output", type=Path, default=RESULTS / "report.json")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="bwcmeet-bench-"))
    _setup_django(args.database, workdir)

    from django.core.management import call_command
    from django.db import connection

    from apps.interchange.synthetic import synthesize_meeting

    print(f"database: {connection.vendor} ({args.database}); work dir {workdir}", file=sys.stderr)
    call_command("migrate", verbosity=0)
    started = time.perf_counter()
    summary = synthesize_meeting(series=SERIES, replace=True)
    synth_s = time.perf_counter() - started
    print(
        f"synthetic meeting: {summary.delegations} delegations, {summary.members} members, "
        f"{summary.interventions} interventions, {summary.documents} documents "
        f"({synth_s:.1f} s)",
        file=sys.stderr,
    )
    results = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "machine": _machine(),
        **measure_report(summary, repeat=args.repeat, formats=args.formats, lang=args.lang),
    }
    results["meeting"]["synthesis_s"] = round(synth_s, 2)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    args.output.with_suffix(".md").write_text(_markdown(results))
    print(f"written: {args.output} and {args.output.with_suffix('.md')}", file=sys.stderr)
    return 0


def _markdown(results: dict) -> str:
    machine = results["machine"]
    meeting = results["meeting"]
    lines = [
        "# Report drafting benchmark",
        "",
        f"{results['when']}, {machine['nproc']} CPU ({machine['cpu_model']}), "
        f"Python {machine['python']}, {results['database']}, language `{results['language']}`, "
        f"median of {results['repeat']} runs.",
        "",
        f"Meeting: {meeting['delegations']} delegations ({meeting['members']} members), "
        f"{meeting['agenda_items']} agenda items, {meeting['interventions']} interventions, "
        f"{meeting['documents']} documents. Report: {results['report']['paragraphs']} numbered "
        f"paragraphs, {results['report']['table_rows']} table rows, "
        f"{results['report']['characters']} characters.",
        "",
        "Parts of a build, each timed alone (median): "
        + ", ".join(
            f"`{name}` {entry['median_s']:.3f} s" for name, entry in results["parts"].items()
        )
        + ". A build requests the draft (registry symbols, checks, data hash), then checks the "
        "data hash again (the data must not have changed since the request), renders the "
        "report (`render_report`) and writes the file.",
        "",
        "| format | whole build | file only | floor | build / floor | file / floor | "
        "queries | size |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for fmt, entry in results["formats"].items():
        floor = entry.get("floor")
        build, file_only = entry["build"]["median_s"], entry["file_only"]["median_s"]
        lines.append(
            f"| {fmt} | {build:.3f} s | {file_only:.3f} s "
            f"| {floor['median_s']:.3f} s | {entry['ratio_build_to_floor']} | "
            f"{entry['ratio_file_to_floor']} | {entry['queries_per_build']} | "
            f"{entry['size_bytes']} B |"
            if floor
            else f"| {fmt} | {build:.3f} s | {file_only:.3f} s | - | - | - | "
            f"{entry['queries_per_build']} | {entry['size_bytes']} B |"
        )
    lines += [
        "",
        "Floors: "
        + "; ".join(
            f"{fmt}: {entry['floor']['what']}"
            for fmt, entry in results["formats"].items()
            if entry.get("floor")
        )
        + ".",
        "",
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
