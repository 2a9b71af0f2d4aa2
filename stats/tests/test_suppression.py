"""A table of cases with a cell of 3: the 3 is hidden, and no one can work it out from the totals."""

from __future__ import annotations

import pytest
from scipy.optimize import linprog

from stats.suppression import suppress

pytestmark = pytest.mark.django_db

# Cases by sex (rows) and year (columns): one small cell, the 3 women in 2024 from elsewhere.
TABLE = [
    [40, 3, 25],
    [18, 30, 12],
    [22, 15, 50],
]


def _range_of(cells: list[list[int | None]], row_totals: list[int | None], column_totals: list[int | None],
              total: int | None, target: tuple[int, int]) -> tuple[float, float]:
    """What an attacker with the published table can learn about one hidden cell: its lowest and highest
    possible value, by linear programming over every hidden cell (non-negative, adding up to every shown total)."""
    hidden = [(r, c) for r, row in enumerate(cells) for c, v in enumerate(row) if v is None]
    index = {rc: i for i, rc in enumerate(hidden)}
    a_eq, b_eq = [], []

    def line(positions: list[tuple[int, int]], shown_total: int | None) -> None:
        if shown_total is None:
            return
        coeffs = [0.0] * len(hidden)
        known = 0
        for rc in positions:
            if rc in index:
                coeffs[index[rc]] = 1.0
            else:
                known += cells[rc[0]][rc[1]]  # type: ignore[operator]
        a_eq.append(coeffs)
        b_eq.append(shown_total - known)

    rows, cols = len(cells), len(cells[0])
    for r in range(rows):
        line([(r, c) for c in range(cols)], row_totals[r])
    for c in range(cols):
        line([(r, c) for r in range(rows)], column_totals[c])
    line([(r, c) for r in range(rows) for c in range(cols)], total)
    objective = [0.0] * len(hidden)
    objective[index[target]] = 1.0
    low = linprog(objective, A_eq=a_eq, b_eq=b_eq, bounds=[(0, None)] * len(hidden)).fun
    high = -linprog([-x for x in objective], A_eq=a_eq, b_eq=b_eq, bounds=[(0, None)] * len(hidden)).fun
    return low, high


def test_a_cell_of_3_is_hidden_and_a_second_cell_with_it_in_its_row_and_column():
    shown = suppress(TABLE, threshold=11)
    assert shown.cells[0][1] is None
    assert shown.primary == 1
    assert shown.secondary >= 2
    for r, row in enumerate(shown.cells):
        hidden_in_row = sum(v is None for v in row)
        assert hidden_in_row in (0, 2, 3), f"row {r} has a single hidden cell"
    for c in range(3):
        hidden_in_column = sum(shown.cells[r][c] is None for r in range(3))
        assert hidden_in_column in (0, 2, 3), f"column {c} has a single hidden cell"


def test_the_totals_shown_are_the_true_totals():
    shown = suppress(TABLE, threshold=11)
    assert shown.row_totals == [68, 60, 87]
    assert shown.column_totals == [80, 48, 87]
    assert shown.total == 215


def test_subtracting_the_visible_cells_from_a_total_does_not_give_the_3_back():
    shown = suppress(TABLE, threshold=11)
    row = shown.cells[0]
    leftover = shown.row_totals[0] - sum(v for v in row if v is not None)  # type: ignore[operator]
    assert leftover != 3, "the row total minus the visible cells is the hidden cell"
    column = [shown.cells[r][1] for r in range(3)]
    leftover = shown.column_totals[1] - sum(v for v in column if v is not None)  # type: ignore[operator]
    assert leftover != 3


def test_even_a_linear_programme_over_all_totals_cannot_pin_the_3_down():
    shown = suppress(TABLE, threshold=11)
    low, high = _range_of(shown.cells, shown.row_totals, shown.column_totals, shown.total, (0, 1))
    assert low < 3 < high, (low, high)


def test_without_secondary_suppression_the_attack_would_succeed():
    """The attack is real: hide only the 3 and the totals give it back exactly."""
    only_primary: list[list[int | None]] = [list(r) for r in TABLE]
    only_primary[0][1] = None
    low, high = _range_of(only_primary, [68, 60, 87], [80, 48, 87], 215, (0, 1))
    assert round(low) == round(high) == 3


def test_a_single_row_table_hides_the_small_cell_and_one_more_and_no_column_total_gives_it_away():
    shown = suppress([[3, 40, 25, 12]], threshold=11)
    assert shown.cells[0][0] is None
    assert sum(v is None for v in shown.cells[0]) == 2
    assert shown.column_totals[0] is None
    assert shown.row_totals == [80]


def test_the_threshold_can_be_set():
    assert suppress(TABLE, threshold=3).cells[0][1] == 3
    assert suppress(TABLE, threshold=4).cells[0][1] is None


def test_a_small_row_total_is_hidden_with_another_so_the_grand_total_does_not_reveal_it():
    table = [[2, 1], [30, 40], [25, 20]]
    shown = suppress(table, threshold=11)
    assert shown.row_totals[0] is None
    assert sum(v is None for v in shown.row_totals) >= 2
    low, high = _range_of(shown.cells, shown.row_totals, shown.column_totals, shown.total, (0, 0))
    assert low < 2 < high or low < high


def test_the_staff_page_shows_a_cases_table_with_the_3_hidden(client, admin, add_cases, login_as):
    add_cases(40, year=2024, gender="Feminine")
    add_cases(3, year=2024, gender="Masculine")
    add_cases(30, year=2025, gender="Masculine")
    add_cases(20, year=2025, gender="Feminine")
    c = login_as(admin)
    response = c.get("/stats/", {"table": "cases_sex", "year_from": 2024, "year_to": 2025, "threshold": 11})
    assert response.status_code == 200
    html = response.content.decode()
    row = html.split("<th scope=\"row\">Male</th>")[1].split("</tr>")[0]
    assert ">3<" not in row
    assert "×" in row
    assert ">93<" in html  # the grand total
