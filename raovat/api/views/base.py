"""The base of every API view: who may call, and the log of each call."""

import logging

from rest_framework.views import APIView

from raovat.api.auth import (
    ClientRateThrottle,
    ClientTokenAuthentication,
    SessionAuthentication,
    UnitMember,
)
from raovat.api.models import ApiClient
from raovat.api.services import api_call_record

logger = logging.getLogger(__name__)


class ApiView(APIView):
    authentication_classes = [ClientTokenAuthentication, SessionAuthentication]
    permission_classes = [UnitMember]
    throttle_classes = [ClientRateThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        match = getattr(request, "resolver_match", None)
        operation = match.view_name if match else request.path
        auth = getattr(request, "auth", None)
        try:
            api_call_record(
                client=auth if isinstance(auth, ApiClient) else None,
                user=getattr(request, "user", None),
                method=request.method,
                operation=operation,
                status=response.status_code,
            )
        except Exception:  # an answer is not lost for want of its log line
            logger.exception("API call not logged")
        return response
