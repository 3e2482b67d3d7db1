"""The base of every API view: who may call, and the log of each call."""

from rest_framework.views import APIView

from raovat.api.auth import (
    ClientRateThrottle,
    ClientTokenAuthentication,
    SessionAuthentication,
    UnitMember,
)
from raovat.api.models import ApiCall, ApiClient


def call_logged(request, response, operation: str) -> None:
    user = getattr(request, "user", None)
    client = request.auth if isinstance(getattr(request, "auth", None), ApiClient) else None
    signed_in = user is not None and user.is_authenticated
    ApiCall.objects.create(
        client=client,
        user=user if signed_in else None,
        unit_id=user.unit_id if signed_in else None,
        method=request.method[:10],
        operation=operation[:200],
        status=response.status_code,
    )


class ApiView(APIView):
    authentication_classes = [ClientTokenAuthentication, SessionAuthentication]
    permission_classes = [UnitMember]
    throttle_classes = [ClientRateThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        match = getattr(request, "resolver_match", None)
        operation = match.view_name if match else request.path
        try:
            call_logged(request, response, operation)
        except Exception:  # an answer is not lost for want of its log line
            import logging

            logging.getLogger(__name__).exception("API call not logged")
        return response
