"""The YAML reader keeps a line for every key and refuses YAML 1.1 traps."""
from kb.yamlsource import parse_yaml


def test_lines_are_recorded_for_keys_and_list_items():
    parsed = parse_yaml("title:\n  en: Hello\nsteps:\n  - a\n  - b\n", "x.yml")
    assert parsed.problems == []
    assert parsed.value == {"title": {"en": "Hello"}, "steps": ["a", "b"]}
    assert parsed.line_of(("title", "en")) == 2
    assert parsed.line_of(("steps", 1)) == 5
    # A missing key reports the line of its closest existing parent.
    assert parsed.line_of(("title", "fr")) == 1


def test_yes_no_words_must_be_quoted_but_true_false_are_booleans():
    parsed = parse_yaml("a: yes\nb: Off\nc: true\nd: 'No'\n", "x.yml")
    assert [p.key for p in parsed.problems] == ["a", "b"]
    assert parsed.value["c"] is True and parsed.value["d"] == "No"


def test_octal_and_sexagesimal_numbers_are_refused_plain_numbers_kept():
    parsed = parse_yaml("a: 0123\nb: 1:20\nc: 12\nd: 1.5\n", "x.yml")
    assert [p.key for p in parsed.problems] == ["a", "b"]
    assert parsed.value["c"] == 12 and parsed.value["d"] == 1.5


def test_dates_stay_text_for_the_schema_to_check():
    assert parse_yaml("reviewed: 2026-11-22\n", "x.yml").value == {"reviewed": "2026-11-22"}


def test_python_tags_are_refused():
    parsed = parse_yaml("a: !!python/object/apply:os.system ['true']\n", "x.yml")
    assert parsed.problems and "tag" in parsed.problems[0].message


def test_empty_file_is_a_problem():
    assert parse_yaml("# only a comment\n", "x.yml").problems[0].message == "the file is empty"


def test_an_unquoted_text_cut_by_a_comment_is_a_problem_on_the_line_of_the_cut():
    parsed = parse_yaml("title:\n  en: Use permit #2 (new card)\n  fr: >-\n    Permis\n    numéro #2\n", "f.yml")
    assert parsed.value == {"title": {"en": "Use permit", "fr": "Permis numéro #2"}}
    # The folded block keeps its `#`; only the plain text lost the end of its line.
    assert [(p.line, p.key) for p in parsed.problems] == [(2, "title.en")]
    assert "` #2 (new card)` as a comment" in parsed.problems[0].message
    assert "quotes" in parsed.problems[0].fix and "|-" in parsed.problems[0].fix
    spread = parse_yaml("en: A valid one, for\n  example passport #2.\n", "f.yml")
    assert [(p.line, p.key) for p in spread.problems] == [(2, "en")]


def test_a_hash_inside_a_text_or_a_comment_after_quoted_text_is_fine():
    parsed = parse_yaml('a: Step#2 and C# both stay\nb: "quoted" # a comment\n# a line of its own\nc: plain\n', "f.yml")
    assert parsed.problems == []
    assert parsed.value == {"a": "Step#2 and C# both stay", "b": "quoted", "c": "plain"}


def test_a_part_of_a_text_over_several_lines_is_found_on_its_own_line():
    source = ("a:\n  en: |-\n    one\n\n    two <b>x</b>\n    two <b>again\n"
              "  fr: >-\n    un\n    deux <i>\n    trois <i>\n"
              "  ja: plain text\n    over <u> two lines\n"
              "  ko: \"one <s> line\"\nb: 1\n")
    parsed = parse_yaml(source, "x.yml")
    assert parsed.problems == []
    texts = parsed.value["a"]
    # A literal block keeps its lines, blank ones included: the count is exact.
    assert parsed.line_in(("a", "en"), texts["en"], "<b>x") == 5
    assert parsed.line_in(("a", "en"), texts["en"], "<b>again") == 6
    # Folded and plain texts were joined: the first line that holds the part.
    assert parsed.line_in(("a", "fr"), texts["fr"], "<i>") == 9
    assert parsed.line_in(("a", "ja"), texts["ja"], "<u>") == 12
    # A one-line text, a part that is not in it, or no part: the key's line.
    assert parsed.line_in(("a", "ko"), texts["ko"], "<s>") == 13
    assert parsed.line_in(("a", "en"), texts["en"], "<p>") == 2
    assert parsed.line_in(("a", "en"), texts["en"], "") == 2
    # A text put in place of the written one (a draft build's English): never a line outside the block.
    assert parsed.line_in(("a", "en"), "x\ny\nz\nw\n<b>x", "<b>x") == 5
    assert parsed.line_in(("a", "en"), "<u>", "<u>") == 2
