"""Kept tallies: counts that the services keep up to date in the same transaction as the
change they count, so that "Thống kê" and "Bản đồ" read thousands of rows instead of the
whole history (decisions 022 and 023).

A tally is a table of `key columns → summed value columns` and one pure function,
`contributions(case_ids)`, that says what a set of cases adds to it, read from the
database as it is. Every service that changes what a tally counts wraps its writes in

    with restating([case.pk, ...]) as r:
        ...                     # the writes
        r.add_new(created.pk)   # a case created inside: it contributed nothing before

which reads the cases' contributions before and after the writes and applies the
difference (one upsert per touched key, keys sorted so that concurrent batches lock rows
in one order). Correctness does not rest on each service computing its own increments:
kept = rebuilt from scratch is what the tests check, for every tally, after walks of the
whole workflow. `rebuild(tally)` is also the command for existing data.
"""

from __future__ import annotations

import abc
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

from django.db import connection, models, transaction

Contributions = dict[tuple, tuple]  # key → values (same order as `keys` and `values`)


class KeptTally(abc.ABC):
    """One kept table: its model, key columns, value columns and what cases add to it."""

    model: type[models.Model]  # key columns NOT NULL, with one unique constraint over them
    values: tuple[str, ...]  # column names of summed integers; a row of zeros is deleted

    @property
    def keys(self) -> tuple[str, ...]:
        """The key columns: those of the model's one unique constraint, in its order."""
        meta = self.model._meta
        [unique] = [c for c in meta.constraints if isinstance(c, models.UniqueConstraint)]
        return tuple(meta.get_field(name).column for name in unique.fields)

    @abc.abstractmethod
    def contributions(self, case_ids: Sequence[int]) -> Contributions:
        """What these cases add to the table, from the database as it is now. A few
        queries for the whole set, whatever its size."""

    def fill_sql(self) -> str | None:
        """Optionally, one `INSERT … SELECT` that fills the empty table on PostgreSQL
        with what `contributions` of every case would (the kept = rebuilt tests check
        it there): a rebuild in one statement instead of one upsert per chunk."""
        return None

    def neighbours(self, case_ids: Sequence[int]) -> set[int]:
        """Other cases whose contributions read these cases' rows (e.g. "an earlier case
        of the same number"), as the rows are now. A tally that names neighbours takes
        `without=` in `contributions`: a neighbour found only after the writes is read
        "before" as if the changed cases were not there (they did not share its key)."""
        return set()


def registered() -> list[KeptTally]:
    """Every kept tally, in one place."""
    return list(_REGISTRY)


_REGISTRY: list[KeptTally] = []


def register(tally: KeptTally) -> KeptTally:
    _REGISTRY.append(tally)
    return tally


class Restating:
    """The cases a block of writes changes, and their contributions before it."""

    def __init__(self, tallies: list[KeptTally], case_ids: Iterable[int]):
        self.tallies = tallies
        self.case_ids: list[int] = []
        self.before: list[Contributions] = [{} for _ in tallies]
        self.near: list[set[int]] = [set() for _ in tallies]  # neighbours read before
        self.add(case_ids)

    def add(self, case_ids: Iterable[int]) -> None:
        """Cases that exist and are about to change (their rows should be locked)."""
        ids = sorted(set(case_ids) - set(self.case_ids))
        if not ids or not self.tallies:
            return
        self.case_ids += ids
        for i, tally in enumerate(self.tallies):
            known = [pk for pk in ids if pk not in self.near[i]]  # read as neighbours
            near = sorted(tally.neighbours(ids) - self.near[i] - set(self.case_ids))
            self.near[i].update(near)
            for part in _chunks(known + near):
                _merge(self.before[i], tally.contributions(part))

    def add_new(self, *case_ids: int) -> None:
        """Cases created inside the block: they contributed nothing before it."""
        self.case_ids += [pk for pk in case_ids if pk not in self.case_ids]

    def finish(self) -> None:
        if not self.case_ids:
            return
        changed = set(self.case_ids)
        for i, tally in enumerate(self.tallies):
            before = self.before[i]
            late = sorted(tally.neighbours(sorted(changed)) - self.near[i] - changed)
            for part in _chunks(late):
                _merge(before, tally.contributions(part, without=changed))
            after: Contributions = {}
            for part in _chunks(sorted(changed | self.near[i] | set(late))):
                _merge(after, tally.contributions(part))
            apply(tally, difference(after, before))


