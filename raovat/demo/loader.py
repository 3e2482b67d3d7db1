"""Demo data: a chain of units, its officers and about 60 cases over every state.

Each case is walked through the real services at the time its step would have
happened, so that its history, dispatches and reminders look like a few weeks of work.
"""

import datetime
import importlib
import random
from collections import defaultdict
from contextlib import contextmanager
from decimal import Decimal
from unittest import mock

from django.apps import apps as django_apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from demo_data.photos import ad_photo
from raovat.cases.labels import chain_label
from raovat.cases.models import Case, LegalBasis
from raovat.cases.phones import parse
from raovat.cases.services.intake import sighting_record
from raovat.cases.workflow import TRANSITIONS, Need, State
from raovat.demo import content
from raovat.demo.chains import CHAINS, Chain
from raovat.demo.sanctions import sanction_steps
from raovat.demo.scenario import PATHS, perform
from raovat.units.models import Role

# How many demo cases end in each state.
SPREAD = {
    State.DRAFT: 5,
    State.RETURNED_TO_REPORTER: 3,
    State.AWAITING_CONFIRMATION: 10,
    State.CONFIRMED: 6,
    State.AT_TELECOM: 8,
    State.RETURNED_BY_TELECOM: 3,
    State.TO_CONTACT: 7,
    State.AWAITING_SUBSCRIBER: 6,
    State.SUSPENSION_REQUESTED: 3,
    State.SUSPENDED: 3,
    State.AT_CULTURE: 3,
    State.CLOSED: 3,
    State.CANCELLED: 1,
    State.DECIDED: 2,
}

# Days between a case's previous step and this one. A step after a dispatch waits at
# least BUCKET_DAYS + 1, since a dispatch may leave up to BUCKET_DAYS after its cases.
GAP_DAYS = {
    "submit": 1,
    "confirm": 2,
    "return_to_reporter": 2,
    "send_to_telecom": 3,
    "provide_identity": 8,
    "return_to_handler": 8,
    "resend_to_telecom": 3,
    "contact_done": 6,
    "request_suspension": 5,
    "send_to_culture": 7,
    "suspend": 8,
    "restore": 12,
    "close": 10,
    "cancel": 3,
    "decide": 5,
    "record_payment": 7,
    "record_late_payment": 7,
    "record_payment_on_request": 4,
}
BUCKET_DAYS = 7


@contextmanager
def clock(at: datetime.datetime):
    """Let the services believe it is `at`: the demo's history spans past weeks."""
    with mock.patch("django.utils.timezone.now", return_value=at):
        yield


# The legal bases the migrations seed; a test database flushed between tests (a live
# server's) has lost them, and the demo's records and decisions cite them.
LEGAL_SEEDS = (
    "raovat.cases.migrations.0011_legal_bases_seed",
    "raovat.cases.migrations.0019_legal_bases_fines_seed",
    "raovat.cases.migrations.0032_legal_bases_verified",
)


def legal_bases_ensure() -> None:
    if LegalBasis.objects.exists():
        return
    for module in LEGAL_SEEDS:
        importlib.import_module(module).seed(django_apps, None)


