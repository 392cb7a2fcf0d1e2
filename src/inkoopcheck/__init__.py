"""inkoopcheck: inclusief inkopen — valideer, trieer en rapporteer aanbestedingen."""

__version__ = "0.2.0"  # the one place; pyproject.toml reads it, CHANGELOG.md names it
