"""Import of the 全清单 (规章 and 规范性文件 with their dates) and the yearly 表二 figures from XLSX.

The workbook has one or both sheets, the first row holding the column names:

- 规章和规范性文件: 机关代码 | 类型（规章/规范性文件） | 名称 | 文号 | 制发日期 | 公开日期 | 废止日期
- 年度数据: 机关代码 | 年度 | 行政许可 | 行政处罚 | 行政强制 | 行政事业性收费（万元）

Every problem is reported with its sheet, row and column; if there is any, nothing is stored.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.db import transaction

from gongkai.agencies.models import Agency
from gongkai.catalogue.services import CatalogueError, upsert_register_document
from gongkai.web.sheets import NotAWorkbook, Sheet, open_workbook

from .models import DocumentKind, YearlyFigures

DOCS = "规章和规范性文件"
FIGURES = "年度数据"
DOC_COLUMNS = ("机关代码", "类型", "名称", "文号", "制发日期", "公开日期", "废止日期")
FIG_COLUMNS = ("机关代码", "年度", "行政许可", "行政处罚", "行政强制", "行政事业性收费（万元）")
KINDS = {
    "规章": DocumentKind.REGULATION,
    "规范性文件": DocumentKind.NORMATIVE,
    "行政规范性文件": DocumentKind.NORMATIVE,
}


class RegisterImportError(Exception):
    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("\n".join(problems))


@dataclass
class ImportResult:
    documents: int
    figures: int


# The fee's column holds 14 digits, 4 of them decimals.
_MAX_FEE = Decimal("9999999999.9999")


def _sheet(ws, columns: tuple[str, ...], problems: list[str]) -> Sheet:
    sheet = Sheet(ws, columns, problems, label=ws.title)
    problems += [f"工作表「{ws.title}」第1行：缺少列「{col}」。" for col in sheet.missing]
    return sheet


def import_register(content: bytes, *, allowed_agency_ids: set[int], actor=None) -> ImportResult:
    problems: list[str] = []
    try:
        wb = open_workbook(content)
    except NotAWorkbook as e:
        raise RegisterImportError([str(e)]) from None
    if DOCS not in wb.sheetnames and FIGURES not in wb.sheetnames:
        raise RegisterImportError(
            [
                f"工作簿中没有名为「{DOCS}」或「{FIGURES}」的工作表（现有：{'、'.join(wb.sheetnames)}）。"
            ]
        )
    agencies = {a.code: a for a in Agency.objects.all()}

    def agency(sheet: Sheet, n: int, row) -> Agency | None:
        code = sheet.value(row, "机关代码")
        a = agencies.get(str(code)) if code is not None else None
        if a is None:
            sheet.problems.append(f"{sheet.where(n, '机关代码')}：没有代码为“{code}”的机关。")
        elif a.pk not in allowed_agency_ids:
            sheet.problems.append(f"{sheet.where(n, '机关代码')}：无权为“{a.name}”导入数据。")
            return None
        return a

    documents: list[tuple[int, dict]] = []
    if DOCS in wb.sheetnames:
        sheet = _sheet(wb[DOCS], DOC_COLUMNS, problems)
        if not sheet.missing:
            for n, row in sheet.rows:
                a = agency(sheet, n, row)
                kind = KINDS.get(str(sheet.value(row, "类型") or ""))
                if kind is None:
                    problems.append(f"{sheet.where(n, '类型')}：应为“规章”或“规范性文件”。")
                title = sheet.value(row, "名称")
                if not title:
                    problems.append(f"{sheet.where(n, '名称')}：不能为空。")
                issued = sheet.date(n, row, "制发日期", required=True)
                published = sheet.date(n, row, "公开日期")
                repealed = sheet.date(n, row, "废止日期")
                if issued and repealed and repealed < issued:
                    problems.append(f"{sheet.where(n, '废止日期')}：废止日期早于制发日期。")
                if a and kind and title and issued:
                    documents.append(
                        (
                            n,
                            dict(
                                agency=a,
                                kind=kind,
                                title=str(title),
                                doc_number=str(sheet.value(row, "文号") or ""),
                                formed_on=issued,
                                published_on=published,
                                repealed_on=repealed,
                            ),
                        )
                    )
    figures: list[YearlyFigures] = []
    if FIGURES in wb.sheetnames:
        sheet = _sheet(wb[FIGURES], FIG_COLUMNS, problems)
        if not sheet.missing:
            for n, row in sheet.rows:
                a = agency(sheet, n, row)
                year = sheet.count(n, row, "年度")
                if year is not None and not 2008 <= year <= 2100:
                    problems.append(f"{sheet.where(n, '年度')}：“{year}”不是有效年度。")
                    year = None
                counts = [sheet.count(n, row, c) for c in ("行政许可", "行政处罚", "行政强制")]
                raw_fee = sheet.value(row, "行政事业性收费（万元）")
                fee: Decimal | None = Decimal(0)
                if raw_fee not in (None, ""):
                    try:
                        fee = Decimal(str(raw_fee))
                        if fee < 0 or not fee.is_finite() or fee > _MAX_FEE:
                            raise InvalidOperation
                    except InvalidOperation:
                        problems.append(
                            f"{sheet.where(n, '行政事业性收费（万元）')}：“{raw_fee}”不是非负金额。"
                        )
                        fee = None
                if a and year and None not in counts and fee is not None:
                    figures.append(
                        YearlyFigures(
                            agency=a,
                            year=year,
                            licensing_decisions=counts[0],
                            penalty_decisions=counts[1],
                            coercion_decisions=counts[2],
                            fee_amount=fee,
                        )
                    )
    if problems:
        raise RegisterImportError(problems)
    with transaction.atomic():
        for n, d in documents:
            # The register is the catalogue's (one register): each row is a catalogue item.
            try:
                upsert_register_document(actor=actor, **d)
            except CatalogueError as e:
                problems.append(f"工作表「{DOCS}」第{n}行：{e}")
        if problems:
            raise RegisterImportError(problems)  # rolls back the rows stored before
        for f in figures:
            YearlyFigures.objects.update_or_create(
                agency=f.agency,
                year=f.year,
                defaults={
                    k: getattr(f, k)
                    for k in (
                        "licensing_decisions",
                        "penalty_decisions",
                        "coercion_decisions",
                        "fee_amount",
                    )
                },
            )
    return ImportResult(len(documents), len(figures))
