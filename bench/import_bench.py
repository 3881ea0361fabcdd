"""Importing a 2,000-row spreadsheet of participants, beside a bare bulk insert of the same rows.

The file: 2,000 members of the synthetic States Parties' delegations (a head each, then
members), in the import's columns, written as CSV and as XLSX by the export's own writers.
Each run imports it into an empty planned meeting through `import_participants` (read, check
every row, create the delegations, members and nominations in bulk with their history) inside
a transaction that is then rolled back, so every run starts from the same state. The
baseline, in the same kind of transaction: `bulk_create` of the same delegations, members and
nominations from rows already in memory (no parsing, no checks, no history).
"""

import statistics
import sys
import time
from collections.abc import Callable
from typing import Any

GIVEN = ("Ana", "Ben", "Chen", "Dara", "Elif", "Farid", "Grace", "Hana", "Ivan", "Jun", "Kofi")
FAMILY = ("Abara", "Bianchi", "Castro", "Dube", "Eriksen", "Fofana", "Garcia", "Haddad", "Ito")


def participant_rows(states: list[Any], count: int) -> list[list[str]]:
    """The file's rows (headings first): member n belongs to State n mod len(states)."""
    from apps.attendance.spreadsheets import COLUMNS

    rows = [list(COLUMNS)]
    for n in range(count):
        state, place = states[n % len(states)], n // len(states)
        rows.append(
            [
                state.code,
                "",  # the category comes from the State's treaty status
                "head" if place == 0 else "member",
                "Ms." if n % 2 else "Mr.",
                f"{FAMILY[n % len(FAMILY)]}-{place}",
                GIVEN[place % len(GIVEN)],
                "Ambassador" if place == 0 else "Adviser",
                f"participant{n}@example.org",
            ]
        )
    return rows


def _rolled_back(function: Callable[[], Any]) -> tuple[float, Any]:
    from django.db import transaction

    with transaction.atomic():
        started = time.perf_counter()
        result = function()
        elapsed = time.perf_counter() - started
        transaction.set_rollback(True)
    return elapsed, result


def measure_import(*, rows: int, repeat: int) -> dict[str, Any]:
    from apps.attendance.enums import NominationStatus
    from apps.attendance.models import Nomination
    from apps.attendance.spreadsheets import import_participants, read_spreadsheet, to_csv, to_xlsx
    from apps.delegations.enums import MemberRole, Rule44Category
    from apps.delegations.models import Delegation, DelegationMember
    from apps.entities.models import Entity
    from apps.meetings.enums import Honorific
    from bench.mint_bench import blank_meeting

    meeting = blank_meeting("BWC/MSP/2099")
    states = list(
        Entity.objects.filter(
            code__startswith="SYN-S", treaty_statuses__status="state_party"
        ).order_by("code")
    )
    table = participant_rows(states, rows)
    files = {"csv": to_csv(table), "xlsx": to_xlsx(table)}

    def baseline() -> int:
        delegations = Delegation.objects.bulk_create(
            Delegation(
                meeting=meeting, entity=state, category=Rule44Category.STATE_PARTY, position=n
            )
            for n, state in enumerate(states, start=1)
        )
        by_code = {
            state.code: delegation for state, delegation in zip(states, delegations, strict=True)
        }
        members = DelegationMember.objects.bulk_create(
            (
                DelegationMember(
                    delegation=by_code[row[0]],
                    role=MemberRole.HEAD if row[2] == "head" else MemberRole.MEMBER,
                    position=n // len(states) + 1,
                    honorific=Honorific.MS if row[3] == "Ms." else Honorific.MR,
                    family_name=row[4],
                    given_name=row[5],
                    title=row[6],
                    email=row[7],
                )
                for n, row in enumerate(table[1:])
            ),
            batch_size=2000,
        )
        Nomination.objects.bulk_create(
            (Nomination(member=member, status=NominationStatus.SUBMITTED) for member in members),
            batch_size=2000,
        )
        return len(members)

    result: dict[str, Any] = {"rows": rows, "delegations": len(states), "repeat": repeat}
    samples = [_rolled_back(baseline) for _ in range(repeat + 1)][1:]  # the first warms up
    assert all(created == rows for _, created in samples)
    baseline_s = statistics.median(s for s, _ in samples)
    result["baseline"] = {
        "what": "bulk_create of the same delegations, members and nominations, rows already "
        "in memory, no checks, no history",
        "median_s": round(baseline_s, 3),
        "samples_s": [round(s, 3) for s, _ in samples],
    }
    for file_format, content in files.items():
        filename = f"participants.{file_format}"

        def run(content: bytes = content, filename: str = filename, dry_run: bool = False) -> Any:
            return import_participants(
                meeting=meeting, content=content, actor=None, filename=filename, dry_run=dry_run
            )

        imports = [_rolled_back(run) for _ in range(repeat + 1)][1:]
        for _, report in imports:
            if not (report.written and report.members_created == rows):
                raise RuntimeError(f"the {file_format} import failed: {report.as_dict()}")
        checks = [_rolled_back(lambda run=run: run(dry_run=True))[0] for _ in range(repeat)]
        reads = [
            _rolled_back(lambda c=content, f=filename: read_spreadsheet(c, f))[0]
            for _ in range(repeat)
        ]
        import_s = statistics.median(s for s, _ in imports)
        result[file_format] = {
            "bytes": len(content),
            "import": {
                "median_s": round(import_s, 3),
                "rows_per_s": round(rows / import_s),
                "samples_s": [round(s, 3) for s, _ in imports],
            },
            "read_only_s": round(statistics.median(reads), 3),
            "dry_run_s": round(statistics.median(checks), 3),
            "ratio_to_baseline": round(import_s / baseline_s, 2),
        }
        print(
            f"import {file_format}: {import_s:.3f} s for {rows} rows (read "
            f"{result[file_format]['read_only_s']} s, checks "
            f"{result[file_format]['dry_run_s']} s) vs baseline {baseline_s:.3f} s: ratio "
            f"{result[file_format]['ratio_to_baseline']}",
            file=sys.stderr,
        )
    return result
