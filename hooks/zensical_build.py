"""Zensical adapter: builds the pages that `kb export` wrote, one Zensical build per language.

Zensical (the successor of Material for MkDocs) reads mkdocs.yml but runs no MkDocs
hooks and no plugins such as mkdocs-static-i18n. So the knowledge base's pages come
from `kb export` (every language's final Markdown as plain files), and this script
gives Zensical what the MkDocs hook and the i18n plugin give MkDocs:

- one configuration per language, made from mkdocs.yml: that language's folder of
  pages, its site name and description (the i18n entry), its theme language, its
  interface strings and search links for the theme overrides (extra.kb_ui,
  extra.kb_links: no hook can set template globals), the colour toggles' names, and
  a language menu (extra.alternate) that leads to the home page of each language;
- one `zensical build` per language, the default language at the site root and the
  others under /<code>/, as the MkDocs build lays them out;
- the whole site assembled in a staging folder and swapped in only when every
  language built (kb/staging.py), so a failed build leaves the previous one.

Search indexing is a step of its own after this (`kb index SITE_DIR`), as the
Makefile's build-zensical runs it. The differences from the MkDocs build are listed
in BENCHMARKS.md ("Zensical").

  python hooks/zensical_build.py --pages .zensical/pages --work .zensical --out site-zensical
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import yaml

from kb.pages import page_url
from kb.site import load_site
from kb.staging import publish, staging_dir_for

ROOT = Path(__file__).resolve().parent.parent
# mkdocs.yml settings that only MkDocs acts on: Zensical runs no hooks or plugins, and
# it would read `watch` as extra files to watch.
MKDOCS_ONLY = ("hooks", "plugins", "watch", "INHERIT")
ANSI_CODES = re.compile(r"\x1b\[[0-9;]*m")


class _MkDocsLoader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for the two tags it uses."""


def _environment_value(loader, node):
    """`!ENV [NAME, default]`: the variable if set, else the default (as MkDocs' pyyaml-env-tag)."""
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else \
        [loader.construct_scalar(child) for child in node.value[:-1]]
    default = None if isinstance(node, yaml.ScalarNode) else loader.construct_object(node.value[-1])
    for name in names:
        if name in os.environ:
            return yaml.safe_load(os.environ[name])
    return default


def _python_object(loader, suffix, node):
    """`!!python/object/apply:NAME {kwds: ...}` as Zensical's own form of it, {object: NAME, kwds: ...}."""
    kwds = loader.construct_mapping(node, deep=True).get("kwds", {}) if isinstance(node, yaml.MappingNode) else {}
    return {"object": suffix, "kwds": kwds}


_MkDocsLoader.add_constructor("!ENV", _environment_value)
_MkDocsLoader.add_multi_constructor("tag:yaml.org,2002:python/object/apply:", _python_object)


def read_mkdocs_config(path: Path) -> dict:
    with open(path, encoding="utf-8") as file:
        return yaml.load(file, Loader=_MkDocsLoader)


def language_config(mkdocs: dict, site, language: str, ui: dict, pages: Path, site_dir: Path) -> dict:
    """The Zensical configuration of one language, from mkdocs.yml."""
    config = {key: value for key, value in mkdocs.items() if key not in MKDOCS_ONLY}
    i18n = {entry["locale"]: entry for entry in mkdocs.get("plugins", {}).get("i18n", {}).get("languages", [])}
    entry = i18n.get(language, {})
    for key in ("site_name", "site_description"):
        if entry.get(key):
            config[key] = entry[key]
    prefix = "" if language == site.default_language else f"{language}/"
    if config.get("site_url"):
        config["site_url"] = config["site_url"].rstrip("/") + "/" + prefix
    config["docs_dir"] = str(pages)
    config["site_dir"] = str(site_dir)
    theme = dict(config["theme"])
    theme["custom_dir"] = str(ROOT / theme["custom_dir"])
    theme["language"] = language
    # Zensical's look closest to Material for MkDocs, whose overrides these are.
    theme["variant"] = "classic"
    theme["palette"] = [_named_toggle(palette, ui) for palette in theme.get("palette", [])]
    config["theme"] = theme
    extra = dict(config.get("extra") or {})
    extra["kb_ui"] = ui
    extra["kb_links"] = {"troubleshoot": page_url(site.files["tree"].page + "index.md", language, language),
                         "causes": page_url(site.kinds["cause"].index.page, language, language)}
    # Each language is a site of its own here: the menu links from this language's root
    # to the root of every language (MkDocs' i18n plugin links to the same page instead).
    root = "" if language == site.default_language else "../"
    extra["alternate"] = [{"name": i18n.get(code, {}).get("name", site.language(code).native),
                           "link": root + ("" if code == site.default_language else f"{code}/") or "./",
                           "lang": code} for code in site.codes]
    # The search index and its addresses are below the whole site's root (kb-search.html).
    if root:
        extra["kb_site_root"] = root
    config["extra"] = extra
    # Zensical's own search would index and search the six languages apart from ours;
    # the site's search is the header box, indexed afterwards by `kb index`.
    config["plugins"] = {"search": {"enabled": False}}
    return config


