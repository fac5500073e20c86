"""Bulk audit of 1,000 and 10,000 report files: wall-clock time and memory of `gongkai audit`.

The files are generated with the writers (a mix like the corpus: 60 % text — half crawler page
text with a 发布时间 header, half Markdown —, 20 % HTML, 10 % DOCX, 10 % PDF), five consecutive
years (2020 on the 2019 tables, 2021–2024 on the 2021 tables) of 2,000 agencies, with the tables
chained from year to year (上年结转 = last year's 结转下年度, 现行有效 carried on), about one report in
ten with a table error, one agency in five copying section 五 from last year, and one crawled
report in twenty published after 31 January. Writing a PDF takes WeasyPrint about a second, so the
PDF files are 100 distinct reports, each written under ten names; a DOCX costs a quarter of a
second, so each of 200 distinct DOCX reports is written five times with its agency renamed in the
XML (every DOCX file a distinct agency and year).

Then, for each size, `gongkai audit FOLDER --jobs N --xlsx OUT` runs as a subprocess (its
ranking to /dev/null) while this script samples the resident memory of its process tree from
/proc every 0.2 s. Printed: wall-clock seconds, reports per second, CPU seconds of the tree, peak
RSS of the main process, of the largest worker and of the whole tree, and the load average.

    .venv/bin/python benchmarks/bulk_audit.py [--sizes 1000 10000] [--jobs 2] [--dir var/bench/bulk_audit] [--phases]

With --phases the same audit also runs inside this script, timed by phase (the workers' audit of
each file, the parent's pairing, the JSON and workbook written), with the CPU time of the parent
and of the workers apart: on a machine other work shares, the CPU times say what the wall-clock
time would be on two free cores.

The generated files are kept in --dir (about 600 MB for 10,000) and reused by later runs.
"""

from __future__ import annotations

import argparse
import io
import json
import multiprocessing
import os
import random
import resource
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

from gongkai.report import Report, SectionText
from gongkai.report.templates import TEMPLATES
from gongkai.report.writers import write

ROOT = Path(__file__).resolve().parent.parent
YEARS = (2020, 2021, 2022, 2023, 2024)
# Format of file i by i % 10: six text (crawled page text, Markdown alternately), two HTML, one DOCX, one PDF.
FORMATS = ("crawl", "md", "crawl", "md", "crawl", "md", "html", "html", "docx", "pdf")
PDF_DISTINCT, DOCX_DISTINCT = 100, 200
PLACES = (
    "东城",
    "西城",
    "朝阳",
    "海淀",
    "丰台",
    "石景山",
    "门头沟",
    "房山",
    "通州",
    "顺义",
    "昌平",
    "大兴",
    "怀柔",
    "平谷",
    "密云",
    "延庆",
)
BODIES = (
    "交通运输局",
    "教育局",
    "卫生健康委员会",
    "市场监督管理局",
    "生态环境局",
    "财政局",
    "民政局",
    "司法局",
    "住房和城乡建设委员会",
    "农业农村局",
    "人民政府",
)
WORK = (
    "坚持以公开为常态、不公开为例外，健全政府信息公开工作机制",
    "围绕重点领域信息公开，及时发布财政预决算、重大项目和民生政策信息",
    "加强政策解读，做到政策文件与解读材料同步起草、同步审签、同步发布",
    "规范依申请公开办理流程，严格执行登记、审核、办理、答复、归档各环节要求",
    "加强政府网站和政务新媒体管理，开展常态化监测和内容保障",
    "做好政府信息公开保密审查，确保公开内容准确规范",
    "完善主动公开目录，动态调整公开事项清单",
    "加强业务培训，提升工作人员的公开意识和业务能力",
)
PROBLEMS = (
    "政策解读形式较为单一，图解、视频等解读方式运用不够",
    "主动公开的深度和广度有待进一步拓展",
    "依申请公开答复的规范性有待提高",
    "政务新媒体更新频率不够稳定",
    "基层政务公开标准化规范化工作推进不够平衡",
    "公开信息的时效性还需加强",
)


def _agency(a: int) -> str:
    """A distinct name per agency; its number in Chinese numerals, so that no digit of it reads as
    part of the year printed after it in the title."""
    number = "".join("〇一二三四五六七八九"[int(d)] for d in f"{a:04d}")
    return f"某市{PLACES[a % len(PLACES)]}区{BODIES[(a // len(PLACES)) % len(BODIES)]}第{number}号"


