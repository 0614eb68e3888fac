"""One-file editions of the offline copy: a ZIM file (Kiwix) and a single HTML file per language.

The offline copy (a folder of files opened over file://) needs a laptop: a phone's
browser gets one file from its file manager, not a folder, and mail filters refuse
the zip's scripts. Both editions are made from the copy as built (kb/editions/pages.py),
by the offline build after its zip (hooks/site_hooks.py) or by `kb editions SITE_DIR`.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

from ..search.documents import directory_form
from .pages import LanguageEdition, read_language
from .single_html import write_single_html
from .zim import ZimWords, write_zim

ZIM_FILE = "{name}-{language}.zim"
HTML_FILE = "{name}-{language}.html"
# What the offline build writes; "pdf" (kb/editions/pdf.py) needs a browser, so only on request.
FORMS = ("zim", "html")
ALL_FORMS = ("zim", "html", "pdf")


@dataclass(frozen=True)
class Edition:
    language: str
    form: str
    path: Path

    def describe(self) -> str:
        return f"{self.path} ({self.path.stat().st_size / 1e6:.2f} MB)"


def write_editions(site_dir: Path, out_dir: Path, name: str, site, ui: dict[str, dict[str, str]],
                   date: datetime.date, forms: tuple[str, ...] = FORMS,
                   languages: tuple[str, ...] | None = None, vocabulary=None) -> list[Edition]:
    """Write the editions of site's languages (a kb.site.Site; `languages`: only these) from the
    offline copy at site_dir.

    name is the stem of the file names and of the ZIM Name ("kyc-help" → kyc-help-en.zim);
    ui holds each language's interface strings (site-data/ui), date the edition's date.
    The PDF is printed from the single HTML file, which is then written too. vocabulary
    (kb.search's SearchVocabulary) gives the ZIM's index the readers' words of each page.
    """
    written = []
    for language in languages or site.codes:
        edition = read_language(Path(site_dir), language, site.codes, site.default_language)
        if "zim" in forms:
            words = ZimWords(title=ui[language]["zim.title"], description=ui[language]["zim.description"],
                             creator=ui[language]["zim.creator"])
            target = Path(out_dir) / ZIM_FILE.format(name=name, language=language)
            keywords = page_keywords(edition, vocabulary.page_words.get(language, {})) if vocabulary else None
            written.append(Edition(language, "zim", write_zim(edition, target, words, date, name, keywords)))
        if "html" in forms or "pdf" in forms:
            target = Path(out_dir) / HTML_FILE.format(name=name, language=language)
            written.append(Edition(language, "html", write_single_html(edition, target)))
    if "pdf" in forms:
        from .pdf import print_pdfs
        html = [edition for edition in written if edition.form == "html"]
        for edition, pdf in zip(html, print_pdfs([edition.path for edition in html])):
            written.append(Edition(edition.language, "pdf", pdf))
    return written


def page_keywords(edition: LanguageEdition, page_words: dict[str, list[str]]) -> dict[str, list[str]]:
    """The search vocabulary's words by page path ("causes/x.html"), from its page keys
    ("causes/x/", and "faq/#question" for an entry of a page that holds many)."""
    by_path: dict[str, list[str]] = {}
    for path in edition.pages:
        key = directory_form(path)
        by_path[path] = [word for page_key, words in page_words.items()
                         if page_key == key or page_key.startswith(key + "#") for word in words]
    return by_path
