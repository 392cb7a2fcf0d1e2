"""Render: pure functions from results to text (terminal, markdown, json,
GitHub annotations) or files (xlsx, csv). Nothing here reads the data folder."""
