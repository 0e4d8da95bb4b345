"""Korean: year, month, day."""
