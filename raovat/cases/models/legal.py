"""Legal bases as data: the provisions documents cite, kept by an administrator.

Laws are amended; a citation is therefore a row (document, article, clause, point, the
amending act) an administrator corrects, not text in the code. A record cites the
violated provision chosen for its case; the grounds ("Căn cứ …") of records and of
suspension requests are the active rows of their purpose, in order.
"""

from django.db import models


class LegalPurpose(models.TextChoices):
    VIOLATION = "violation", "Quy định về hành vi vi phạm (chọn khi lập biên bản)"
    RECORD_GROUND = "record_ground", "Căn cứ lập biên bản vi phạm hành chính"
    SUSPENSION_GROUND = "suspension_ground", "Căn cứ đề nghị ngưng cung cấp dịch vụ"
    DECISION_GROUND = "decision_ground", "Căn cứ ra quyết định xử phạt"


class LegalBasis(models.Model):
    purpose = models.CharField("dùng để", max_length=30, choices=LegalPurpose.choices)
    document = models.CharField(
        "văn bản",
        max_length=300,
        help_text="Tên đầy đủ, ví dụ “Nghị định số 38/2021/NĐ-CP ngày 29 tháng 3 năm 2021 "
        "của Chính phủ quy định xử phạt vi phạm hành chính trong lĩnh vực văn hóa "
        "và quảng cáo”.",
    )
    short_document = models.CharField(
        "tên ngắn của văn bản",
        max_length=80,
        blank=True,
        help_text="Dùng khi trích điều khoản, ví dụ “Nghị định số 38/2021/NĐ-CP”.",
    )
    article = models.PositiveSmallIntegerField("Điều", null=True, blank=True)
    clause = models.PositiveSmallIntegerField("khoản", null=True, blank=True)
    point = models.CharField(
        "điểm",
        max_length=2,
        blank=True,
        help_text="Chữ cái của điểm, ví dụ “a”; để trống nếu khoản không chia điểm.",
    )
    amended_by = models.CharField(
        "văn bản sửa đổi, bổ sung",
        max_length=300,
        blank=True,
        help_text="Ví dụ “Nghị định số 129/2021/NĐ-CP”; in trong ngoặc sau điều khoản.",
    )
    act = models.CharField("hành vi (mô tả ngắn)", max_length=300, blank=True)
    source = models.TextField(
        "nguồn đối chiếu",
        blank=True,
        help_text="Nơi đã đối chiếu văn bản (Công báo, cổng thông tin "
        "pháp luật) và ngày đối chiếu.",
    )
    # The fine range of a violation, in đồng; the decision's fine must lie inside it.
    fine_min_individual = models.PositiveBigIntegerField(
        "mức phạt tối thiểu – cá nhân", null=True, blank=True
    )
    fine_max_individual = models.PositiveBigIntegerField(
        "mức phạt tối đa – cá nhân", null=True, blank=True
    )
    fine_min_organisation = models.PositiveBigIntegerField(
        "mức phạt tối thiểu – tổ chức", null=True, blank=True
    )
    fine_max_organisation = models.PositiveBigIntegerField(
        "mức phạt tối đa – tổ chức", null=True, blank=True
    )
    valid_from = models.DateField("có hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField(
        "hết hiệu lực từ", null=True, blank=True, help_text="Để trống nếu còn hiệu lực."
    )
    position = models.PositiveSmallIntegerField("thứ tự", default=0)
    active = models.BooleanField("đang dùng", default=True)

    class Meta:
        verbose_name = "căn cứ pháp lý"
        verbose_name_plural = "căn cứ pháp lý"
        ordering = ["purpose", "position", "id"]

    def __str__(self) -> str:
        return self.citation() if self.purpose == LegalPurpose.VIOLATION else self.ground()

    def fine_range(self, kind: str) -> tuple[int | None, int | None]:
        if kind == "organisation":
            return self.fine_min_organisation, self.fine_max_organisation
        return self.fine_min_individual, self.fine_max_individual

    def in_force_on(self, day) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day < self.valid_to
        )

    def provision(self) -> str:
        """ "khoản 1 Điều 34" (lower-case start, as cited inside a sentence)."""
        parts = [
            f"điểm {self.point}" if self.point else "",
            f"khoản {self.clause}" if self.clause else "",
            f"Điều {self.article}" if self.article else "",
        ]
        return " ".join(p for p in parts if p)

    def citation(self) -> str:
        """ "khoản 1 Điều 34 Nghị định số 38/2021/NĐ-CP (được sửa đổi, bổ sung bởi …)"."""
        text = " ".join(p for p in (self.provision(), self.short_document or self.document) if p)
        if self.amended_by:
            text += f" (được sửa đổi, bổ sung bởi {self.amended_by})"
        return text[:1].upper() + text[1:]

    def ground(self) -> str:
        """ "Căn cứ Nghị định số … ;" as the grounds of a document are written."""
        provision = self.provision()
        text = f"{provision} của {self.document}" if provision else self.document
        if self.amended_by:
            text += f" (được sửa đổi, bổ sung bởi {self.amended_by})"
        return f"Căn cứ {text};"
