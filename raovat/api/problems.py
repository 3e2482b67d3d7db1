"""Errors as RFC 9457 problem details: application/problem+json, a Vietnamese title, and
per-field messages under `errors`."""

from django.core.exceptions import (
    PermissionDenied,
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response

PROBLEM = "application/problem+json"

TITLES = {
    400: "Dữ liệu không hợp lệ",
    401: "Chưa xác thực",
    403: "Không có quyền",
    404: "Không tìm thấy",
    405: "Phương thức không được hỗ trợ",
    406: "Định dạng trả về không được hỗ trợ",
    409: "Không thực hiện được",
    413: "Dữ liệu gửi lên quá lớn",
    415: "Định dạng dữ liệu gửi lên không được hỗ trợ",
    429: "Quá nhiều yêu cầu",
}
DETAILS = {
    404: "Không tìm thấy hồ sơ hoặc tài nguyên.",
    405: "Phương thức này không được hỗ trợ tại địa chỉ này.",
    406: "Chỉ trả về JSON.",
    413: "Dữ liệu gửi lên quá lớn hoặc có quá nhiều trường (tối đa 1.000 trường): hãy chia "
    "thành nhiều lần gửi.",
    415: "Dữ liệu gửi lên phải là JSON hoặc multipart/form-data.",
    429: "Ứng dụng đã gọi quá nhiều lần. Vui lòng thử lại sau.",
}


def form_errors(form) -> dict[str, list[str]]:
    """A Django form's errors as a problem's per-field messages."""
    return {
        ("non_field_errors" if k == "__all__" else k): [str(m) for m in v]
        for k, v in form.errors.items()
    }


def problem(
    status_code: int, detail: str = "", errors: dict | None = None, headers: dict | None = None
) -> Response:
    body = {
        "type": "about:blank",
        "title": TITLES.get(status_code, "Lỗi"),
        "status": status_code,
        "detail": detail or DETAILS.get(status_code, TITLES.get(status_code, "")),
    }
    if errors:
        body["errors"] = errors
    return Response(body, status=status_code, content_type=PROBLEM, headers=headers)


def _messages(detail) -> dict[str, list[str]]:
    if isinstance(detail, dict):
        out = {}
        for key, value in detail.items():
            if isinstance(value, dict):
                for sub, messages in _messages(value).items():
                    out[f"{key}.{sub}"] = messages
            else:
                out[str(key)] = [str(v) for v in _listed(value)]
        return out
    return {"non_field_errors": [str(v) for v in _listed(detail)]}


def _listed(value) -> list:
    return value if isinstance(value, list) else [value]


def exception_handler(exc, context):
    """DRF's handler hook: every refusal as a problem, in Vietnamese."""
    if isinstance(exc, Http404):
        return problem(404)
    if isinstance(exc, (RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent)):
        return problem(413)  # raised while the body is read, as the site's 413 page
    if isinstance(exc, PermissionDenied):
        return problem(403, "Bạn không có quyền thực hiện thao tác này.")
    if isinstance(exc, exceptions.APIException):
        return _api_problem(exc)
    return None


def _api_problem(exc: exceptions.APIException):
    if isinstance(exc, exceptions.ValidationError):
        return problem(400, "Dữ liệu gửi lên có lỗi, xem từng trường.", _messages(exc.detail))
    if isinstance(exc, exceptions.Throttled):
        headers = {"Retry-After": str(int(exc.wait))} if exc.wait else None
        return problem(429, headers=headers)
    if isinstance(exc, (exceptions.NotAuthenticated, exceptions.AuthenticationFailed)):
        detail = (
            str(exc.detail)
            if isinstance(exc, exceptions.AuthenticationFailed)
            else "Cần mã truy cập (Authorization: Bearer …) hoặc đăng nhập."
        )
        return problem(401, detail, headers={"WWW-Authenticate": "Bearer"})
    if isinstance(exc, exceptions.PermissionDenied):
        return problem(403, str(exc.detail))
    if isinstance(exc, exceptions.NotFound):
        return problem(404)
    code = exc.status_code
    if code in DETAILS:
        return problem(code)
    if code == status.HTTP_400_BAD_REQUEST:
        return problem(400, "Dữ liệu gửi lên không đọc được.")
    return problem(code, str(exc.detail))
