"""The benchmark suite: `make bench` (or `python bench/run.py [--quick] [--only SECTION ...]`).

Needs DATABASE_URL pointing at PostgreSQL with a role that may create databases. The suite
creates its own database beside it (`<name>_bench`, dropped at the end unless
`--keep-database`), migrates it, builds the synthetic meetings of
`apps/interchange/synthetic.py`, and measures, each figure beside a baseline taken in the same
run (the machine is shared and noisy, so only ratios compare across runs):

- queries:  the query count of every list and detail endpoint at two sizes (must be equal);
- report:   drafting the Review Conference's report, DOCX and PDF, vs the renderer alone;
- api:      req/s and p50/p95/p99 of the main read endpoints under gunicorn and locust, vs a
            bare Django view reading the same rows;
- minting:  symbols/s of concurrent `mint_symbol`, vs plain inserts into the same table;
- import:   a 2,000-row participants spreadsheet (CSV, XLSX), vs `bulk_create` of its rows.

Results: bench/results/latest.json (every sample, the machine) and latest.md (the tables).
"""

import argparse
import datetime
import json
import os
import platform
import sys
import tempfile
import time
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
SECTIONS = ("queries", "report", "api", "minting", "import")
LARGE_SERIES = "BWC/CONF.XX"
SMALL_SERIES = "BWC/CONF.XXI"
SEARCH_WORDS = "biosecurity"


def _bench_database(url: str, name: str | None) -> tuple[str, str]:
    """Create the suite's database beside DATABASE_URL's (dropped first if a previous run
    left it); (its URL, its name)."""
    import psycopg

    parts = urlsplit(url)
    if parts.scheme not in ("postgres", "postgresql", "pgsql"):
        raise SystemExit("The benchmarks run on PostgreSQL: set DATABASE_URL=postgres://...")
    name = name or f"{parts.path.lstrip('/')}_bench"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunsplit(parts._replace(path=f"/{name}")), name


