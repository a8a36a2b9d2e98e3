"""Search index per language (placeholder until the search work lands)."""

from __future__ import annotations

from pathlib import Path


def finish_search(site_dir: Path) -> None:
    """Post-process the search index once every language is built."""
