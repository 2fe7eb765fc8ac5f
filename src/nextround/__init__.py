"""Next Round: turn an interview rejection into your next opportunity."""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
