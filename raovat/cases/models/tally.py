from django.db import models


class StatisticsTally(models.Model):
    """Kept counts of "Thống kê" (decision 022): what the cases add to each figure, per
    viewer, day or month, reporting and handling unit, carrier and ad type. Written only
    by `raovat.cases.tallies` (restated around every change, rebuilt by a command)."""

    class Grain(models.TextChoices):
        DAY = "d", "ngày"
        MONTH = "m", "tháng"

    # Whose scope: a unit on the case's route (CaseUnit), the top unit of the province of
    # the case's reporting unit (the leader's province), or −unit for a route unit of
    # another province (decision 022, "Kept counts").
    viewer = models.IntegerField()
    grain = models.CharField(max_length=1, choices=Grain.choices)
    day = models.DateField()  # the first of the month for a month row
    # The figure: a kind of EVENT_KINDS, or "roi:<state>", "o:<state>", "cho:<step>",
    # "qd:han", "lap-lai:<kind>", "noi" (see raovat.cases.tallies.statistics).
    measure = models.CharField(max_length=40)
    # A sighting's ad type; "" for a case without sightings; "*" corrects the sum over
    # types for a case of several types (it carries −(types − 1)).
    ad_type = models.CharField(max_length=20)
    reporting_unit = models.IntegerField()
    handling_unit = models.IntegerField()  # 0: none yet
    carrier = models.CharField(max_length=20)  # the effective carrier, "" unknown
    bucket = models.IntegerField()  # working days, for the histograms; else 0
    place = models.CharField(max_length=255)  # for "noi" only; else ""
    cases = models.IntegerField(default=0)
    events = models.IntegerField(default=0)  # stays measured, decisions, payments
    amount = models.BigIntegerField(default=0)  # đồng

    class Meta:
        verbose_name = "số liệu thống kê tổng hợp"
        verbose_name_plural = "số liệu thống kê tổng hợp"
        constraints = [
            models.UniqueConstraint(
                fields=[
                    "viewer",
                    "grain",
                    "day",
                    "measure",
                    "ad_type",
                    "reporting_unit",
                    "handling_unit",
                    "carrier",
                    "bucket",
                    "place",
                ],
                name="statistics_tally_key",
            )
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.day:%d/%m/%Y} ({self.viewer}): {self.cases}"
