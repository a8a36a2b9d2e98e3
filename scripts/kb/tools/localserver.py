"""The built site on a local port, and headless Chromium: shared by commands and tests."""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from playwright.sync_api import Page

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# As root in a sandbox without network: no sandbox, no GPU, and none of Chromium's own requests.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
INSTALL_HINT = "sudo apt-get install -y chromium"


def find_chromium(name: str) -> str | None:
    """Chromium's path from a path or a command name on PATH (Playwright needs the path); if
    there is none, say on stderr, in one line, how to install it."""
    found = name if Path(name).exists() else shutil.which(name)
    if found is None:
        print(f"Chromium not found at {name}: install it with: {INSTALL_HINT}", file=sys.stderr)
    return found


@contextmanager
def chromium_page(chromium: str = CHROMIUM) -> Iterator[Page]:
    """A page of headless Chromium; the browser closes on the way out."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        try:
            yield browser.new_page()
        finally:
            browser.close()


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site's files, adding `headers` to every answer and logging nothing."""

    def __init__(self, *args: Any, headers: Mapping[str, str], **kwargs: Any) -> None:
        self.extra_headers = headers  # (set first: the base class answers the request in here)
        super().__init__(*args, **kwargs)

    def log_message(self, format: str, *args: object) -> None:
        pass

    def end_headers(self) -> None:
        for name, value in self.extra_headers.items():
            self.send_header(name, value)
        super().end_headers()


class _Server(http.server.ThreadingHTTPServer):
    def handle_error(self, request: object, client_address: object) -> None:
        """A client that hangs up mid-answer (link checkers skip bodies they do not read) is not
        an error of the site: no traceback for it."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)  # type: ignore[arg-type]


@contextmanager
def serve(
    site: Path, *, handler: type[QuietHandler] = QuietHandler, headers: dict[str, str] | None = None
) -> Iterator[str]:
    """Serve a built site on a free local port; yields its URL once the home page answers."""
    answer = functools.partial(handler, directory=str(site), headers=headers or {})
    server = _Server(("127.0.0.1", 0), answer)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        # Readiness check: the first request is answered once serve_forever runs; no sleep.
        with urllib.request.urlopen(url, timeout=10) as response:
            response.read()
        yield url
    finally:
        server.shutdown()
        server.server_close()
