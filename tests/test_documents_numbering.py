"""Printing numbers documents gap-free even when officers print at the same moment."""

import threading

import pytest
from django.db import connection, connections

from raovat.cases.models import Dispatch
from raovat.documents import services
from raovat.documents.kinds import DocumentKind as K

THREADS = 8


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="needs PostgreSQL row locks; SQLite serialises all writers",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_prints_of_one_unit_get_distinct_gap_free_numbers(cast):
    unit, telecom = cast.district.unit, cast.telecom.unit
    drafts = [
        Dispatch.objects.create(
            kind="subscriber_info",
            from_unit=unit,
            to_unit=telecom,
            year=2026,
            created_by=cast.district,
        )
        for _ in range(THREADS)
    ]
    start = threading.Barrier(THREADS)
    labels, errors = {}, []

    def number(dispatch):
        try:
            start.wait()
            labels[dispatch.pk] = services.document_number(kind=K.TRANSFER_SLIP, subject=dispatch)
        except Exception as error:  # reported below; a thread cannot fail the test itself
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=number, args=(d,)) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert sorted(labels.values(), key=lambda s: int(s.split("/")[0])) == [
        f"{n}/PC-VHTTQ1" for n in range(1, THREADS + 1)
    ]
    stored = sorted(Dispatch.objects.filter(pk__in=labels).values_list("number", flat=True))
    assert stored == list(range(1, THREADS + 1))
    # Printing again keeps the number.
    again = Dispatch.objects.get(pk=drafts[0].pk)
    assert services.document_number(kind=K.TRANSFER_SLIP, subject=again) == labels[again.pk]
