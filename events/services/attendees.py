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
                registration.event.slug,
                _safe_cell(registration.name),
                registration.email,
                _safe_cell(registration.organisation),
                registration.country,
                registration.language,
                registration.status,
                registration.created_at.isoformat(),
            ]
        )
    return response


def _safe_cell(value: str) -> str:
    # Spreadsheets run cells that start with = + - @ as formulas.
    return "'" + value if value[:1] in {"=", "+", "-", "@"} else value
