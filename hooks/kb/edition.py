"""The edition of an offline copy: which content it holds, which version made it, and
where the current guide lives.

A copy passed around on USB sticks and in chat groups outlives the site it was made
from, so every page of it says when its content dates from and where to find a newer
one. Everything here comes from the sources, never from the clock, so two builds of
the same sources stay byte-identical:

- the edition date is the content date, the newest `reviewed:` date of the causes
  (KnowledgeBase.content_date), the same date the build stamps on sitemap and files;
- the version is the version of the generator package (pyproject.toml);
- the address is the public one, SITE_URL, which an offline build cannot do without.
"""
from __future__ import annotations

from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version as package_version
from urllib.parse import urlsplit

from .model import KnowledgeBase
from .qa.typography import local_date

PACKAGE = "kyc-help-kb"
MISSING_ADDRESS = ("SITE_URL is required for offline builds — set it to the public address, "
                   "e.g. SITE_URL=https://kyc-help.example.org/")


class EditionError(ValueError):
    """The offline build cannot say where the current guide lives."""


@dataclass(frozen=True)
class Edition:
    date: str      # YYYY-MM-DD, the content date
    version: str   # the generator's package version
    address: str   # the public address of the current guide, ending in /

    def home_of(self, language: str, default_language: str) -> str:
        """The public address of a language's home: the default language at the root."""
        return self.address if language == default_language else f"{self.address}{language}/"

    def stamp(self, kb: KnowledgeBase, language: str) -> dict[str, str]:
        """The stamp's words in one language (ui edition.*), the date as that language writes it.

        `before` and `after` surround the address, which the stamp shows as a link.
        """
        strings = kb.ui[language]
        before, after = strings["edition.outdated"].split("{address}", 1)
        return {"label": strings["edition.label"],
                "made": strings["edition.made"].format(date=local_date(self.date, language), version=self.version),
                "before": before, "after": after, "home": self.home_of(language, kb.site.default_language),
                "date": self.date, "version": self.version}


def public_address(site_url: str | None) -> str:
    """SITE_URL checked: an absolute https address, with a trailing slash."""
    if not site_url or not site_url.strip():
        raise EditionError(MISSING_ADDRESS)
    address = site_url.strip()
    parts = urlsplit(address)
    if parts.scheme != "https" or not parts.hostname:
        raise EditionError(f"SITE_URL must be the public https address of the guide, not `{address}` — "
                           "e.g. SITE_URL=https://kyc-help.example.org/")
    return address if address.endswith("/") else address + "/"


def generator_version() -> str:
    try:
        return package_version(PACKAGE)
    except PackageNotFoundError:
        # Run from a checkout without `pip install -e .`: the build says so rather than guess.
        raise EditionError(f"the `{PACKAGE}` package is not installed: run `make offline`, "
                           "or `pip install -e .` first") from None


def edition_of(kb: KnowledgeBase, site_url: str | None) -> Edition:
    return Edition(kb.content_date, generator_version(), public_address(site_url))
