"""Languages of the site: locales, interface strings, and the suffix naming of translated pages."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, create_model

# The language of the report (it prevails); the site's other languages are translations.
DEFAULT_LOCALE = "vi"

# The locale layer: every interface string, in every language, is data in kb/model/locales/.
LOCALES_DIR = Path(__file__).resolve().parent / "locales"

# Every language the site speaks, the default first: one folder of kb/model/locales/ each.
LOCALES: tuple[str, ...] = (
    DEFAULT_LOCALE,
    *sorted(p.name for p in LOCALES_DIR.iterdir() if p.is_dir() and p.name != DEFAULT_LOCALE),
)
TRANSLATIONS: tuple[str, ...] = LOCALES[1:]


class _Text(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    def in_(self, locale: str) -> str:
        """The text in a language: ``entry.definition.in_("en")``."""
        return str(getattr(self, locale))

    # relations.py reads rationales with .text(locale) until it moves to templates.
    text = in_


# One text in every language of the site (a data file's `vi:` / `en:` pair): a field per locale,
# each required and non-empty, so adding a language folder asks the data for that language too.
if TYPE_CHECKING:
    Bilingual = _Text
else:
    Bilingual = create_model(
        "Bilingual",
        __base__=_Text,
        __module__=__name__,
        **{locale: (str, Field(min_length=1)) for locale in LOCALES},
    )


@functools.cache
def ui(locale: str) -> dict[str, dict[str, Any]]:
    """Interface strings of a language by area: ``ui("en")["page"]["last_changed"]``.

    >>> ui("en")["page"]["last_changed"]
    'Last updated'
    """
    folder = LOCALES_DIR / locale
    return {
        path.stem: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted(folder.glob("*.yml"))
    }


# Strings the hooks add to every page, by locale.
UI: dict[str, dict[str, str]] = {locale: ui(locale)["page"] for locale in LOCALES}


def localized_name(path: str, locale: str) -> str:
    """The file name of a page's twin: ``a/b.md`` -> ``a/b.en.md`` (default locale unchanged).

    >>> localized_name("bao-cao/index.md", "en")
    'bao-cao/index.en.md'
    >>> localized_name("bao-cao/index.md", "vi")
    'bao-cao/index.md'
    """
    if locale == DEFAULT_LOCALE:
        return path
    stem, dot, ext = path.rpartition(".")
    return f"{stem}.{locale}{dot}{ext}"


def page_locale(path: str) -> str:
    """`x.en.md` is English; any other `x.md` is the default language."""
    parts = path.rsplit(".", 2)
    if len(parts) == 3 and parts[1] in LOCALES:
        return parts[1]
    return DEFAULT_LOCALE


def default_path(path: str) -> str:
    """The default-language page a translated page is the twin of."""
    locale = page_locale(path)
    return path if locale == DEFAULT_LOCALE else path.replace(f".{locale}.md", ".md")


def localized_path(docs_dir: Path, path: str, locale: str) -> str:
    """The twin if it exists, else the default-language page (static-i18n's fallback)."""
    twin = localized_name(path, locale)
    return twin if (docs_dir / twin).exists() else path


def page_url(path: str, locale: str = DEFAULT_LOCALE, *, directory_urls: bool = True) -> str:
    """URL of a page from its default-language path.

    >>> page_url("bao-cao/i-tinh-hinh.md", "en")
    'en/bao-cao/i-tinh-hinh/'
    >>> page_url("bao-cao/index.md", "vi", directory_urls=False)
    'bao-cao/index.html'
    >>> page_url("index.md"), page_url("bao-cao/toan-van.md")
    ('', 'bao-cao/toan-van/')
    >>> page_url("van-ban/114-qd-tw.md", "vi", directory_urls=False)
    'van-ban/114-qd-tw.html'
    """
    prefix = "" if locale == DEFAULT_LOCALE else f"{locale}/"
    stem = path.removesuffix(f".{locale}.md").removesuffix(".md")
    if not directory_urls:
        return f"{prefix}{stem}.html"
    if stem == "index" or stem.endswith("/index"):
        stem = stem.removesuffix("index").rstrip("/")
    return f"{prefix}{stem}/" if stem else prefix
