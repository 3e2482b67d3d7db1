"""The password check of "Đăng nhập", and the user of every signed-in request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class UnitModelBackend(ModelBackend):
    """Django's ModelBackend, but the user of each request comes with the unit in the same
    query: every signed-in page reads it (the menu, the access layer), so a second query
    for it on every request is saved."""

    def get_user(self, user_id):
        User = get_user_model()
        try:
            user = User._default_manager.select_related("unit").get(pk=user_id)
        except User.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