@contextmanager
def restating(case_ids: Iterable[int] = ()) -> Iterator[Restating]:
    """Keep every tally true across the writes of the block (inside its transaction)."""
    tallies = registered()
    with transaction.atomic():
        r = Restating(tallies, case_ids)
        yield r
        r.finish()


def difference(after: Contributions, before: Contributions) -> Contributions:
    result = {}
    for key in after.keys() | before.keys():
        a, b = after.get(key), before.get(key)
        if a is None:
            delta = tuple(-v for v in b)
        elif b is None:
            delta = a
        else:
            delta = tuple(x - y for x, y in zip(a, b, strict=True))
        if any(delta):
            result[key] = delta
    return result


def _merge(into: Contributions, more: Contributions) -> None:
    for key, values in more.items():
        old = into.get(key)
        into[key] = (
            values if old is None else tuple(x + y for x, y in zip(old, values, strict=True))
        )


CHUNK = 500
CASES_PER_READ = 5_000  # ids per contributions() call (SQLite binds at most 32,766)


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CASES_PER_READ):
        yield ids[start : start + CASES_PER_READ]


def apply(tally: KeptTally, delta: Contributions) -> None:
    """Add `delta` to the table: insert new keys, add to existing ones, delete the rows
    that fall to zero. One statement per chunk of keys, in key order."""
    if not delta:
        return
    table = connection.ops.quote_name(tally.model._meta.db_table)
    cols = [connection.ops.quote_name(c) for c in (*tally.keys, *tally.values)]
    keys = ", ".join(cols[: len(tally.keys)])
    sums = ", ".join(f"{c} = {table}.{c} + excluded.{c}" for c in cols[len(tally.keys) :])
    row = "(" + ", ".join(["%s"] * len(cols)) + ")"
    ordered = sorted(delta.items())
    zero = " AND ".join(f"{c} = 0" for c in cols[len(tally.keys) :])
    key_row = "(" + ", ".join(["%s"] * len(tally.keys)) + ")"
    with connection.cursor() as cursor:
        for start in range(0, len(ordered), CHUNK):
            part = ordered[start : start + CHUNK]
            cursor.execute(
                f"INSERT INTO {table} ({', '.join(cols)}) VALUES "
                + ", ".join([row] * len(part))
                + f" ON CONFLICT ({keys}) DO UPDATE SET {sums}",
                [v for key, values in part for v in (*key, *values)],
            )
            # Only a key that lost something can have fallen to zero.
            fell = [key for key, values in part if any(v < 0 for v in values)]
            if fell:
                cursor.execute(
                    f"DELETE FROM {table} WHERE {zero} AND ({keys}) IN ("
                    + ", ".join([key_row] * len(fell))
                    + ")",
                    [v for key in fell for v in key],
                )


FLUSH_KEYS = 2_000_000  # keys held in memory by a rebuild before they are written


def rebuild(tally: KeptTally, *, chunk: int = CASES_PER_READ, flush: int = FLUSH_KEYS) -> int:
    """Empty the table and fill it again from every case. Returns the number of rows.

    The chunks' contributions are merged in memory and written when they hold `flush`
    keys (and at the end): a key that many chunks share is written once, not once per
    chunk."""
    from raovat.cases.models import Case

    with transaction.atomic():
        tally.model.objects.all().delete()
        sql = tally.fill_sql() if connection.vendor == "postgresql" else None
        if sql:
            with connection.cursor() as cursor:
                cursor.execute(sql)
            return tally.model.objects.count()
        last = 0
        pending: Contributions = {}
        while True:
            ids = list(
                Case.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:chunk]
            )
            if not ids:
                break
            _merge(pending, tally.contributions(ids))
            if len(pending) >= flush:
                apply(tally, {k: v for k, v in pending.items() if any(v)})
                pending = {}
            last = ids[-1]
        apply(tally, {k: v for k, v in pending.items() if any(v)})
    return tally.model.objects.count()


def kept_rows(tally: KeptTally) -> Contributions:
    """The table as it is, as contributions (for the tests' kept = rebuilt check)."""
    return {
        tuple(r[: len(tally.keys)]): tuple(r[len(tally.keys) :])
        for r in tally.model.objects.values_list(*tally.keys, *tally.values)
    }
