"""The one exception that `framing` raises for bad input.

Every message names where the problem is (file, line, field) so that a
researcher can fix the input without reading a traceback from inside pandas.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["InputError"]


class InputError(ValueError):
    """Bad input data: a file, a row or a field that `framing` cannot use.

    Parameters
    ----------
    message : str
        What is wrong, in words a researcher can act on.
    path : str or Path, optional
        The file the problem is in.
    line : int, optional
        1-based line number in that file (the header of a table is line 1).
    field : str, optional
        The column or field name.

    Examples
    --------
    >>> raise InputError("not an ISO date", path="data/articles.csv", line=3, field="date")
    Traceback (most recent call last):
    ...
    framing.errors.InputError: data/articles.csv, line 3, field 'date': not an ISO date
    """

    def __init__(
        self,
        message: str,
        *,
        path: str | Path | None = None,
        line: int | None = None,
        field: str | None = None,
    ) -> None:
        self.reason = message
        self.path = None if path is None else str(path)
        self.line = line
        self.field = field
        where = []
        if self.path is not None:
            where.append(self.path)
        if line is not None:
            where.append(f"line {line}")
        if field is not None:
            where.append(f"field {field!r}")
        super().__init__(", ".join(where) + ": " + message if where else message)
