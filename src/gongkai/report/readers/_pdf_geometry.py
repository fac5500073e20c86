"""Ruling lines, characters and ruled-table regions of a PDF page, from pdfium.

pdfium (C) gives every path object's bounds, draw mode and segments, and every character's box,
in a few milliseconds per page; a pure-Python PDF parser needs ~100 ms to interpret a page's
content stream. Coordinates are returned measured from the top of the page (as `_pdf_grid`
expects): x0, x1, top, bottom.

- A thin filled or stroked path (≤ 3 pt across) is one rule: the usual way Word, WPS and
  WeasyPrint draw cell borders.
- A stroked path is split into its straight horizontal and vertical segments (cell outlines
  drawn as rectangles, grids drawn in one path).
- A large filled path that is not stroked is a background (page or cell shading): no rule.
"""

from __future__ import annotations

import ctypes

import pypdfium2 as pdfium
import pypdfium2.raw as raw

_THIN = 3.0
# A report's page holds a few hundred rules at most (a table drawn cell by cell); every pair of
# rules is compared, so a page of thousands would take seconds.
_MAX_RULES = 1500
# A report's page holds under 1,000 objects (text runs, paths, images); one of more is a drawing
# (a chart, a map, a pattern), and walking its paths costs microseconds each.
_MAX_OBJECTS = 20_000
_TOL = 2.0


def page_objects(page: pdfium.PdfPage) -> int:
    """The objects on the page (text runs, paths, images, forms), which pdfium parsed to load it."""
    return raw.FPDFPage_CountObjects(page.raw)


def objects_walked(page: pdfium.PdfPage) -> int:
    """The objects `page_edges` walks on the page: all of them, or none on a drawing."""
    count = page_objects(page)
    return count if count <= _MAX_OBJECTS else 0


def rule_pairs(edges: list[dict]) -> int:
    """The pairs of rules `table_regions` compares (none past _MAX_RULES)."""
    if len(edges) > _MAX_RULES:
        return 0
    horizontal = sum(1 for e in edges if e["orientation"] == "h")
    return horizontal * (len(edges) - horizontal)


def page_edges(page: pdfium.PdfPage) -> list[dict]:
    if not objects_walked(page):
        return []  # an empty page, or a drawing: its text is read as lines
    _left, _bottom, _right, top = page.get_bbox()
    edges: list[dict] = []
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    for obj in page.get_objects(filter=[raw.FPDF_PAGEOBJ_PATH], max_depth=1):
        left, b, r, t = obj.get_bounds()
        raw.FPDFPath_GetDrawMode(obj.raw, fill, stroke)
        filled, stroked = fill.value != 0, bool(stroke.value)
        if not (filled or stroked):
            continue
        width, height = r - left, t - b
        if min(width, height) <= _THIN:
            if width > _THIN:
                edges.append(_edge(left, r, top - (b + t) / 2, top - (b + t) / 2))
            elif height > _THIN:
                edges.append(_edge((left + r) / 2, (left + r) / 2, top - t, top - b))
        elif stroked:
            edges.extend(_segments(obj, top))
    return edges


def _edge(x0: float, x1: float, y0: float, y1: float) -> dict:
    return {"x0": x0, "x1": x1, "top": y0, "bottom": y1, "orientation": "h" if y0 == y1 else "v"}


def _segments(obj: pdfium.PdfObject, top: float) -> list[dict]:
    matrix = raw.FS_MATRIX()
    if not raw.FPDFPageObj_GetMatrix(obj.raw, matrix):
        return []
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    x, y = ctypes.c_float(), ctypes.c_float()
    points: list[tuple[float, float, int, bool]] = []
    for i in range(raw.FPDFPath_CountSegments(obj.raw)):
        segment = raw.FPDFPath_GetPathSegment(obj.raw, i)
        raw.FPDFPathSegment_GetPoint(segment, x, y)
        px, py = a * x.value + c * y.value + e, b * x.value + d * y.value + f
        points.append(
            (
                px,
                top - py,
                raw.FPDFPathSegment_GetType(segment),
                bool(raw.FPDFPathSegment_GetClose(segment)),
            )
        )
    out: list[dict] = []
    start = previous = None
    for px, py, kind, close in points:
        if kind == raw.FPDF_SEGMENT_MOVETO:
            start = previous = (px, py)
            continue
        if kind == raw.FPDF_SEGMENT_LINETO and previous is not None:
            out.extend(_straight(previous, (px, py)))
        previous = (px, py)
        if close and start is not None:
            out.extend(_straight(previous, start))
            previous = start
    return out


