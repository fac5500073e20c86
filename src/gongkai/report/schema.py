"""JSON Schema (draft 2020-12) of the canonical report JSON, derived from the templates.

docs/report.schema.json is this schema written out (`python -m gongkai.report.schema`); a test
keeps the file equal to what the templates give.
"""

from __future__ import annotations

import json
from typing import Any

from .model import (
    _DECIMAL_T2_COLUMNS,
    FORMAT,
    T2,
    T2_LAYOUT,
    T2_LOCAL,
    T3,
    T3_COLUMN_KEYS,
    T3_ROW_KEYS,
    T4,
    T4_COLUMN_KEYS,
    T4_GROUP_KEYS,
)
from .templates import TEMPLATES

_COUNT = {"type": ["integer", "null"]}
_AMOUNT = {"type": ["number", "null"]}
_TEXT_OR_NULL = {"type": ["string", "null"]}


def _cells(columns, kind=lambda c: _COUNT) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": {c: kind(c) for c in columns},
        "additionalProperties": False,
    }


def _rows(rows: dict[str, Any], description: str) -> dict[str, Any]:
    return {
        "type": "object",
        "description": description,
        "properties": rows,
        "additionalProperties": False,
    }


def report_schema() -> dict[str, Any]:
    t2_columns = sorted({c for _, cols in T2_LAYOUT.values() for c in cols})
    t2 = {
        sub: _rows(
            {
                row: _cells(cols, lambda c: _AMOUNT if c in _DECIMAL_T2_COLUMNS else _COUNT)
                for row in rows
            },
            f"表二 {sub}: rows of either template",
        )
        for sub, (rows, cols) in T2_LAYOUT.items()
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "政府信息公开工作年度报告 (gongkai canonical report)",
        "description": "Report.to_dict(). A missing row or group was not printed; a null cell was printed blank. "
        "Keys are the template machine keys of src/gongkai/report/templates.",
        "type": "object",
        "required": [
            "format",
            "agency",
            "year",
            "template",
            "title",
            "preamble",
            "sections",
            "tables",
        ],
        "additionalProperties": False,
        "properties": {
            "format": {"const": FORMAT},
            "agency": _TEXT_OR_NULL,
            "year": {"type": ["integer", "null"]},
            "template": {
                "enum": [*sorted(TEMPLATES), None],
                "description": "the format the tables follow",
            },
            "title": _TEXT_OR_NULL,
            "preamble": {"type": "string", "description": "text before section 一"},
            "sections": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["number", "heading", "text"],
                    "additionalProperties": False,
                    "properties": {
                        "number": {"type": "string", "description": "一 … 六"},
                        "heading": {"type": "string"},
                        "text": {
                            "type": "string",
                            "description": "narrative of the section, tables excluded",
                        },
                    },
                },
            },
            "tables": {
                "type": "object",
                "required": [T2, T2_LOCAL, T3, T4],
                "additionalProperties": False,
                "properties": {
                    T2: _rows(t2, "表二 主动公开政府信息情况, by sub-table (第二十条第（N）项)"),
                    T2_LOCAL: {
                        "type": "array",
                        "description": "rows a report prints in 表二 that no template has",
                        "items": {
                            "type": "object",
                            "required": ["subtable", "label", "parent", "values"],
                            "additionalProperties": False,
                            "properties": {
                                "subtable": {"enum": list(T2_LAYOUT)},
                                "label": {"type": "string"},
                                "parent": _TEXT_OR_NULL,
                                "values": _cells(t2_columns, lambda c: _AMOUNT),
                            },
                        },
                    },
                    T3: _rows(
                        {row: _cells(T3_COLUMN_KEYS) for row in T3_ROW_KEYS},
                        "表三 收到和处理政府信息公开申请情况",
                    ),
                    T4: _rows(
                        {g: _cells(T4_COLUMN_KEYS) for g in T4_GROUP_KEYS},
                        "表四 政府信息公开行政复议、行政诉讼情况",
                    ),
                },
            },
        },
    }


def schema_json() -> str:
    return json.dumps(report_schema(), ensure_ascii=False, indent=2) + "\n"


if __name__ == "__main__":
    print(schema_json(), end="")
