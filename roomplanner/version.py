"""The package version (one definition; the wheel's is in pyproject.toml)."""

__version__ = "0.1.0"
