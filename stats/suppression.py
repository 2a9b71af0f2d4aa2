"""Small-cell suppression of a two-way table, with complementary (secondary) suppression.

Primary: every cell with 0 < count < threshold is hidden (CTDC publishes nothing rarer than 11).
Secondary: a hidden cell must not be recoverable by subtracting the visible cells of its row or column
from the row or column total, so every row and every column holding a hidden cell must hold at least
two; the smallest other non-zero cell of such a line is hidden too (a zero only when there is nothing
else), and this repeats until no line has a single hidden cell. The same rule guards the margins:
a row total below the threshold is hidden, and a second one with it, so the grand total does not give
it back. Totals that are shown are the true totals, so the table stays consistent.

Why hand-written: the statistical disclosure control packages (sdcTable, tau-Argus) are R and Java;
no maintained Python package does cell suppression of tables. The rule is the textbook one (each
suppressed cell's row and column has at least two suppressed cells); the tests attack it with a
linear programme.
"""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_THRESHOLD = 11


@dataclass
class Suppressed:
    """A table as it may be shown: None where a value is hidden."""

    cells: list[list[int | None]]
    row_totals: list[int | None]
    column_totals: list[int | None]
    total: int | None
    primary: int  # cells hidden because they are small
    secondary: int  # cells hidden so that the small ones cannot be worked out


def _complete_line(values: list[int], hidden: set[int]) -> int | None:
    """The index to hide next in a line with exactly one hidden entry: the smallest other non-zero, else a zero."""
    if len(hidden) != 1 or len(values) < 2:
        return None
    others = [i for i in range(len(values)) if i not in hidden]
    positive = [i for i in others if values[i] > 0]
    pool = positive or others
    return min(pool, key=lambda i: (values[i], i))


def _protect_vector(values: list[int], threshold: int) -> set[int]:
    hidden = {i for i, v in enumerate(values) if 0 < v < threshold}
    extra = _complete_line(values, hidden)
    if extra is not None:
        hidden.add(extra)
    return hidden


def suppress(cells: list[list[int]], threshold: int = DEFAULT_THRESHOLD) -> Suppressed:
    rows = len(cells)
    cols = len(cells[0]) if rows else 0
    hidden = {(r, c) for r in range(rows) for c in range(cols) if 0 < cells[r][c] < threshold}
    primary = len(hidden)
    changed = True
    while changed:
        changed = False
        for r in range(rows):
            line = {c for c in range(cols) if (r, c) in hidden}
            c = _complete_line(cells[r], line)
            if c is not None:
                hidden.add((r, c))
                changed = True
        for c in range(cols):
            column = [cells[r][c] for r in range(rows)]
            line = {r for r in range(rows) if (r, c) in hidden}
            row = _complete_line(column, line)
            if row is not None:
                hidden.add((row, c))
                changed = True
    row_totals = [sum(row) for row in cells]
    column_totals = [sum(cells[r][c] for r in range(rows)) for c in range(cols)]
    total = sum(row_totals)
    hidden_rows = _protect_vector(row_totals, threshold)
    hidden_cols = _protect_vector(column_totals, threshold)
    # A line of one cell: its total is the cell itself.
    if cols == 1:
        hidden_rows |= {r for r in range(rows) if (r, 0) in hidden}
    if rows == 1:
        hidden_cols |= {c for c in range(cols) if (0, c) in hidden}
    show_total = not (0 < total < threshold)
    return Suppressed(
        cells=[[None if (r, c) in hidden else cells[r][c] for c in range(cols)] for r in range(rows)],
        row_totals=[None if r in hidden_rows else v for r, v in enumerate(row_totals)],
        column_totals=[None if c in hidden_cols else v for c, v in enumerate(column_totals)],
        total=total if show_total else None,
        primary=primary,
        secondary=len(hidden) - primary,
    )