def _sentences(rng: random.Random, bank: tuple[str, ...], n: int) -> str:
    picked = rng.sample(bank, n)
    return "".join(f"{'一二三四五六'[i]}是{s}。" for i, s in enumerate(picked))


def _t3(rng: random.Random, template, carried_over: int) -> tuple[dict, int]:
    """表三 with every relation holding (natural persons and companies apply), and what it carries
    over to next year."""
    cols = template.t3_column_keys
    t3 = {row: dict.fromkeys(cols, 0) for row in template.t3_row_keys}
    leaves = template.t3_outcome_leaf_keys
    for _ in range(rng.randint(0, 40)):
        row = rng.choice(leaves[:4] if rng.random() < 0.6 else leaves)
        col = "natural_person" if rng.random() < 0.9 else "commercial_enterprise"
        t3[row][col] += 1
    carried_next = rng.randint(0, 3)
    t3["carried_over_from_last_year"]["natural_person"] = carried_over
    for col in ("natural_person", "commercial_enterprise"):
        t3["results_total"][col] = sum(t3[row][col] for row in leaves)
    t3["carried_to_next_year"]["natural_person"] = carried_next
    handled = t3["results_total"]["natural_person"] + carried_next - carried_over
    if handled < 0:  # more carried over than handled: the surplus is carried on again
        t3["carried_to_next_year"]["natural_person"] -= handled
        carried_next -= handled
        handled = 0
    t3["new_received"]["natural_person"] = handled
    t3["new_received"]["commercial_enterprise"] = t3["results_total"]["commercial_enterprise"]
    for row in t3.values():
        row["total"] = sum(v for k, v in row.items() if k != "total")
    return t3, carried_next


def _t2(rng: random.Random, template, valid: int) -> tuple[dict, int]:
    t2 = {}
    for sub in template.t2:
        t2[sub.key] = {}
        for row in sub.rows:
            cells = {}
            for col in sub.columns:
                cells[col.key] = (
                    round(rng.uniform(0, 500), 2) if col.kind == "decimal" else rng.randint(0, 30)
                )
            t2[sub.key][row.key] = cells
    if template.key == "2021":
        docs = t2["art20_1"]["normative_documents"]
        docs["repealed_this_year"] = min(docs["repealed_this_year"], valid)
        valid = valid + docs["issued_this_year"] - docs["repealed_this_year"]
        docs["currently_valid"] = valid
        t2["art20_1"]["regulations"] = {
            "issued_this_year": 0,
            "repealed_this_year": 0,
            "currently_valid": 0,
        }
    else:
        for cells in t2["art20_1"].values():
            cells["newly_published"] = min(cells["newly_published"], cells["total_published"])
    return t2, valid


def agency_reports(a: int) -> list[Report]:
    """The five consecutive reports of agency `a`, deterministic."""
    rng = random.Random(a)
    agency, copier = _agency(a), a % 5 == 0
    carried, valid, problems = rng.randint(0, 2), rng.randint(10, 60), None
    out = []
    for year in YEARS:
        template = TEMPLATES["2019" if year == 2020 else "2021"]
        t3, carried_next = _t3(rng, template, carried)
        t2, valid = _t2(rng, template, valid)
        t4 = {g: dict.fromkeys(template.t4_column_keys, 0) for g in template.t4_group_keys}
        t4["review"].update(upheld=rng.randint(0, 2), total=0)
        t4["review"]["total"] = t4["review"]["upheld"]
        if not copier or problems is None:
            problems = _sentences(rng, PROBLEMS, 3) + "下一步，" + _sentences(rng, WORK, 3)
        received, done = t3["new_received"]["total"], t3["results_total"]["total"]
        sections = [
            SectionText(
                "一",
                "一、总体情况",
                f"{year}年，本单位认真贯彻落实《中华人民共和国政府信息公开条例》，"
                + _sentences(rng, WORK, 4),
            ),
            SectionText(
                "二",
                "二、主动公开政府信息情况",
                f"{year}年，本单位主动公开政府信息{rng.randint(20, 400)}条。",
            ),
            SectionText(
                "三",
                "三、收到和处理政府信息公开申请情况",
                f"{year}年，本单位共收到政府信息公开申请{received}件，办结{done}件。",
            ),
            SectionText(
                "四",
                "四、政府信息公开行政复议、行政诉讼情况",
                f"本年度因政府信息公开被申请行政复议{t4['review']['total']}件。",
            ),
            SectionText("五", "五、存在的主要问题及改进情况", problems),
            SectionText("六", "六、其他需要报告的事项", "本年度未收取信息处理费。"),
        ]
        report = Report(
            agency=agency,
            year=year,
            template=template.key,
            title=f"{agency}{year}年政府信息公开工作年度报告",
            preamble=f"本报告所列数据的统计期限自{year}年1月1日起至{year}年12月31日止。",
            sections=sections,
            t2=t2,
            t3=t3,
            t4=t4,
        )
        if rng.random() < 0.1:  # a table error, as real reports have
            report.t3["granted"]["natural_person"] += 1
        out.append(report)
        carried = carried_next
    return out


