"""Bản đồ's kept tally: sightings with coordinates counted per viewing unit and grid cell
(raovat.cases.tallies.map, decision 023)."""

from django.db import models

from raovat.units.models import Unit


class MapCell(models.Model):
    """How many sightings one unit sees in one cell of the grid at `level` (a zoom), in
    one month, state and ad type; the sums of their coordinates in micro-degrees (the
    cluster's mean position, exact) and of their ids (the sighting itself when `n` is 1).

    `route` is True for the units on the case's route (`CaseUnit`), False for a
    reporting unit's own sighting of a case it is not on the route of: only a reporting
    unit reads the latter, as `access.sightings_readable` decides."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    route = models.BooleanField()
    level = models.PositiveSmallIntegerField()
    month = models.DateField()  # its first day
    cx = models.IntegerField()  # floor(longitude / cell side at `level`)
    cy = models.IntegerField()  # floor(latitude / cell side at `level`)
    state = models.CharField(max_length=30)
    ad_type = models.CharField(max_length=20)
    n = models.IntegerField(default=0)
    lat_sum = models.BigIntegerField(default=0)  # micro-degrees
    lng_sum = models.BigIntegerField(default=0)
    id_sum = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "ô bản đồ"
        verbose_name_plural = "ô bản đồ"
        constraints = [
            # The reader's order: one unit, one level, a range of months, then the box.
            models.UniqueConstraint(
                fields=["unit", "level", "month", "cx", "cy", "state", "ad_type", "route"],
                name="map_cell_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.level}/{self.cx},{self.cy}/{self.month:%m/%Y}: {self.n}"


class MapUnitCount(models.Model):
    """How many sightings one unit sees per reporting unit, month, state and ad type, and
    the sums of their coordinates: the page's list of reporting units and their labels
    (`route` as in `MapCell`)."""

    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    route = models.BooleanField()
    month = models.DateField()
    reporting_unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    state = models.CharField(max_length=30)
    ad_type = models.CharField(max_length=20)
    n = models.IntegerField(default=0)
    lat_sum = models.BigIntegerField(default=0)
    lng_sum = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = "số lần phát hiện theo đơn vị trên bản đồ"
        verbose_name_plural = "số lần phát hiện theo đơn vị trên bản đồ"
        constraints = [
            models.UniqueConstraint(
                fields=["unit", "month", "reporting_unit", "state", "ad_type", "route"],
                name="map_unit_count_key",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.unit_id}/{self.reporting_unit_id}/{self.month:%m/%Y}: {self.n}"
