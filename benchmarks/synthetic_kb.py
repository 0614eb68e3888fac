"""Generate a synthetic knowledge base N times the size of the real one, for scale benchmarks.

    python benchmarks/synthetic_kb.py --factor 10 --out /tmp/kb-10x

The result is a complete site-data/ folder with the real schema, interface
strings and categories, in every language of site.yml, that passes `kb
validate --data OUT`. Every cause, solution, FAQ and checklist is kept and
copied factor-1 times under new ids (`<id>-x2` … `<id>-x10`). So that the copies
do not simply repeat their original word for word (which would make a search
index or a build unrealistically cheap), copy k of entry i takes each text field
from another entry of the same kind, rotated by k: the vocabulary, the lengths and
the mix of languages stay those of the real content, while the pages differ.

Cross-references are kept consistent: copy k of a cause uses copy k of its
solutions and FAQs, and copy k of a FAQ or checklist names copy k of its causes.
The troubleshooter keeps its questions; each outcome that offers a cause also
offers that cause's copies, so every cause stays reachable within the same
number of answers.
"""
from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
# Fields that hold ids of other entries, by kind (the kinds and their folders are in site.yml).
REFERENCES = {
    "cause": ("solutions", "faqs"),
    "solution": (),
    "faq": ("causes",),
    "checklist": ("causes",),
}
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def copy_id(entry_id: str, copy: int) -> str:
    """The id of copy `copy` (1 is the original itself)."""
    return entry_id if copy == 1 else f"{entry_id}-x{copy}"


def _is_text(value, languages) -> bool:
    return isinstance(value, dict) and set(value) == set(languages)


def _read(path: Path):
    return yaml.load(path.read_text(encoding="utf-8"), Loader=Loader)


def _write(path: Path, data, schema: str) -> None:
    header = f"# yaml-language-server: $schema=../schema/{schema}\n# Synthetic entry (benchmarks/synthetic_kb.py).\n"
    path.write_text(header + yaml.dump(data, Dumper=Dumper, allow_unicode=True, sort_keys=False, width=100000),
                    encoding="utf-8")


def _copy_entry(entries: list[tuple[str, dict]], index: int, copy: int, kind: str, languages) -> dict:
    """Copy `copy` of entries[index]: own structure, text fields rotated from other entries."""
    entry_id, data = entries[index]
    result = {}
    for position, (key, value) in enumerate(data.items()):
        if _is_text(value, languages):
            donor = entries[(index + (copy - 1) * (position + 1)) % len(entries)][1]
            result[key] = donor[key] if _is_text(donor.get(key), languages) else value
        elif key in REFERENCES[kind]:
            result[key] = [copy_id(ref, copy) for ref in value]
        else:
            result[key] = value
    return result


def generate(source: Path, target: Path, factor: int) -> dict[str, int]:
    """Write a knowledge base `factor` times the size of `source` into `target`; returns entry counts."""
    source, target = Path(source), Path(target)
    if target.exists():
        shutil.rmtree(target)
    target.mkdir(parents=True)
    from kb.site import load_site
    site = load_site(source)
    languages = site.codes
    kinds = {kind.folder: name for name, kind in site.kinds.items()}
    tree_file = site.files["tree"].file
    for item in source.iterdir():
        if item.name in kinds or item.name == tree_file:
            continue
        if item.is_dir():
            shutil.copytree(item, target / item.name)
        else:
            shutil.copy2(item, target / item.name)

    counts = {}
    for folder, schema in kinds.items():
        (target / folder).mkdir()
        entries = [(p.stem, _read(p)) for p in sorted((source / folder).glob("*.yml"))]
        for index, (entry_id, data) in enumerate(entries):
            for copy in range(1, factor + 1):
                body = data if copy == 1 else _copy_entry(entries, index, copy, schema, languages)
                _write(target / folder / f"{copy_id(entry_id, copy)}.yml", body, f"{schema}.schema.json")
        counts[folder] = len(entries) * factor

    tree = _read(source / tree_file)
    for question in tree["questions"].values():
        for answer in question["answers"]:
            if "causes" in answer:
                answer["causes"] = [copy_id(c, copy) for c in answer["causes"] for copy in range(1, factor + 1)]
    _write(target / tree_file, tree, "tree.schema.json")
    (target / tree_file).write_text((target / tree_file).read_text(encoding="utf-8")
                                     .replace("../schema/tree", "schema/tree"), encoding="utf-8")
    return counts


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--factor", type=int, default=10, help="how many times the real knowledge base (default 10)")
    parser.add_argument("--data", default=str(ROOT / "site-data"), help="the real site-data folder")
    parser.add_argument("--out", required=True, help="folder to write (replaced if it exists)")
    args = parser.parse_args(argv)
    counts = generate(Path(args.data), Path(args.out), args.factor)
    print(f"wrote {args.out}: " + ", ".join(f"{n} {folder}" for folder, n in counts.items()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
