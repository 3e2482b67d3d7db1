from django.apps import AppConfig


class MessagingConfig(AppConfig):
    name = "raovat.messaging"
    verbose_name = "Tin nhắn"
