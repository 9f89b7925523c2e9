"""Reading the source text of a regular expression: where a group or class ends, its top-level ``|``.

The lexicon, marker and boilerplate tables are regular expressions written by researchers;
the coder reads a little of their structure (a leading group's alternatives, whether a ``|``
is outside any group) to choose a faster but equivalent way to search them. These helpers
read the pattern *text* with the rules of Python's ``re`` syntax that matter here (escapes,
character classes, whose ``]`` right after ``[`` or ``[^`` is a literal, and parentheses),
so that no private part of the ``re`` package is needed.
"""

from __future__ import annotations

__all__ = ["class_end", "group_end", "top_level_split"]


def class_end(pattern: str, i: int) -> int:
    """Index after the ``]`` closing the character class that opens at ``pattern[i]``.

    Example
    -------
    >>> class_end("[]a]b", 0)
    4
    """
    j = i + 1
    if pattern[j : j + 1] == "^":
        j += 1
    if pattern[j : j + 1] == "]":
        j += 1
    while j < len(pattern) and pattern[j] != "]":
        j += 2 if pattern[j] == "\\" else 1
    return j + 1


def _top_level(pattern: str, start: int = 0):
    """Yield ``(index, character, depth)`` of every character outside escapes and classes."""
    depth, j = 0, start
    while j < len(pattern):
        c = pattern[j]
        if c == "\\":
            j += 2
            continue
        if c == "[":
            j = class_end(pattern, j)
            continue
        if c == "(":
            depth += 1
        elif c == ")":
            depth -= 1
        yield j, c, depth
        j += 1


def group_end(pattern: str, i: int) -> int | None:
    """Index of the ``)`` closing the group that opens at ``pattern[i]`` (None when it is not closed).

    Example
    -------
    >>> group_end(r"(?:a|\\)|[)])x", 0)
    11
    """
    for j, c, depth in _top_level(pattern, i):
        if c == ")" and depth == 0:
            return j
    return None


def top_level_split(pattern: str) -> list[str]:
    """`pattern` split on its ``|`` outside any group or character class.

    Example
    -------
    >>> top_level_split(r"a|(b|c)|[|]d")
    ['a', '(b|c)', '[|]d']
    """
    parts, last = [], 0
    for j, c, depth in _top_level(pattern):
        if c == "|" and depth == 0:
            parts.append(pattern[last:j])
            last = j + 1
    parts.append(pattern[last:])
    return parts
