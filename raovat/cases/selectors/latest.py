"""The latest (or first) row of a kind for each case: one subquery per question.

Every work list that shows "the dispatch that brought it", "why it was returned" or
"where it was found" annotates its cases with these, so the question is answered once.
"""

from django.db.models import Count, OuterRef, Subquery

from raovat.cases.models import Case, CaseEvent, DispatchItem, Photo, Sighting


def latest_sent_dispatch(kind: str, field: str) -> Subquery:
    """`field` of the item of the case's latest sent dispatch of `kind`."""
    items = DispatchItem.objects.filter(
        case=OuterRef("pk"),
        dispatch__kind=kind,
        dispatch__sent_at__isnull=False,
    ).order_by("-dispatch__sent_at", "-id")
    return Subquery(items.values(field)[:1])


def latest_event(action: str, field: str) -> Subquery:
    """`field` of the case's latest history row of `action`."""
    events = CaseEvent.objects.filter(case=OuterRef("pk"), action=action).order_by("-at", "-id")
    return Subquery(events.values(field)[:1])


def last_event(case: Case, action: str) -> CaseEvent | None:
    """One case's latest history row of `action` (its page, not a list)."""
    return case.events.filter(action=action).order_by("-at", "-id").first()


def return_annotations(action: str) -> dict:
    """Why, when and by whom the case was last returned by `action`."""
    return {
        "return_note": latest_event(action, "note"),
        "returned_at": latest_event(action, "at"),
        "returned_by": latest_event(action, "unit_name"),
    }


def first_place() -> Subquery:
    first = Sighting.objects.filter(case=OuterRef("pk")).order_by("found_on", "id")
    return Subquery(first.values("place")[:1])


def first_sighting_annotations() -> dict:
    """Where the ad was first found, its first photo and how many sightings the case has."""
    return {
        "place": first_place(),
        "photo_id": Subquery(
            Photo.objects.filter(sighting__case=OuterRef("pk")).order_by("id").values("id")[:1]
        ),
        "sighting_count": Subquery(
            Sighting.objects.filter(case=OuterRef("pk"))
            .values("case")
            .annotate(n=Count("id"))
            .values("n")[:1]
        ),
    }