def _published(rng: random.Random, year: int) -> str:
    day = rng.randint(1, 31) if rng.random() > 0.05 else rng.randint(1, 20)
    month = 1 if rng.random() > 0.05 else 2
    return f"{year + 1}-{month:02d}-{min(day, 28 if month == 2 else 31):02d} {rng.randint(8, 18):02d}:{rng.randint(0, 59):02d}"


def _docx_renamed(data: bytes, old: str, new: str) -> bytes:
    """The same DOCX with the agency's name replaced in its XML parts."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            part = src.read(info)
            if info.filename.endswith(".xml"):
                part = part.replace(old.encode(), new.encode())
            dst.writestr(info, part)
    return out.getvalue()


def _generate_agency(args: tuple[int, Path]) -> int:
    """Write the five files of agency `a` (file numbers 5a … 5a+4). PDF and DOCX files reuse a
    distinct report written once (see the module's docstring)."""
    a, folder = args
    rng = random.Random(10_000 + a)
    reports = agency_reports(a)
    for k, report in enumerate(reports):
        i = 5 * a + k
        path = folder / f"{i:05d}"
        fmt = FORMATS[i % 10]
        if fmt == "crawl":
            head = f"标题: {report.title}\n发布时间: {_published(rng, report.year)}\n发布机构: {report.agency}\n正文\n"
            path.with_suffix(".txt").write_text(
                head + write(report, "txt").decode("utf-8"), encoding="utf-8"
            )
        elif fmt == "md":
            path.with_suffix(".md").write_bytes(write(report, "md"))
        elif fmt == "html":
            page = write(report, "html").decode("utf-8")
            page = page.replace(
                "<head>", f'<head><meta name="PubDate" content="{_published(rng, report.year)}">', 1
            )
            path.with_suffix(".html").write_text(page, encoding="utf-8")
        elif fmt == "docx":
            source = _distinct(folder, "docx", (i // 10) % DOCX_DISTINCT, reports[k])
            data = _docx_renamed(
                source.read_bytes(), _agency(_template_agency(i, DOCX_DISTINCT)), report.agency
            )
            path.with_suffix(".docx").write_bytes(data)
        else:
            source = _distinct(folder, "pdf", (i // 10) % PDF_DISTINCT, reports[k])
            shutil.copyfile(source, path.with_suffix(".pdf"))
    return a


def _template_agency(i: int, distinct: int) -> int:
    return ((i // 10) % distinct) * 2  # the agency whose report the distinct file was written from


def _distinct(folder: Path, fmt: str, n: int, fallback: Report) -> Path:
    """The n-th distinct file of a format, written from agency 2n's report of the year of the file
    asking for it first (later askers only copy it)."""
    store = folder.parent / f"distinct-{fmt}"
    store.mkdir(exist_ok=True)
    path = store / f"{n:03d}.{fmt}"
    if not path.exists():
        report = agency_reports(2 * n)[YEARS.index(fallback.year)]
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(write(report, fmt))
        tmp.replace(path)
    return path


def generate(root: Path, count: int, jobs: int) -> Path:
    folder = root / "all"
    if folder.is_dir() and len(list(folder.iterdir())) >= count:
        return folder
    folder.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    agencies = range(count // 5)
    with multiprocessing.Pool(jobs) as pool:
        for done, _ in enumerate(
            pool.imap_unordered(_generate_agency, [(a, folder) for a in agencies], chunksize=4), 1
        ):
            if done % 200 == 0:
                print(
                    f"  generated {done * 5} files ({time.perf_counter() - start:.0f} s)",
                    flush=True,
                )
    return folder


def subset(root: Path, all_files: Path, n: int) -> Path:
    """A folder holding the first n files (hard links)."""
    folder = root / f"n{n}"
    if folder.is_dir() and len(list(folder.iterdir())) == n:
        return folder
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir()
    for path in sorted(all_files.iterdir())[:n]:
        os.link(path, folder / path.name)
    return folder


def _tree(pid: int) -> list[int]:
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, []))
    return out


def _rss_kb(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def measure(folder: Path, jobs: int, out: Path) -> dict:
    load_before = os.getloadavg()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    cmd = [
        sys.executable,
        "-m",
        "gongkai.cli",
        "audit",
        str(folder),
        "--jobs",
        str(jobs),
        "--xlsx",
        str(out),
    ]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak_main = peak_worker = peak_tree = 0
    while proc.poll() is None:
        pids = _tree(proc.pid)
        sizes = {p: _rss_kb(p) for p in pids}
        peak_main = max(peak_main, sizes.get(proc.pid, 0))
        peak_worker = max([peak_worker, *(v for p, v in sizes.items() if p != proc.pid)])
        peak_tree = max(peak_tree, sum(sizes.values()))
        time.sleep(0.2)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    err = proc.stderr.read().decode("utf-8", "replace")
    return {
        "files": len(list(folder.iterdir())),
        "exit": proc.returncode,
        "wall_s": wall,
        "cpu_s": (after.ru_utime - usage.ru_utime) + (after.ru_stime - usage.ru_stime),
        "peak_main_mb": peak_main / 1024,
        "peak_worker_mb": peak_worker / 1024,
        "peak_tree_mb": peak_tree / 1024,
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "stderr_lines": len(err.splitlines()),
    }


def phases(folder: Path, jobs: int, out: Path) -> dict:
    """The same audit in this process, timed by phase: the files audited by the workers, the
    year-to-year pairs, the ranking written out (lines and workbook). CPU seconds of this process
    (the parent's serial work) and of the workers apart."""
    from gongkai.report.audit import run_audit
    from gongkai.report.audit.xlsx import write_workbook

    marks: dict[str, float] = {}

    def progress(done: int, total: int) -> None:
        if done == total:
            marks["audited"], marks["audited_cpu"] = time.perf_counter(), time.process_time()

    start, cpu, children = (
        time.perf_counter(),
        time.process_time(),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    with run_audit([str(folder)], jobs=jobs, progress=progress) as run:
        paired, paired_cpu = time.perf_counter(), time.process_time()
        with open(os.devnull, "w") as sink:
            for result in run.ranked():
                sink.write(json.dumps(result, ensure_ascii=False))
        write_workbook(run.ranked(), out)
    end, end_cpu = time.perf_counter(), time.process_time()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "audit_s": marks["audited"] - start,
        "pair_s": paired - marks["audited"],
        "output_s": end - paired,
        "parent_cpu_audit_s": marks["audited_cpu"] - cpu,
        "parent_cpu_pair_s": paired_cpu - marks["audited_cpu"],
        "parent_cpu_output_s": end_cpu - paired_cpu,
        "workers_cpu_s": (after.ru_utime - children.ru_utime)
        + (after.ru_stime - children.ru_stime),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--dir", type=Path, default=ROOT / "var" / "bench" / "bulk_audit")
    parser.add_argument(
        "--phases", action="store_true", help="also time the phases in this process"
    )
    args = parser.parse_args()
    args.dir.mkdir(parents=True, exist_ok=True)
    print(f"generating {max(args.sizes)} files in {args.dir} (reused when present)", flush=True)
    all_files = generate(args.dir, max(args.sizes), args.jobs)
    for n in args.sizes:
        folder = subset(args.dir, all_files, n)
        r = measure(folder, args.jobs, args.dir / f"audit-{n}.xlsx")
        print(
            f"{r['files']:>6} files, {args.jobs} processes: {r['wall_s']:.1f} s wall ({r['files'] / r['wall_s']:.0f} reports/s), "
            f"{r['cpu_s']:.1f} s CPU; peak RSS main {r['peak_main_mb']:.0f} MB, largest worker {r['peak_worker_mb']:.0f} MB, "
            f"tree {r['peak_tree_mb']:.0f} MB; exit {r['exit']}, {r['stderr_lines']} stderr lines; "
            f"load {r['load_before'][0]:.1f} before, {r['load_after'][0]:.1f} after",
            flush=True,
        )
        if args.phases:
            p = phases(folder, args.jobs, args.dir / f"audit-{n}-phases.xlsx")
            print(
                f"{'':>6} phases: audit {p['audit_s']:.1f} s (workers {p['workers_cpu_s']:.1f} s CPU, parent "
                f"{p['parent_cpu_audit_s']:.1f} s), pairs {p['pair_s']:.1f} s ({p['parent_cpu_pair_s']:.1f} s CPU), "
                f"JSON + workbook {p['output_s']:.1f} s ({p['parent_cpu_output_s']:.1f} s CPU)",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
