import re
import shutil
import subprocess

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gongkai.report.writers import write

from .strategies import reports

pytestmark = pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdfinfo")),
    reason="poppler-utils not installed (deploy/debian-packages.txt)",
)

MM = 72 / 25.4


def poppler(tool: str, pdf: bytes, *args: str) -> str:
    """Run a poppler tool on PDF bytes given on stdin; pdftotext writes to stdout."""
    argv = [tool, *args, "-", "-"] if tool == "pdftotext" else [tool, *args, "-"]
    return subprocess.run(argv, input=pdf, capture_output=True, check=True).stdout.decode("utf-8")


@pytest.mark.parametrize("template", ["2019", "2021"])
@settings(max_examples=1, deadline=None)
@given(data=st.data())
def test_it_prints_headings_labels_and_figures_in_the_pdf_text(template, data):
    report = data.draw(reports(template=template))
    pdf = write(report, "pdf")
    text = poppler("pdftotext", pdf, "-layout")
    flat = re.sub(r"\s+", "", text)
    assert report.title in flat
    for section in report.sections:
        assert section.heading in flat
    labels = [
        "第二十条第（一）项",
        "信息内容",
        "申请人情况",
        "法人或其他组织",
        "四、结转下年度继续办理",
        "行政复议",
        "未经复议直接起诉",
        "复议后起诉",
    ]
    labels += (
        ["政府集中采购", "（六）其他处理"] if template == "2019" else ["本年收费金额", "3.其他"]
    )
    for label in labels:
        assert label in flat
    figures = set(text.split())
    for row in ("new_received", "results_total"):
        value = report.t3[row]["total"]
        assert value is None or str(value) in figures


@settings(max_examples=1, deadline=None)
@given(reports())
def test_it_embeds_every_font_and_prints_on_a4_within_the_margins(report):
    pdf = write(report, "pdf")
    fonts = poppler("pdffonts", pdf).splitlines()[2:]
    assert fonts and any("CJK" in line for line in fonts)
    for line in fonts:
        emb = line.split()[-5]  # columns: name type encoding emb sub uni object ID
        assert emb == "yes", line
    info = poppler("pdfinfo", pdf)
    assert re.search(r"Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)", info)
    # Nothing runs into the right margin (26 mm) or left of the left margin (28 mm).
    boxes = poppler("pdftotext", pdf, "-bbox")
    xs = [
        (float(a), float(b))
        for a, b in re.findall(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', boxes)
    ]
    assert xs
    assert min(a for a, _ in xs) >= 28 * MM - 1
    assert max(b for _, b in xs) <= (210 - 26) * MM + 1


HEADINGS = {
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
}


@pytest.mark.parametrize("filler", [0, 4, 9])
def test_it_never_leaves_a_heading_alone_at_the_foot_of_a_page(filler):
    """三、's heading used to stay at the foot of a page while its text and table moved on.
    `filler` lines of text in section 一 move every later heading down the pages."""
    from .reportkit import set_text, valid_report

    report = valid_report("2021")
    set_text(
        report,
        "一",
        "\n".join(
            f"第{i}项：本局按照年度工作要点推进政务公开，各项任务按期完成。" for i in range(filler)
        ),
    )
    pages = poppler("pdftotext", write(report, "pdf")).split("\f")
    assert len(pages) > 2
    for number, page in enumerate(pages, 1):
        lines = [
            line.strip()
            for line in page.splitlines()
            if line.strip() and not re.fullmatch(r"—\s*\d+\s*—", line.strip())
        ]
        if lines:
            assert lines[-1].replace(" ", "") not in HEADINGS, (
                f"page {number} ends with its heading {lines[-1]}"
            )
