"""What a printed page says about itself: site title, address and date on every sheet, a QR code.

The marks are made at build time (the QR code is inline SVG by segno): nothing is fetched.
On screen they are hidden (`hidden`); print.css shows them.
"""

from __future__ import annotations

import html

from kb.model.i18n import ui


def css_string(text: str) -> str:
    """A CSS string literal.

    >>> print(css_string('a "b"'))
    "a \\"b\\""
    """
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\A ") + '"'


def page_header_style(site_title: str, address: str, stamp: str, locale: str) -> str:
    """Print-only top margin box of this page: site title, then address and date, on two lines."""
    header = f"{site_title}\n{address} · {ui(locale)['print']['date']} {stamp}"
    font = '8pt -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif'
    return (
        '<style media="print">@page { @top-left {'
        f" content: {css_string(header)}; white-space: pre; font: {font}; color: #444;"
        " width: 100%; vertical-align: bottom; } }</style>"
    )


def qr_block(address: str, site_title: str, stamp: str, locale: str, *, published: bool) -> str:
    """A QR code of the page's address, with site title, address and date beside it."""
    import segno

    words = ui(locale)["print"]
    svg = segno.make(address, error="m").svg_inline(scale=2, border=2, title=words["qr"])
    note = "" if published else f'<span class="print-qr__local">{words["local"]}</span>'
    return (
        f'<div class="print-qr" hidden data-address="{html.escape(address)}">{svg}'
        f'<span class="print-qr__text"><span>{html.escape(site_title)}</span>'
        f"<span>{html.escape(address)}</span><span>{words['date']} {stamp}</span>{note}</span>"
        "</div>"
    )
