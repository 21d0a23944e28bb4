"""Test and benchmark support shared by tests/ and bench/ (neither imports the other)."""
