"""Japanese: year, month, day."""
