"""The locale layer: every language has the same interface strings as the default language."""

from __future__ import annotations

import pytest

from kb.i18n import DEFAULT_LOCALE, LOCALES, LOCALES_DIR, ui


def _keys(tree: object, prefix: str = "") -> set[str]:
    if isinstance(tree, dict):
        return {k for key, value in tree.items() for k in _keys(value, f"{prefix}{key}.")}
    return {prefix.rstrip(".")}


@pytest.mark.parametrize("locale", [loc for loc in LOCALES if loc != DEFAULT_LOCALE])
def test_every_language_has_the_default_languages_strings(locale: str) -> None:
    assert _keys(ui(locale)) == _keys(ui(DEFAULT_LOCALE))


def test_each_locale_has_a_folder() -> None:
    assert sorted(p.name for p in LOCALES_DIR.iterdir() if p.is_dir()) == sorted(LOCALES)
