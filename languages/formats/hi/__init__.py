"""Hindi: day, month, year."""
