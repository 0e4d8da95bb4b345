"""Arabic: day, month, year."""
