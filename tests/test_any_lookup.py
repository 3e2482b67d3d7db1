"""`__any`: one array parameter on PostgreSQL, the same rows as `__in` everywhere."""

import pytest
from django.db import connection

from raovat.cases.models import Case, CaseUnit
from raovat.cases.workflow import State
from raovat.demo.scenario import advance

pytestmark = pytest.mark.django_db

PHONES = ["0912 345 678", "0903 123 456", "0987 654 321"]


@pytest.fixture
def cases(cast, make_case):
    made = [make_case(cast.ward, phone=p) for p in PHONES]
    advance(made[0], State.AWAITING_CONFIRMATION)
    return made


def test_any_reads_the_same_rows_as_in(cases):
    ids = [cases[0].pk, cases[2].pk, 10**9]  # and an id that does not exist
    assert set(Case.objects.filter(pk__any=ids)) == set(Case.objects.filter(pk__in=ids))
    assert set(Case.objects.filter(pk__any=ids)) == {cases[0], cases[2]}
    # A relation's column, as the tallies read a batch's route.
    route = CaseUnit.objects.filter(case_id__any=ids).values_list("case_id", "unit_id")
    assert sorted(route) == sorted(
        CaseUnit.objects.filter(case_id__in=ids).values_list("case_id", "unit_id")
    )
    assert {case_id for case_id, _ in route} == {cases[0].pk, cases[2].pk}
    # Text: a value longer than the column matches nothing (it is not cut to fit).
    phone = cases[1].phone_e164
    assert list(Case.objects.filter(phone_e164__any=[phone, phone + "9" * 40])) == [cases[1]]
    # Excluding, and a set or a generator, as `__in` takes them.
    assert set(Case.objects.exclude(pk__any={cases[0].pk})) == {cases[1], cases[2]}
    assert set(Case.objects.filter(pk__any=(c.pk for c in cases[:2]))) == set(cases[:2])


def test_an_empty_list_matches_nothing_and_excludes_nothing(cases):
    assert list(Case.objects.filter(pk__any=[])) == []
    assert Case.objects.exclude(pk__any=[]).count() == len(cases)


def test_a_batch_of_750_ids_is_one_array_parameter_on_postgresql(cases):
    ids = [c.pk for c in cases] + list(range(10**8, 10**8 + 747))
    qs = Case.objects.filter(pk__any=ids)
    assert set(qs.values_list("pk", flat=True)) == {c.pk for c in cases}
    sql, params = qs.query.sql_with_params()
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql and len(params) == 1 and len(params[0]) == 750
    else:
        assert " IN (" in sql and len(params) == 750
