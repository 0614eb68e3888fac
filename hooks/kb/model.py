"""The loaded knowledge base: entries as read from YAML, plus where they came from."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from .yamlsource import ParsedYaml

if TYPE_CHECKING:
    from .site import Site
    from .search.vocabulary import SearchVocabulary
    from .tree import Tree


@dataclass
class Entry:
    """One YAML file of site-data/: its id is its file name."""

    kind: str
    id: str
    source: ParsedYaml

    @property
    def data(self) -> dict:
        return self.source.value

    @property
    def path(self) -> str:
        return self.source.path

    def line_of(self, *key_path) -> int:
        return self.source.line_of(key_path)

    def __getitem__(self, key):
        return self.data[key]

    def get(self, key, default=None):
        return self.data.get(key, default)


@dataclass
class KnowledgeBase:
    # site-data/site.yml: the languages, kinds and files this knowledge base is made of.
    site: "Site"
    languages: tuple[str, ...]
    categories: list[dict]
    causes: dict[str, Entry]
    solutions: dict[str, Entry]
    faqs: dict[str, Entry]
    checklists: dict[str, Entry]
    ui: dict[str, dict[str, str]]
    allowed_domains: dict
    files: dict[str, ParsedYaml] = field(default_factory=dict)
    tree: "Tree | None" = None
    # site-data/support-request.yml as read: the words of the support-request builder page.
    support_request: dict = field(default_factory=dict)
    # Draft builds only: where a translation fell back to English, and the data as written.
    draft_fallbacks: dict[str, list] = field(default_factory=dict)
    draft_sources: dict[str, object] = field(default_factory=dict)
    # What `kb validate` shows an editor although the data is valid (kb/qa: translations of outlying length).
    warnings: list = field(default_factory=list)
    # Reader words, synonyms and safety rules for search (kb/search/vocabulary.py).
    search_vocabulary: "SearchVocabulary | None" = None

    @property
    def content_date(self) -> str:
        """The newest review date in the knowledge base (YYYY-MM-DD): the date of the site's content."""
        return max((c["reviewed"] for c in self.causes.values()), default="2026-01-01")

    @property
    def content_timestamp(self) -> int:
        """content_date as seconds since the epoch, midnight UTC."""
        import datetime
        day = datetime.date.fromisoformat(self.content_date)
        return int(datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.timezone.utc).timestamp())

    def entries(self, kind: str) -> dict[str, Entry]:
        return {"cause": self.causes, "solution": self.solutions, "faq": self.faqs,
                "checklist": self.checklists}[kind]

    def causes_in(self, category_id: str) -> list[Entry]:
        return [c for c in self.causes.values() if c["category"] == category_id]

    def faqs_for(self, cause_id: str) -> list[Entry]:
        return [self.faqs[f] for f in self.causes[cause_id]["faqs"]]
