from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "raovat.audit"
    verbose_name = "Nhật ký truy cập dữ liệu cá nhân"
