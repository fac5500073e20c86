"""Findings the PDF reader makes: what reading a PDF noticed, not arithmetic of the tables."""

from __future__ import annotations

from .findings import Severity
from .registry import Rule, declare

PDF_NEEDS_OCR = declare(
    Rule(
        "READ-PDF-NEEDS-OCR",
        Severity.ERROR,
        title="PDF 没有文字层（扫描件），需要先做文字识别（OCR）",
        basis="《条例》第五十条要求公布年度报告；报告内容只能从文字层读取，扫描件的表格与正文无法核对",
        grade="B",
        check=None,
    )
)
