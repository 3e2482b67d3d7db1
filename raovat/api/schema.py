"""The schema's parts drf-spectacular does not infer: our authentications and the problem
answers every operation may give."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension

PROBLEM_STATUSES = {
    "400": "Dữ liệu không hợp lệ",
    "401": "Chưa xác thực, mã truy cập hết hạn hoặc bị thu hồi",
    "403": "Không có quyền",
    "404": "Không tìm thấy (hồ sơ của đơn vị khác cũng vậy)",
    "405": "Phương thức không được hỗ trợ",
    "406": "Định dạng trả về không được hỗ trợ",
    "409": "Không thực hiện được",
    "413": "Dữ liệu gửi lên quá lớn hoặc có quá nhiều trường",
    "415": "Định dạng dữ liệu gửi lên không được hỗ trợ",
    "429": "Quá nhiều yêu cầu",
}
PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Lỗi theo RFC 9457.",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string", "description": "Tên lỗi."},
        "status": {"type": "integer", "description": "Mã trạng thái HTTP."},
        "detail": {"type": "string", "description": "Giải thích."},
        "errors": {
            "type": "object",
            "description": "Lỗi theo từng trường.",
            "additionalProperties": {"type": "array", "items": {"type": "string"}},
        },
    },
    "required": ["type", "title", "status", "detail"],
}


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "raovat.api.auth.ClientTokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "Mã truy cập của ứng dụng kết nối, do quản trị viên cấp.",
        }


class SessionScheme(OpenApiAuthenticationExtension):
    target_class = "raovat.api.auth.SessionAuthentication"
    name = "session"

    def get_security_definition(self, auto_schema):
        return {
            "type": "apiKey",
            "in": "cookie",
            "name": "sessionid",
            "description": "Phiên đăng nhập của trình duyệt (ghi cần mã CSRF).",
        }


def problems_everywhere(result, generator, request, public):
    """Every operation may answer with a problem; its media type is application/problem+json."""
    result.setdefault("components", {}).setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    ref = {"$ref": "#/components/schemas/Problem"}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, text in PROBLEM_STATUSES.items():
                responses.setdefault(
                    code,
                    {"description": text, "content": {"application/problem+json": {"schema": ref}}},
                )
    return result
