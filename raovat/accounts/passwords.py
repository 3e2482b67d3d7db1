"""Password rules with Vietnamese messages.

Django's Vietnamese catalogue lacks the current "too short" message, and its list of
common passwords has none of the ones Vietnamese officers pick ("matkhau123").
"""

import re

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError

# Words that, with digits or symbols around them, make the usual guessable passwords.
_COMMON_WORDS = {
    "matkhau",
    "mk",
    "password",
    "pass",
    "admin",
    "quantri",
    "quantrivien",
    "root",
    "anhyeuem",
    "emyeuanh",
    "yeuem",
    "iloveyou",
    "vietnam",
    "hanoi",
    "saigon",
    "hochiminh",
    "hcm",
    "tphcm",
    "raovat",
    "phuong",
    "quan",
    "ubnd",
    "vanhoa",
    "sotttt",
    "abc",
    "abcd",
    "qwerty",
    "asdf",
    "demo",
    "test",
    "user",
    "nguoidung",
    "chuyenvien",
}
_PADDING = re.compile(r"^[\W\d_]*(?P<word>[a-z]+)[\W\d_]*$")


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    def get_error_message(self):
        return f"Mật khẩu quá ngắn: cần ít nhất {self.min_length} ký tự."

    def get_help_text(self):
        return f"Mật khẩu cần ít nhất {self.min_length} ký tự."


class CommonPasswordValidator(password_validation.CommonPasswordValidator):
    def validate(self, password, user=None):
        super().validate(password, user)
        match = _PADDING.match(password.lower())
        if match and match.group("word") in _COMMON_WORDS:
            raise ValidationError(
                "Mật khẩu này quá phổ biến, dễ bị đoán.", code="password_too_common"
            )

    def get_error_message(self):
        return "Mật khẩu này quá phổ biến, dễ bị đoán."
