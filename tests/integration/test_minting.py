"""Parallel minting on PostgreSQL: the counter lock gives distinct, consecutive numbers."""

from collections import Counter

import pytest

from apps.core.errors import ConflictError
from apps.documents import services
from apps.documents.enums import DocumentType
from apps.documents.models import Document
from tests.factories.meetings import MeetingFactory
from tests.parallel import in_parallel

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

PARALLEL = 50


def _mint_many(meeting) -> tuple[list[int], list[Exception]]:
    meeting_pk = meeting.pk

    def mint():
        from apps.meetings.models import Meeting

        return services.mint_symbol(
            meeting=Meeting.objects.get(pk=meeting_pk), doc_type=DocumentType.WORKING_PAPER
        ).number

    return in_parallel(mint, PARALLEL)


def test_parallel_mints_get_distinct_consecutive_numbers(postgres):
    meeting = MeetingFactory(series="BWC/MSP/2040/MX.1")

    numbers, errors = _mint_many(meeting)

    assert errors == []
    assert sorted(numbers) == list(range(1, PARALLEL + 1))
    assert Document.objects.filter(meeting=meeting).count() == PARALLEL


def test_parallel_mints_without_the_lock_collide(postgres, settings):
    # The same test with the protection switched off must fail, or the test above proves nothing.
    settings.DOCUMENTS_LOCK_SYMBOL_COUNTERS = False
    meeting = MeetingFactory(series="BWC/MSP/2040/MX.2")

    numbers, errors = _mint_many(meeting)

    duplicates = [number for number, seen in Counter(numbers).items() if seen > 1]
    assert errors or duplicates, "without the lock, parallel mints should collide"
    assert all(isinstance(error, ConflictError) for error in errors)


def test_parallel_registration_of_one_symbol_lets_exactly_one_win(postgres):
    MeetingFactory(series="BWC/MSP/2040/MX.3")

    def register():
        return services.register_document(symbol="BWC/MSP/2040/MX.3/WP.7").pk

    created, errors = in_parallel(register, 2)

    assert (len(created), [type(error) for error in errors]) == (1, [ConflictError])
    assert list(Document.objects.values_list("symbol", flat=True)) == ["BWC/MSP/2040/MX.3/WP.7"]