def _straight(p: tuple[float, float], q: tuple[float, float]) -> list[dict]:
    (x0, y0), (x1, y1) = p, q
    if abs(y0 - y1) <= 0.5 and abs(x1 - x0) > _THIN:
        return [_edge(min(x0, x1), max(x0, x1), y0, y0)]
    if abs(x0 - x1) <= 0.5 and abs(y1 - y0) > _THIN:
        return [_edge(x0, x0, min(y0, y1), max(y0, y1))]
    return []


def page_chars(page: pdfium.PdfPage, textpage: pdfium.PdfTextPage) -> list[dict]:
    _left, _bottom, _right, top = page.get_bbox()
    chars = []
    # Loose boxes (font ascent to descent) share one top along a line; tight glyph boxes do not
    # ("一" is a thin stroke), and lines are grouped by top.
    box = raw.FS_RECTF()
    for i in range(raw.FPDFText_CountChars(textpage.raw)):
        code = raw.FPDFText_GetUnicode(textpage.raw, i)
        if code <= 32 or raw.FPDFText_IsGenerated(textpage.raw, i) == 1:
            continue
        raw.FPDFText_GetLooseCharBox(textpage.raw, i, box)
        chars.append(
            {
                "text": chr(code),
                "x0": box.left,
                "x1": box.right,
                "top": top - box.top,
                "bottom": top - box.bottom,
            }
        )
    return chars


def table_regions(edges: list[dict]) -> list[tuple[tuple[float, float, float, float], list[dict]]]:
    """Groups of crossing rules that make a ruled table: (bbox, its edges), top to bottom."""
    if len(edges) > _MAX_RULES:
        return []  # a drawing (a chart, a map), not a table: its text is read as lines
    horizontal = [i for i, e in enumerate(edges) if e["orientation"] == "h"]
    vertical = [i for i, e in enumerate(edges) if e["orientation"] == "v"]
    parent = list(range(len(edges)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for h in horizontal:
        eh = edges[h]
        for v in vertical:
            ev = edges[v]
            if (
                eh["x0"] - _TOL <= ev["x0"] <= eh["x1"] + _TOL
                and ev["top"] - _TOL <= eh["top"] <= ev["bottom"] + _TOL
            ):
                parent[find(v)] = find(h)
    groups: dict[int, list[dict]] = {}
    for i, e in enumerate(edges):
        groups.setdefault(find(i), []).append(e)
    regions = []
    loose: list[dict] = []
    for group in groups.values():
        hs = {round(e["top"]) for e in group if e["orientation"] == "h"}
        vs = {round(e["x0"]) for e in group if e["orientation"] == "v"}
        if len(hs) < 2 or len(vs) < 2:
            loose.extend(group)
            continue
        bbox = (
            min(e["x0"] for e in group),
            min(e["top"] for e in group),
            max(e["x1"] for e in group),
            max(e["bottom"] for e in group),
        )
        regions.append((bbox, group))
    # A rule crossing no other (a border segment drawn per cell, between two cells' corners) still
    # separates the cells of the table it lies in.
    for e in loose:
        for (x0, top, x1, bottom), group in regions:
            if (
                x0 - _TOL <= e["x0"]
                and e["x1"] <= x1 + _TOL
                and top - _TOL <= e["top"]
                and e["bottom"] <= bottom + _TOL
            ):
                group.append(e)
                break
    return sorted(regions, key=lambda region: region[0][1])
