"""The alias file: format and errors that name the file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.errors import ConfigError
from newsprism.resolve.aliases import load_aliases, parse_aliases

GOOD = """
# people the resolver keeps apart or cannot link
[[same]]
names = ["Tomas Alcazar", "Lestrade"]
type = "PERSON"
canonical = "Tomas Alcazar"

[[different]]
names = ["Ivan Petrov", "Ivana Petrova"]
"""


def test_good_file(tmp_path: Path) -> None:
    path = tmp_path / "aliases.toml"
    path.write_text(GOOD)
    rules = load_aliases(path)
    assert len(rules.same) == 1 and len(rules.different) == 1
    assert rules.same[0].keys == {"tomas alcazar", "lestrade"}
    assert rules.same[0].canonical == "Tomas Alcazar"
    assert rules.different[0].line == 8


@pytest.mark.parametrize(("text", "message"), [
    ("[[same]]\nnames = [\"A\"", "not valid TOML"),
    ("[[same]]\nnames = [\"Only One\"]\n", "line 1.*at least two"),
    ("\n[[same]]\nnames = [\"A b\", \"C d\"]\ntype = \"ROBOT\"\n", "line 2.*ROBOT"),
    ("[[same]]\nnames = [\"A b\", \"C d\"]\ncanonical = \"E f\"\n", "canonical"),
    ("[[same]]\nnames = [\"A b\", \"C d\"]\ncolour = 1\n", "unknown field 'colour'"),
    ("[[merge]]\nnames = [\"A b\", \"C d\"]\n", "line 1.*unknown section 'merge'"),
    ("same = 3\n", "array of tables"),
    ("[[different]]\nnames = [\"A b\", \"the a b's\"]\n", "same name"),
])
def test_bad_files_name_the_problem(text: str, message: str) -> None:
    with pytest.raises(ConfigError, match=message) as info:
        parse_aliases(text, "mine.toml")
    assert "mine.toml" in str(info.value)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot be read"):
        load_aliases(tmp_path / "nope.toml")
