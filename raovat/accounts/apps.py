from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "raovat.accounts"
    verbose_name = "Đăng nhập và bảo mật"

    def ready(self):
        from django.contrib.auth.signals import user_logged_in

        from raovat.accounts.middleware import session_stamp

        user_logged_in.connect(session_stamp, dispatch_uid="raovat_session_stamp")
