"""Scenarios and prices in and out: TOML and CSV files, presets, the bundled price data."""
