"""inkoopcheck: inclusief inkopen — valideer, trieer en rapporteer aanbestedingen."""

__version__ = "0.1.0"
