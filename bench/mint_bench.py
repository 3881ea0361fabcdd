"""Minting symbols on PostgreSQL under concurrency, beside plain inserts into the same table.

`workers` processes (each with its own connection) mint `per_worker` working-paper symbols of
one fresh meeting with `mint_symbol`: each mint locks the series' counter row until it
commits, so the mints queue on that row. The baseline: the same processes insert as many
Document rows, one transaction each, with numbers fixed in advance, so no lock, no check and
no history. The ratio is symbols per second / rows per second. The minted numbers must come
out distinct and consecutive from 1.
"""

import multiprocessing
import statistics
import sys
import time
from datetime import date
from typing import Any

NO_LOCK_NUMBER_BASE = 1_000_000  # the baseline's rows, far above anything minted


def blank_meeting(series: str) -> Any:
    """A planned meeting with nothing in it (made again if a previous run left it)."""
    from apps.meetings.enums import MeetingKind
    from apps.meetings.models import Meeting

    Meeting.objects.filter(series=series).delete()
    return Meeting.objects.create(
        series=series,
        kind=MeetingKind.MEETING_OF_EXPERTS,
        year=2099,
        title_en=f"Benchmark meeting {series}",
        scheduled_start=date(2099, 12, 1),
        scheduled_end=date(2099, 12, 3),
    )


def _mint_worker(meeting_id: int, count: int, start: Any, results: Any) -> None:
    from django.db import connection

    from apps.documents.enums import DocumentType
    from apps.documents.services import mint_symbol
    from apps.meetings.models import Meeting

    meeting = Meeting.objects.get(pk=meeting_id)  # connect before the clock starts
    start.wait()
    numbers = [
        (
            document := mint_symbol(
                meeting=meeting,
                doc_type=DocumentType.WORKING_PAPER,
                actor=None,
                title_en="A working paper",
            )
        ).number
        for _ in range(count)
    ]
    symbols = [f"{meeting.series}/WP.{number}" for number in numbers]
    assert document.symbol == symbols[-1]
    results.put(numbers)
    connection.close()


def _insert_worker(meeting_id: int, count: int, offset: int, start: Any, results: Any) -> None:
    from django.db import connection

    from apps.documents.enums import DocumentStatus, DocumentType
    from apps.documents.models import Document
    from apps.meetings.models import Meeting

    meeting = Meeting.objects.get(pk=meeting_id)
    start.wait()
    numbers = []
    for number in range(offset + 1, offset + count + 1):
        Document.objects.bulk_create(  # one INSERT, its own transaction
            [
                Document(
                    meeting=meeting,
                    symbol=f"{meeting.series}/WP.{number}",
                    doc_type=DocumentType.WORKING_PAPER,
                    number=number,
                    status=DocumentStatus.RESERVED,
                    title_en="A working paper",
                )
            ]
        )
        numbers.append(number)
    results.put(numbers)
    connection.close()


def _run(target: Any, arguments: list[tuple], workers: int) -> tuple[float, list[int]]:
    """Start the processes, release them together, wait for all; (seconds, numbers)."""
    from django.db import connections

    connections.close_all()  # no connection may cross the fork
    context = multiprocessing.get_context("fork")
    start = context.Barrier(workers + 1)
    results = context.Queue()
    processes = [context.Process(target=target, args=(*args, start, results)) for args in arguments]
    for process in processes:
        process.start()
    start.wait()
    started = time.perf_counter()
    numbers = [number for _ in processes for number in results.get(timeout=600)]
    elapsed = time.perf_counter() - started
    for process in processes:
        process.join()
        if process.exitcode != 0:
            raise RuntimeError(f"a minting process failed ({process.exitcode})")
    return elapsed, numbers


def measure_minting(*, workers: int, per_worker: int, rounds: int) -> dict[str, Any]:
    total = workers * per_worker
    mint_samples, insert_samples, checks = [], [], []
    for round_number in range(rounds):
        minted = blank_meeting(f"BWC/MSP/2099/MX.{round_number + 1}")
        elapsed, numbers = _run(_mint_worker, [(minted.pk, per_worker)] * workers, workers)
        mint_samples.append(elapsed)
        checks.append(
            {
                "symbols": len(numbers),
                "distinct": len(set(numbers)) == len(numbers),
                "consecutive": sorted(numbers) == list(range(1, total + 1)),
            }
        )
        plain = blank_meeting(f"BWC/MSP/2098/MX.{round_number + 1}")
        elapsed, _numbers = _run(
            _insert_worker,
            [(plain.pk, per_worker, NO_LOCK_NUMBER_BASE + n * per_worker) for n in range(workers)],
            workers,
        )
        insert_samples.append(elapsed)
    mint_s, insert_s = statistics.median(mint_samples), statistics.median(insert_samples)
    ok = all(check["distinct"] and check["consecutive"] for check in checks)
    result = {
        "workers": workers,
        "per_worker": per_worker,
        "symbols": total,
        "rounds": rounds,
        "mint": {
            "median_s": round(mint_s, 3),
            "per_s": round(total / mint_s, 1),
            "samples_s": [round(s, 3) for s in mint_samples],
        },
        "baseline": {
            "what": "the same number of single-row INSERTs into documents_document, one "
            "transaction each, same processes (no counter lock, no checks, no history)",
            "median_s": round(insert_s, 3),
            "per_s": round(total / insert_s, 1),
            "samples_s": [round(s, 3) for s in insert_samples],
        },
        "ratio_throughput": round(insert_s / mint_s, 2),
        "distinct_and_consecutive": ok,
        "checks": checks,
    }
    print(
        f"minting: {result['mint']['per_s']} symbols/s with {workers} processes vs "
        f"{result['baseline']['per_s']} inserts/s: ratio {result['ratio_throughput']}; "
        f"distinct and consecutive: {ok}",
        file=sys.stderr,
    )
    if not ok:
        raise RuntimeError(f"minted symbols are not distinct and consecutive: {checks}")
    return result
