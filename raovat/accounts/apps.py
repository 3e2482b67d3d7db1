from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "raovat.accounts"
    verbose_name = "Đăng nhập và bảo mật"
