"""ECharts options for the dashboards' tables, built from the same Table the page prints.

Each option carries `links` (per series, per data point) so a click opens the records a figure
counts (static/dashboards/charts.js). Tables with no data get no chart, only their 无数据 line.
"""

from __future__ import annotations

from decimal import Decimal

from .queries import Table

PALETTE = ["#8b1a1a", "#c9792b", "#3b6ea5", "#5b8c5a", "#7a5195", "#888888", "#d4a72c"]


def _number(value):
    if isinstance(value, Decimal):
        return float(value)
    return value if isinstance(value, int | float) else None


def _bars(
    table: Table,
    columns: list[int],
    categories_col: int = 0,
    stack: bool = True,
    horizontal: bool = False,
) -> dict:
    categories = [str(row[categories_col].value) for row in table.rows]
    series, links = [], []
    for col in columns:
        series.append(
            {
                "name": table.header[col],
                "type": "bar",
                "stack": "all" if stack else None,
                "barMaxWidth": 48,
                "data": [_number(row[col].value) for row in table.rows],
            }
        )
        links.append([row[col].link for row in table.rows])
    category_axis = {"type": "category", "data": categories}
    value_axis = {"type": "value", "minInterval": 1}
    return {
        "color": PALETTE,
        "tooltip": {"trigger": "axis"},
        "legend": {"top": 0, "type": "scroll"},
        "grid": {"left": 8, "right": 16, "bottom": 8, "top": 40, "containLabel": True},
        "xAxis": value_axis if horizontal else category_axis,
        "yAxis": category_axis if horizontal else value_axis,
        "series": series,
        "links": links,
    }


def _months(table: Table) -> dict:
    option = _bars(table, [3], stack=False)
    option["series"][0]["type"] = "bar"
    for col in (4, 5):
        option["series"].append(
            {
                "name": table.header[col],
                "type": "line",
                "yAxisIndex": 1,
                "data": [_number(row[col].value) for row in table.rows],
                "connectNulls": True,
                "symbolSize": 8,
            }
        )
        option["links"].append([row[col].link for row in table.rows])
    option["yAxis"] = [
        {"type": "value", "name": "件", "minInterval": 1},
        {"type": "value", "name": "工作日"},
    ]
    return option


def options(tables: dict[str, Table]) -> dict[str, dict]:
    """Chart options by table key, for the tables that have rows."""
    out = {}
    for key, table in tables.items():
        if table.missing or not table.rows:
            continue
        if key == "years":
            out[key] = _bars(table, list(range(2, len(table.header))))
        elif key == "months":
            out[key] = _months(table)
        elif key == "reviews":
            out[key] = _bars(table, list(range(1, len(table.header) - 1)))
        elif key == "errors":
            out[key] = _bars(table, [1, 2], horizontal=True)
        elif key == "scores":
            out[key] = _bars(table, [2], stack=False)
            out[key]["series"].insert(
                0,
                {
                    "name": "分值",
                    "type": "bar",
                    "data": [_number(r[1].value) for r in table.rows],
                    "barGap": "-100%",
                    "itemStyle": {"color": "#eeeeee"},
                    "silent": True,
                },
            )
            out[key]["links"].insert(0, [""] * len(table.rows))
    return out
