"""Vietnamese: day, month, year."""
