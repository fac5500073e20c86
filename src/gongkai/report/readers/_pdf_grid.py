"""A ruled table's cells from page geometry: ruling lines give a fine grid, gaps give spans.

Every x of a vertical rule and every y of a horizontal rule inside the table make a fine grid; two
neighbouring fine cells belong to one printed cell when no rule separates them, so a tall merged
cell (三、本年度办理结果 spanning twenty rows) is one cell. Characters go to the cell holding
their centre.
"""

from __future__ import annotations

from bisect import bisect_right

_TOL = 2.0  # points: rules this close are one rule; a rule this short of a point still covers it
_MAX_CELLS = 20_000  # 表三 is 30 rows by 10 columns; a finer grid of rules is a pattern


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= _TOL:
            continue
        out.append(v)
    return out


def table_grid(
    edges: list[dict], chars: list[dict], bbox: tuple[float, float, float, float]
) -> list[list[str | None]]:
    """Rows of the table; each holds the text of cells starting there, None where a span goes on."""
    x0, top, x1, bottom = bbox
    inside = [
        e for e in edges
        if e["x0"] >= x0 - _TOL and e["x1"] <= x1 + _TOL and e["top"] >= top - _TOL and e["bottom"] <= bottom + _TOL
    ]  # fmt: skip
    vertical = [e for e in inside if e["orientation"] == "v"]
    horizontal = [e for e in inside if e["orientation"] == "h"]
    xs = _cluster([e["x0"] for e in vertical])
    ys = _cluster([e["top"] for e in horizontal])
    if len(xs) < 2 or len(ys) < 2:
        return []
    rows, cols = len(ys) - 1, len(xs) - 1
    if rows * cols > _MAX_CELLS:
        return []  # no report's table: a grid of lines drawn as a pattern

    # The rules at each grid line, found once: asking every rule of the table for every fine
    # cell takes time cubic in the grid's size (a page of hundreds of rules takes minutes).
    v_at = [[e for e in vertical if abs(e["x0"] - x) <= _TOL] for x in xs]
    h_at = [[e for e in horizontal if abs(e["top"] - y) <= _TOL] for y in ys]

    def ruled_v(c: int, ya: float, yb: float) -> bool:
        ym = (ya + yb) / 2
        return any(e["top"] - _TOL <= ym <= e["bottom"] + _TOL for e in v_at[c])

    def ruled_h(r: int, xa: float, xb: float) -> bool:
        xm = (xa + xb) / 2
        return any(e["x0"] - _TOL <= xm <= e["x1"] + _TOL for e in h_at[r])

    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not ruled_v(c + 1, ys[r], ys[r + 1]):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not ruled_h(r + 1, xs[c], xs[c + 1]):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)

    start: dict[int, tuple[int, int]] = {}  # group -> its top-left fine cell
    for r in range(rows):
        for c in range(cols):
            start.setdefault(find(r * cols + c), (r, c))

    texts: dict[int, list[dict]] = {}
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        c, r = bisect_right(xs, cx) - 1, bisect_right(ys, cy) - 1
        if 0 <= r < rows and 0 <= c < cols:
            texts.setdefault(find(r * cols + c), []).append(ch)

    grid: list[list[str | None]] = [[None] * cols for _ in range(rows)]
    for group, (r, c) in start.items():
        grid[r][c] = _text(texts.get(group, []))
    return [row for row in grid if any(cell is not None for cell in row)]


def _text(chars: list[dict]) -> str:
    """Characters in reading order, one line per baseline."""
    lines: list[list[dict]] = []
    for ch in sorted(chars, key=lambda ch: (ch["top"], ch["x0"])):
        if lines and abs(ch["top"] - lines[-1][0]["top"]) <= _TOL:
            lines[-1].append(ch)
        else:
            lines.append([ch])
    return "\n".join(
        "".join(ch["text"] for ch in sorted(line, key=lambda ch: ch["x0"])) for line in lines
    )
