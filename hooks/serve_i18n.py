"""The preview server's copy of mkdocs-static-i18n's file bookkeeping: each file is sorted once.

i18n makes a new File for every file of every language build (1,900 per language: the generated
pages of all six languages are registered in each, see site_hooks.on_files), with pathlib
operations costing a fifth of a profiled rebuild once the pages themselves are reused. The result
is a function of the few values create_i18n_file reads, so under `mkdocs serve` it is made once
and each build gets a fresh copy (the build then attaches pages and alternates to it). Only for
the i18n version this was read against; any other keeps the plugin's own function.
"""
from __future__ import annotations

import copy
from importlib import metadata

from mkdocs_static_i18n import suffix

CHECKED_VERSION = "1.3.1"


def reuse_i18n_files() -> bool:
    """Install the reusing create_i18n_file; False (nothing changed) for another i18n version."""
    if metadata.version("mkdocs-static-i18n") != CHECKED_VERSION or getattr(suffix, "_kb_reusing", False):
        return False
    create = suffix.create_i18n_file
    made: dict[tuple, object] = {}

    def create_i18n_file(file, current_language, default_language, all_languages, config):
        key = (file.src_path, file.dest_path, file.dest_uri, file.inclusion, file.generated_by,
               config.docs_dir, config.site_dir, config.use_directory_urls,
               current_language, default_language, tuple(all_languages))
        if key not in made:
            made[key] = _fresh(create(file, current_language, default_language, all_languages, config),
                               current_language)
        return _fresh(made[key], current_language)

    suffix.create_i18n_file = create_i18n_file
    suffix._kb_reusing = True
    return True


def _fresh(file, current_language: str):
    """A copy of a just-sorted File with nothing shared that a build changes: it lists itself as
    its only alternate, exactly as create_i18n_file leaves it."""
    new = copy.copy(file)
    new.alternates = {current_language: new}
    return new
