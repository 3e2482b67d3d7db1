"""What the API writes for itself (the case work goes through the cases services)."""

from raovat.api.models import ApiCall, ApiClient


def api_call_record(
    *, client: ApiClient | None, user, method: str, operation: str, status: int
) -> ApiCall:
    """One line of the call log; a caller not signed in is kept as nobody."""
    signed_in = user is not None and user.is_authenticated
    return ApiCall.objects.create(
        client=client,
        user=user if signed_in else None,
        unit_id=user.unit_id if signed_in else None,
        method=method[:10],
        operation=operation[:200],
        status=status,
    )
