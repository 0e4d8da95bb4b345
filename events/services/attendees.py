"""Attendee lists for organisers, as CSV that spreadsheet programs open safely."""

import csv

from django.http import HttpResponse

COLUMNS = [
    "event",
    "name",
    "email",
    "organisation",
    "country",
    "language",
    "status",
    "registered_at",
]


def attendees_csv_response(registrations, filename: str) -> HttpResponse:
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")  # lets spreadsheet programs detect UTF-8
    writer = csv.writer(response)
    writer.writerow(COLUMNS)
    for registration in registrations.select_related("event").order_by(
        "event_id", "created_at", "pk"
    ):
        writer.writerow(
            [
                _safe_cell(value)
                for value in (
                    registration.event.slug,
                    registration.name,
                    registration.email,
                    registration.organisation,
                    registration.country,
                    registration.language,
                    registration.status,
                    registration.created_at.isoformat(),
                )
            ]
        )
    return response


# Spreadsheets run a cell that starts with one of these as a formula (tab and
# carriage return too: some programs skip them and read what follows).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def _safe_cell(value: str) -> str:
    """Every cell people typed (the e-mail address too) is written as text."""
    value = str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value
