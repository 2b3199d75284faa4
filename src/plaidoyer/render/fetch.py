"""What WeasyPrint may read while it lays out a brief: files of the template folders
(fonts, images a designer put there) and nothing else — no network, no file elsewhere on
the machine, whatever a stylesheet's `url()` or `@import` says."""

from __future__ import annotations

import mimetypes
from pathlib import Path
from urllib.parse import unquote, urlparse

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse

from ..diagnostics import PlaidoyerError
from ..resources import TemplateSet


class RefusedFetch(PlaidoyerError):
    """A template asked for something outside the template folders."""


class _Refusal(FatalURLFetchingError):
    """Stops WeasyPrint at once (it swallows ordinary fetch errors)."""


class TemplateFetcher(URLFetcher):
    """Serves `file:` URLs inside the template folders and `data:` URLs; refuses the rest."""

    def __init__(self, templates: TemplateSet) -> None:
        super().__init__(allowed_protocols=("file", "data"))
        self.folders = tuple(folder.resolve() for folder in templates.folders)

    def fetch(self, url: str, headers: object = None) -> URLFetcherResponse:
        parsed = urlparse(url)
        if parsed.scheme == "data":
            return super().fetch(url, headers)
        if parsed.scheme == "file":
            path = Path(unquote(parsed.path)).resolve()
            if path.is_file() and any(path.is_relative_to(f) for f in self.folders):
                mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
        raise _Refusal(f"'{url}' is outside the template folders: a brief reads only "
                       "templates/ and plaidoyer's own files, never the network")
