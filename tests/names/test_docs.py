"""The examples in docs/names.md run and give what the page says."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from undercount.names import keys, romanize, similarity

DOCS = Path(__file__).resolve().parents[2] / "docs" / "names.md"
EXAMPLE = re.compile(
    r"^(?P<call>(?:romanize|similarity|keys)\(.*\))\s+#\s+(?P<result>'[^']*'|[\d.]+)"
)
FUNCTIONS = {"romanize": romanize, "similarity": similarity, "keys": keys}


def _examples() -> list[tuple[str, str]]:
    return [
        (match["call"], match["result"])
        for line in DOCS.read_text("utf-8").splitlines()
        if (match := EXAMPLE.match(line))
    ]


@pytest.mark.parametrize(("call", "result"), _examples())
def test_docs_example(call: str, result: str) -> None:
    tree = ast.parse(call, mode="eval").body
    assert isinstance(tree, ast.Call) and isinstance(tree.func, ast.Name)
    arguments = [ast.literal_eval(argument) for argument in tree.args]
    assert FUNCTIONS[tree.func.id](*arguments) == ast.literal_eval(result)


def test_docs_have_examples() -> None:
    assert len(_examples()) >= 4