def load(chain_name: str = "manual", seed: int = 2026, log=print) -> Chain:
    legal_bases_ensure()
    rng = random.Random(seed)
    chain = CHAINS[chain_name]()
    wards = [u for u in chain.units.values() if u.role == Role.REPORTER]
    reporters = {w.pk: next(x for x in chain.users.values() if x.unit_id == w.pk) for w in wards}
    now = timezone.now().replace(second=0, microsecond=0)
    phones = list(content.PHONES)
    rng.shuffle(phones)
    targets = [state for state, n in SPREAD.items() for _ in range(n)]
    people = list(content.PEOPLE)

    steps = []  # (when, order, case, action)
    identities, answered = {}, {}
    for i, target in enumerate(targets):
        path = PATHS[target]
        span = sum(GAP_DAYS[a] for a in path)
        waited = rng.randint(0, 12)
        found = _office_hours(rng, now - datetime.timedelta(days=span + waited + 1))
        ward = rng.choice(wards)
        case = _record(rng, reporters[ward.pk], ward, phones[i], found, i)
        when = found
        for order, action in enumerate(path):
            when = _office_hours(rng, when + datetime.timedelta(days=GAP_DAYS[action]))
            steps.append((min(when, now), order, case.pk, action))
        person = people[i % len(people)]
        identities[case.pk] = {
            "full_name": person["name"],
            "kind": person["kind"],
            "id_number": person["cccd"] or "",
            "birth_date": person["date_of_birth"],
            "address": person["address"],
        }
        answered[case.pk] = target not in (State.AT_CULTURE, State.CLOSED)
        log(f"  {case.number} {case.phone_display:>14}  → {chain_label(target.label, ward)}")

    _add_repeat_sightings(rng, reporters, wards, now)
    # The sanction's stories join the same timeline: every document is numbered in the
    # order of its date, whichever story it belongs to.
    ward = wards[0]
    story_steps, story_people = sanction_steps(
        record=lambda user, unit, phone, when, seed: _record(rng, user, unit, phone, when, seed),
        reporter=reporters[ward.pk],
        ward=ward,
        path_gaps=GAP_DAYS,
    )
    steps += story_steps
    identities.update(story_people)
    answered.update(dict.fromkeys(story_people, True))
    _play(steps, identities, answered)
    for case in Case.objects.filter(pk__in=story_people).order_by("id"):
        log(f"  {case.number} {case.phone_display:>14}  → {case.get_state_display()}")
    return chain


def _office_hours(rng, day: datetime.datetime) -> datetime.datetime:
    local = timezone.localtime(day)
    return local.replace(hour=rng.randint(7, 16), minute=rng.randint(0, 59))


def _record(rng, user, ward, written, found, i):
    places = content.STREETS.get(ward.short_name) or next(iter(content.STREETS.values()))
    ad_text, ad_type = rng.choice(content.AD_TEXTS)
    photos = [
        SimpleUploadedFile(
            f"anh-{i}-{k}.jpg",
            ad_photo(phone_display=written, ad_text=ad_text, ad_type=ad_type, seed=i * 7 + k),
            content_type="image/jpeg",
        )
        for k in range(1 if i % 3 else 2)
    ]
    # A position near the ward's middle, from the sighting's index (the random sequence,
    # and so the rest of the demo, stays as it was).
    lat, lng = content.CENTRES.get(ward.short_name, (10.7769, 106.7009))
    with clock(found):
        return sighting_record(
            actor=user,
            phone=written,
            found_on=timezone.localdate(found),
            place=rng.choice(places),
            ad_type=ad_type,
            ad_text=ad_text,
            photos=photos,
            latitude=Decimal(f"{lat + (i * 37 % 41 - 20) * 0.0002:.6f}"),
            longitude=Decimal(f"{lng + (i * 53 % 43 - 21) * 0.0002:.6f}"),
        ).sighting.case


def _add_repeat_sightings(rng, reporters, wards, now):
    """The same number seen again by other wards: the sighting joins the open case."""
    for case in Case.objects.order_by("id")[10:14]:
        ward = next(w for w in wards if w.pk != case.reporting_unit_id)
        when = now - datetime.timedelta(days=rng.randint(1, 5))
        _record(
            rng, reporters[ward.pk], ward, parse(case.phone_written).display, when, case.pk + 100
        )


def _play(steps, identities, answered):
    """Run the steps in time order; dispatch steps of one unit in one window go together."""
    steps.sort(key=lambda s: (s[0], s[1], s[2]))
    cases = {c.pk: c for c in Case.objects.select_related("reporting_unit")}
    groups = defaultdict(list)
    for when, _, case_pk, action in steps:
        if Need.DISPATCH in TRANSITIONS[action].needs:
            groups[_group_key(cases[case_pk], action, when)].append(case_pk)
    pending = {key: set(members) for key, members in groups.items()}
    for when, _, case_pk, action in steps:
        case = cases[case_pk]
        case.refresh_from_db()
        if Need.DISPATCH in TRANSITIONS[action].needs:
            key = _group_key(case, action, when)
            pending[key].discard(case_pk)
            if pending[key]:
                continue  # the dispatch leaves with its last case
            batch = list(Case.objects.filter(pk__in=groups[key]).order_by("id"))
        else:
            batch = [case]
        with clock(when):
            perform(action, batch, identity=identities, when=when, answered=answered[case_pk])


def _group_key(case, action, when):
    return (action, case.reporting_unit.handling_unit_id, when.toordinal() // BUCKET_DAYS)
