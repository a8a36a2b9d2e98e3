"""The locale layer: every language has the same interface strings as the default language."""

from __future__ import annotations

import pytest

from kb.model.i18n import DEFAULT_LOCALE, LOCALES, LOCALES_DIR, Bilingual, ui


def _keys(tree: object, prefix: str = "") -> set[str]:
    if isinstance(tree, dict):
        return {k for key, value in tree.items() for k in _keys(value, f"{prefix}{key}.")}
    return {prefix.rstrip(".")}


@pytest.mark.parametrize("locale", [loc for loc in LOCALES if loc != DEFAULT_LOCALE])
def test_every_language_has_the_default_languages_strings(locale: str) -> None:
    assert _keys(ui(locale)) == _keys(ui(DEFAULT_LOCALE))


def test_each_locale_has_a_folder() -> None:
    assert sorted(p.name for p in LOCALES_DIR.iterdir() if p.is_dir()) == sorted(LOCALES)


def test_the_default_language_comes_first() -> None:
    assert LOCALES[0] == DEFAULT_LOCALE


def test_bilingual_text_asks_for_every_language() -> None:
    assert tuple(Bilingual.model_fields) == LOCALES
    text = Bilingual.model_validate({locale: f"text {locale}" for locale in LOCALES})
    assert [text.in_(locale) for locale in LOCALES] == [f"text {locale}" for locale in LOCALES]
