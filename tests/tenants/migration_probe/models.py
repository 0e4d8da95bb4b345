from django.db import models


class Probe(models.Model):
    note = models.CharField(max_length=20)

    def __str__(self) -> str:
        return self.note


class SecondProbe(models.Model):
    note = models.CharField(max_length=20)

    def __str__(self) -> str:
        return self.note