def _named_toggle(palette: dict, ui: dict) -> dict:
    """A colour scheme with its toggle named in the page's language, as the MkDocs hook names it."""
    palette = dict(palette)
    if palette.get("toggle"):
        palette["toggle"] = dict(palette["toggle"],
                                 name=ui["theme.dark_mode" if palette.get("scheme") == "default" else "theme.light_mode"])
    return palette


def build(pages: Path, work: Path, out: Path, config_file: Path, data_dir: Path) -> dict[str, float]:
    """Build every language exported in pages/; returns the seconds of each language's build."""
    site = load_site(data_dir)
    mkdocs = read_mkdocs_config(config_file)
    missing = [code for code in site.codes if not (pages / code).is_dir()]
    if missing:
        raise SystemExit(f"{pages}/ has no pages for {', '.join(missing)}: run `kb export --out {pages}` first")
    work.mkdir(parents=True, exist_ok=True)
    staging = Path(staging_dir_for(str(out)))
    shutil.rmtree(staging, ignore_errors=True)
    seconds = {}
    # The default language first: its build is the site root, the others go into it.
    for language in sorted(site.codes, key=lambda code: code != site.default_language):
        ui = yaml.load((data_dir / "ui" / f"{language}.yml").read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)
        built = work / "site" / language
        shutil.rmtree(built, ignore_errors=True)
        # Zensical wants the pages and the site inside the folder of its configuration.
        config = language_config(mkdocs, site, language, ui, Path(os.path.relpath(pages / language, work)),
                                 built.relative_to(work))
        config_path = work / f"zensical.{language}.yml"
        config_path.write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        started = time.perf_counter()
        # --clean: no cache from an earlier build, so every build converts every page (and is timed fairly).
        result = subprocess.run([sys.executable, "-m", "zensical", "build", "--clean", "--strict", "-f",
                                 config_path.name], cwd=work, capture_output=True, text=True)
        seconds[language] = time.perf_counter() - started
        # Zensical colours its report even into a pipe; the log is read by people and tests.
        report = ANSI_CODES.sub("", result.stdout + result.stderr).strip()
        print(f"{language}: " + report.replace("\n", "\n    "))
        if result.returncode != 0 or not (built / "index.html").is_file():
            # The previous site stays as it was; the half-assembled one goes.
            shutil.rmtree(staging, ignore_errors=True)
            raise SystemExit(f"zensical build of {language} failed")
        if language == site.default_language:
            shutil.copytree(built, staging)
        else:
            # One 404 page serves every language, at the root, in the default language (as MkDocs').
            (built / "404.html").unlink(missing_ok=True)
            shutil.copytree(built, staging / language)
    publish(staging, out)
    return seconds


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", required=True, type=Path, help="the folder `kb export --out` wrote")
    parser.add_argument("--work", required=True, type=Path, help="a folder for the configurations and builds")
    parser.add_argument("--out", required=True, type=Path, help="the site folder to write")
    parser.add_argument("--config", default=ROOT / "mkdocs.yml", type=Path, help="the MkDocs configuration to follow")
    parser.add_argument("--data", default=Path("site-data"), type=Path, help="the site-data folder")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    seconds = build(args.pages, args.work, args.out, args.config, args.data)
    print(f"zensical built {len(seconds)} languages into {args.out}/ in {time.perf_counter() - started:.2f} s ("
          + ", ".join(f"{language} {value:.2f} s" for language, value in seconds.items()) + ")")
    return 0


if __name__ == "__main__":
    sys.exit(main())