def _drop_database(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _machine() -> dict[str, Any]:
    from django.db import connection

    def first(path: str, key: str) -> str:
        try:
            for line in Path(path).read_text().splitlines():
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
        except OSError:
            pass
        return ""

    memory_kb = first("/proc/meminfo", "MemTotal").split()
    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
        cursor.execute("SHOW synchronous_commit")
        synchronous_commit = cursor.fetchone()[0]
    packages = {}
    for package in ("Django", "djangorestframework", "gunicorn", "locust", "psycopg"):
        try:
            packages[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            packages[package] = None
    return {
        "cpu_model": first("/proc/cpuinfo", "model name") or platform.processor(),
        "cores": os.cpu_count(),
        "ram_gib": round(int(memory_kb[0]) / 1024 / 1024, 1) if memory_kb else None,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "postgresql": postgres,
        "postgresql_synchronous_commit": synchronous_commit,
        "packages": packages,
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
    }


def _token() -> str:
    from rest_framework.authtoken.models import Token

    from apps.accounts.enums import Role
    from apps.accounts.models import User

    user = User.objects.create_user(username="bench", role=Role.SECRETARIAT_ADMIN)
    return Token.objects.create(user=user).key


SMALL_SIZES = {
    "states": 10,
    "members_min": 2,
    "members_max": 4,
    "items": 3,
    "interventions": 8,
    "documents": 20,
    "signatories": 1,
    "observers": 1,
    "un_entities": 2,
    "organizations": 2,
    "ngos": 3,
    "guests": 1,
    "days": 3,
    "participants": 30,
}


def _with_rows(meeting: Any) -> None:
    """What the synthesis leaves out but some endpoints show: a requested report draft, the
    meeting's own report template, an entry of the chair rotation."""
    from apps.entities.models import RegionalGroup
    from apps.meetings.enums import RotatedBody
    from apps.meetings.models import ChairRotation
    from apps.reports import services
    from apps.reports.enums import ReportKind
    from apps.reports.templating import default_template_source

    kind = ReportKind.PROCEDURAL_REPORT
    services.request_draft(
        meeting=meeting, kind=kind, lang="en", fmt="txt", actor=None, enqueue=False
    )
    services.upload_template(
        meeting=meeting,
        kind=kind,
        lang="zh",
        source=default_template_source(kind, "zh"),
        actor=None,
    )
    ChairRotation.objects.get_or_create(
        year=2099,
        body=RotatedBody.MEETING_OF_STATES_PARTIES,
        mx_number=None,
        defaults={"regional_group": RegionalGroup.objects.order_by("code").first()},
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="Short runs: a smoke test.")
    parser.add_argument("--only", nargs="+", choices=SECTIONS, default=list(SECTIONS))
    parser.add_argument("--database-name", help="The suite's database (default <name>_bench).")
    parser.add_argument("--keep-database", action="store_true")
    parser.add_argument("--output", type=Path, default=RESULTS / "latest.json")
    parser.add_argument("--label", default="", help="A note stored with the results.")
    args = parser.parse_args()

    url = os.environ.get("DATABASE_URL", "")
    if not url:
        raise SystemExit("Set DATABASE_URL (PostgreSQL); see bench/README.md.")
    bench_url, bench_name = _bench_database(url, args.database_name)
    workdir = Path(tempfile.mkdtemp(prefix="bwcmeet-bench-"))
    # The same environment for this process and the server: production settings (DEBUG off,
    # persistent connections as deploy/.env.example), no broker (report builds in-process).
    os.environ.update(
        DATABASE_URL=bench_url,
        DJANGO_SETTINGS_MODULE="bench.settings",
        DEBUG="0",
        CONN_MAX_AGE=os.environ.get("CONN_MAX_AGE", "60"),
        MEDIA_ROOT=str(workdir / "media"),
    )
    os.environ.setdefault("SECRET_KEY", "bench-only-not-a-secret")
    os.environ.pop("REDIS_URL", None)
    sys.path.insert(0, str(ROOT))
    try:
        return _run(args, workdir, bench_name)
    finally:
        from django.db import connections

        connections.close_all()
        if not args.keep_database:
            _drop_database(url, bench_name)


def _run(args: argparse.Namespace, workdir: Path, bench_name: str) -> int:
    import django

    django.setup()
    import logging

    logging.getLogger("apps.reports").setLevel(logging.WARNING)

    from django.core.management import call_command

    from apps.interchange.synthetic import SyntheticSizes, synthesize_meeting
    from bench import api_bench, import_bench, mint_bench, query_counts, report_bench

    started_at = time.monotonic()
    print(f"database {bench_name}; work dir {workdir}", file=sys.stderr)
    call_command("migrate", verbosity=0)
    token = _token()
    results: dict[str, Any] = {
        "when": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
        "mode": "quick" if args.quick else "full",
        "label": args.label,
        "machine": _machine(),
        "database": bench_name,
    }
    if "queries" in args.only:
        small = synthesize_meeting(series=SMALL_SERIES, sizes=SyntheticSizes(**SMALL_SIZES))
        _with_rows(small.meeting)
        at_small = query_counts.count_queries(meeting=small.meeting, token=token)
    step = time.perf_counter()
    large = synthesize_meeting(series=LARGE_SERIES)
    results["meeting"] = {
        "series": LARGE_SERIES,
        "delegations": large.delegations,
        "members": large.members,
        "participants": large.participants,
        "attendance_records": large.attendance,
        "agenda_items": large.items,
        "interventions": large.interventions,
        "documents": large.documents,
        "synthesis_s": round(time.perf_counter() - step, 2),
    }
    print(f"synthetic meeting: {results['meeting']}", file=sys.stderr)
    if "queries" in args.only:
        _with_rows(large.meeting)
        at_large = query_counts.count_queries(meeting=large.meeting, token=token)
        rows = query_counts.compare(at_small, at_large)
        results["queries"] = {
            "small": {"series": SMALL_SERIES, **SMALL_SIZES},
            "large": {"series": LARGE_SERIES, "sizes": "SyntheticSizes() defaults"},
            "endpoints": rows,
            "all_equal": all(row["equal"] for row in rows),
        }
        unequal = [row["endpoint"] for row in rows if not row["equal"]]
        print(
            f"query counts: {len(rows)} endpoints, "
            + ("all equal" if not unequal else f"NOT equal: {', '.join(unequal)}"),
            file=sys.stderr,
        )
    if "report" in args.only:
        results["report"] = report_bench.measure_report(
            large, repeat=1 if args.quick else 5, formats=["docx", "pdf"], lang="en"
        )
    if "api" in args.only:
        meeting = large.meeting
        search = urlencode({"series": meeting.series, "q": SEARCH_WORDS})
        endpoints = {
            "meeting detail with agenda": (
                f"/api/v1/meetings/{meeting.pk}/",
                f"/bench/bare/meetings/{meeting.pk}/",
            ),
            "delegations of a meeting": (
                f"/api/v1/delegations/?meeting={meeting.pk}",
                f"/bench/bare/delegations/?meeting={meeting.pk}",
            ),
            "document search": (f"/api/v1/documents/?{search}", f"/bench/bare/documents/?{search}"),
        }
        results["api"] = api_bench.measure_api(
            env=dict(os.environ),
            token=token,
            endpoints=endpoints,
            users=8,
            seconds=4 if args.quick else 5,
            rounds=1 if args.quick else 6,
            workers=None,
            workdir=workdir,
        )
    if "minting" in args.only:
        results["minting"] = mint_bench.measure_minting(
            workers=4 if args.quick else 8,
            per_worker=25 if args.quick else 100,
            rounds=1 if args.quick else 3,
        )
    if "import" in args.only:
        results["import"] = import_bench.measure_import(rows=2000, repeat=1 if args.quick else 3)
    results["duration_s"] = round(time.monotonic() - started_at, 1)

    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(json.dumps(results, indent=2, ensure_ascii=False, default=str) + "\n")
    args.output.with_suffix(".md").write_text(markdown(results))
    print(f"written: {args.output} and {args.output.with_suffix('.md')}", file=sys.stderr)
    if "queries" in results and not results["queries"]["all_equal"]:
        return 1
    return 0


def markdown(results: dict[str, Any]) -> str:
    machine = results["machine"]
    label = f" ({results['label']})" if results.get("label") else ""
    lines = [
        "# Benchmarks",
        "",
        f"{results['when']}, {results['mode']} run{label}, "
        f"{results['duration_s']} s. Machine: {machine['cpu_model']}, {machine['cores']} cores, "
        f"{machine['ram_gib']} GiB RAM, {machine['platform']}, Python {machine['python']}, "
        f"PostgreSQL {machine['postgresql']} (synchronous_commit "
        f"{machine['postgresql_synchronous_commit']}), load average at start "
        f"{', '.join(str(x) for x in machine['load_average_at_start'])}.",
        "",
    ]
    if "meeting" in results:
        meeting = results["meeting"]
        lines += [
            f"Synthetic meeting {meeting['series']}: {meeting['delegations']} delegations, "
            f"{meeting['members']} members ({meeting['participants']} accredited, "
            f"{meeting['attendance_records']} check-ins), {meeting['agenda_items']} agenda items, "
            f"{meeting['interventions']} interventions, {meeting['documents']} documents "
            f"(built in {meeting['synthesis_s']} s).",
            "",
        ]
    lines += _summary(results)
    if "report" in results:
        lines += _report_section(results["report"])
    if "api" in results:
        lines += _api_section(results["api"])
    if "minting" in results:
        lines += _minting_section(results["minting"])
    if "import" in results:
        lines += _import_section(results["import"])
    if "queries" in results:
        lines += _queries_section(results["queries"])
    return "\n".join(lines) + "\n"


def _summary(results: dict[str, Any]) -> list[str]:
    lines = ["## Ratios", "", "| figure | ratio | goal |", "|---|---|---|"]
    if "report" in results:
        for fmt, entry in results["report"]["formats"].items():
            lines.append(
                f"| report {fmt}: whole build / floor | {entry['ratio_build_to_floor']} | ≤ 3 |"
            )
    if "api" in results:
        for name, entry in results["api"]["endpoints"].items():
            lines.append(f"| API {name}: req/s API / bare | {entry['ratio_throughput']} | ≥ 0.5 |")
    if "minting" in results:
        lines.append(
            f"| minting: symbols/s / plain inserts/s | {results['minting']['ratio_throughput']} "
            "| - |"
        )
    if "import" in results:
        lines.extend(
            f"| import {fmt}: time / bulk_create time | "
            f"{results['import'][fmt]['ratio_to_baseline']} | - |"
            for fmt in ("csv", "xlsx")
        )
    if "queries" in results:
        lines.append(
            "| query counts equal at both sizes | "
            f"{'yes' if results['queries']['all_equal'] else 'NO'} | yes |"
        )
    return [*lines, ""]


def _report_section(report: dict[str, Any]) -> list[str]:
    lines = [
        "## Report drafting",
        "",
        f"Median of {report['repeat']} runs, language `{report['language']}`. Report: "
        f"{report['report']['paragraphs']} numbered paragraphs, {report['report']['table_rows']} "
        f"table rows, {report['report']['characters']} characters. Parts, each alone: "
        + ", ".join(
            f"`{name}` {entry['median_s']:.3f} s" for name, entry in report["parts"].items()
        )
        + ".",
        "",
        "| format | whole build | file only | floor | build / floor | file / floor | queries |",
        "|---|---|---|---|---|---|---|",
    ]
    for fmt, entry in report["formats"].items():
        lines.append(
            f"| {fmt} | {entry['build']['median_s']:.3f} s "
            f"| {entry['file_only']['median_s']:.3f} s "
            f"| {entry['floor']['median_s']:.3f} s | {entry['ratio_build_to_floor']} "
            f"| {entry['ratio_file_to_floor']} | {entry['queries_per_build']} |"
        )
    lines += [
        "",
        "Floors: "
        + "; ".join(f"{fmt}: {entry['floor']['what']}" for fmt, entry in report["formats"].items())
        + ".",
        "",
    ]
    return lines


def _api_section(api: dict[str, Any]) -> list[str]:
    server = api["server"]
    lines = [
        "## API under load",
        "",
        f"gunicorn ({server['config']}: {server['gunicorn_workers']} workers x "
        f"{server['threads_per_worker']} threads, CONN_MAX_AGE {server['conn_max_age']}) on "
        f"PostgreSQL; {api['load_tool']}, {api['clients']} concurrent clients on loopback, "
        f"{api['rounds']} rounds of {api['seconds_per_run']} s per side, API and bare in "
        "alternating order. Figures: means over the rounds (latencies in ms); the ratio is the "
        "median of the rounds' API / bare ratios.",
        "",
        "| endpoint | rows | API req/s | p50 | p95 | p99 | bare req/s | p50 | p95 | p99 "
        "| throughput API / bare | errors |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, entry in api["endpoints"].items():
        a, b = entry["api"], entry["bare"]
        lines.append(
            f"| {name} | {entry['rows']} | {a['rps']} | {a['p50_ms']:g} | {a['p95_ms']:g} "
            f"| {a['p99_ms']:g} | {b['rps']} | {b['p50_ms']:g} | {b['p95_ms']:g} "
            f"| {b['p99_ms']:g} | {entry['ratio_throughput']} "
            f"| {a['failures'] + b['failures']} |"
        )
    lines += [
        "",
        "Paths: "
        + "; ".join(f"`{entry['api_path']}`" for entry in api["endpoints"].values())
        + ". The bare views (bench/bare.py) read the same rows with `.values()` and answer "
        "with `JsonResponse`.",
        "",
    ]
    return lines


def _minting_section(minting: dict[str, Any]) -> list[str]:
    return [
        "## Minting symbols",
        "",
        f"{minting['workers']} processes x {minting['per_worker']} working-paper symbols of one "
        f"meeting ({minting['symbols']} in all), median of {minting['rounds']} rounds: "
        f"**{minting['mint']['per_s']} symbols/s** ({minting['mint']['median_s']} s); baseline "
        f"{minting['baseline']['per_s']} inserts/s ({minting['baseline']['median_s']} s): "
        f"{minting['baseline']['what']}. Ratio {minting['ratio_throughput']}. Distinct and "
        f"consecutive: {'yes' if minting['distinct_and_consecutive'] else 'NO'}.",
        "",
    ]


def _import_section(result: dict[str, Any]) -> list[str]:
    lines = [
        "## Importing participants",
        "",
        f"{result['rows']} rows, {result['delegations']} delegations, median of "
        f"{result['repeat']} runs, each rolled back. Baseline: {result['baseline']['what']}: "
        f"{result['baseline']['median_s']} s.",
        "",
        "| file | size | import | rows/s | reading alone | checks alone (dry run) "
        "| import / baseline |",
        "|---|---|---|---|---|---|---|",
    ]
    for fmt in ("csv", "xlsx"):
        entry = result[fmt]
        lines.append(
            f"| {fmt} | {entry['bytes']} B | {entry['import']['median_s']} s "
            f"| {entry['import']['rows_per_s']} | {entry['read_only_s']} s "
            f"| {entry['dry_run_s']} s | {entry['ratio_to_baseline']} |"
        )
    return [*lines, ""]


def _queries_section(queries: dict[str, Any]) -> list[str]:
    small = queries["small"]
    lines = [
        "## Query counts",
        "",
        f"As a secretariat administrator; small: {small['series']} ({small['states']} States "
        f"Parties, {small['documents']} documents) alone in the database; large: "
        f"{queries['large']['series']} added. Lists are the first page (50 rows).",
        "",
        "| endpoint | filter | small | large | rows small / large | equal |",
        "|---|---|---|---|---|---|",
    ]
    for row in queries["endpoints"]:
        rows = (
            f"{row['rows_small']} / {row['rows_large']}" if row["rows_small"] is not None else "-"
        )
        equal = "yes" if row["equal"] else "**no**"
        if row["small"] is None:
            equal = "no row to read"
        lines.append(
            f"| `{row['endpoint']}` | {row['filter']} | {row['small']} | {row['large']} | {rows} "
            f"| {equal} |"
        )
    return [*lines, ""]


if __name__ == "__main__":
    sys.exit(main())
