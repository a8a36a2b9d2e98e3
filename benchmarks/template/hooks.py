"""Give each language its own 404.html (static-i18n writes them all to the site root)."""

import shutil
from pathlib import Path

_default_404: list[bytes] = []


def on_post_build(config):
    plugin = config.plugins["i18n"]
    site = Path(config.site_dir)
    page = site / "404.html"
    if plugin.current_language == plugin.default_language:
        _default_404[:] = [page.read_bytes()]
    elif _default_404:
        (site / plugin.current_language).mkdir(exist_ok=True)
        shutil.move(page, site / plugin.current_language / "404.html")
        page.write_bytes(_default_404[0])
