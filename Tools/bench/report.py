"""Usage: report.py MEASUREMENTS.tsv RESULTS.md CPU CORES DATE COMMIT RUNS

Turn the benchmark's raw measurements into the results table: printed on stdout and written,
with the machine, date and commit, to RESULTS.md.

MEASUREMENTS.tsv has one line per timed run, tab-separated:
    group  tool  wall_seconds  peak_rss_kib  file
`group` is a line count (one table per workbook size), "xw-" and a line count (the workbook of that
size written by xlsxwriter, ../shared/bench/gen_orders.py), "score" (sales-score against its pandas +
lifetimes peer, with compare_score.py's findings from score-compare.txt beside MEASUREMENTS.tsv) or
"extra" (other timings); a tool that was
not run has one line with wall_seconds "-" and the reason in the `file` column. Each tool's
figure is the median of its runs; the ratio column is the tool's median wall time divided by
sales-import's on the same workbook (below 1× is faster than sales-import).
"""

import collections
import os
import statistics
import sys
import zipfile

# Tools in table order, with the label printed for each.
LABELS = {
    "sales-import": "sales-import",
    "calamine": "python-calamine + sqlite3 executemany",
    "openpyxl": "openpyxl read_only + sqlite3 executemany",
    "floor-unzip": "floor: inflate sheet1.xml (`unzip -p`)",
    "floor-import": "floor: `sqlite3 .import` of the rows as CSV",
    "floor-store": "floor: the `sqlite3` shell writing sales-import's rows into the store's schema",
    "demo-import": "sales-import Fixtures/demo-company.xlsx, fresh store",
    "export-1m-json": "sales-export summary 2025 vs 2024 on the 1,000,000-line store, JSON",
    "export-1m-xlsx": "sales-export summary 2025 vs 2024 on the 1,000,000-line store, XLSX",
    "export-1m-html": "sales-export summary 2025 vs 2024 on the 1,000,000-line store, HTML with charts",
    "export-1m-full-json": "sales-export summary 2025 vs 2024 on the 1,000,000-line store with every section's "
    "data added (full-store.sql), JSON",
    "export-1m-full-region": "the same, region 华东 only",
    "export-1m-full-month": "the same, 2025-07 vs 2024-07 (read by date range)",
}
FLOORS = ("floor-unzip", "floor-import")
SCORE_LABELS = {
    "sales-score": "sales-score run, CSV of every customer",
    "lifetimes": "pandas `read_sql` + RFM + lifetimes BG/NBD and Gamma-Gamma fit and predictions, CSV "
    "(`lifetimes_peer.py`)",
}


def mib(n_bytes: float) -> str:
    return f"{n_bytes / 1048576:.1f} MiB"


def describe_workbook(path: str) -> str:
    """'5.3 MiB; sheet1.xml 38.3 MiB inflated, sharedStrings.xml 2.9 MiB'."""
    if not os.path.exists(path):
        return os.path.basename(path)
    parts = []
    with zipfile.ZipFile(path) as z:
        for info in z.infolist():
            if info.filename in ("xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"):
                parts.append(f"{os.path.basename(info.filename)} {mib(info.file_size)}")
    return f"`{os.path.basename(path)}`, {mib(os.path.getsize(path))} ({', '.join(parts)} inflated)"


def score_section(tools, compare_path: str) -> list:
    """The table of sales-score against its peer, and the check that they computed the same figures."""
    if not tools:
        return []
    out = ["### Scoring the 1,000,000-line store (about 50,000 customers)", "",
           "| tool | runs | median wall time (s) | median peak RSS (MiB) | time ÷ sales-score time |",
           "|---|---:|---:|---:|---:|"]
    medians = {t: (statistics.median(w for w, _ in m), statistics.median(r for _, r in m) / 1024, len(m))
               for t, m in tools.items()}
    base = medians.get("sales-score", (None,))[0]
    for tool, label in SCORE_LABELS.items():
        if tool in medians:
            wall, rss, n = medians[tool]
            ratio = f"{wall / base:.2f}×" if base else "–"
            out.append(f"| {label} | {n} | {wall:.2f} | {rss:.0f} | {ratio} |")
    out.append("")
    if base and "lifetimes" in medians:
        out.append(f"sales-score is **{medians['lifetimes'][0] / base:.1f}×** as fast as the pandas + lifetimes "
                   "peer on the same store.")
        # Each run times the tool and then the peer, so the i-th of each make a pair measured together.
        pairs = [peer / own for (own, _), (peer, _) in zip(tools["sales-score"], tools["lifetimes"]) if own > 0]
        if len(pairs) > 1:
            out.append(f"Run by run (the tool and the peer one after the other): {min(pairs):.1f}× to "
                       f"{max(pairs):.1f}×; the spread is this machine's, both tools' times vary from run to run.")
        out.append("")
    if os.path.exists(compare_path):
        with open(compare_path, encoding="utf-8") as f:
            findings = f.read().rstrip("\n")
        out += ["The same figures (`compare_score.py`: sales-score's stored run against the peer's CSV):", "",
                "```", findings, "```", ""]
    return out


def main(argv) -> None:
    if len(argv) != 7:
        sys.exit(__doc__.strip())
    tsv, out_path, cpu, cores, date, commit, runs = argv

    # group -> tool -> list of (wall, rss_kib); skipped[group][tool] = reason.
    runs_of = collections.defaultdict(lambda: collections.defaultdict(list))
    skipped = collections.defaultdict(dict)
    files = {}
    with open(tsv, encoding="utf-8") as f:
        for line in f:
            group, tool, wall, rss, file = line.rstrip("\n").split("\t")
            if wall == "-":
                skipped[group][tool] = file
            else:
                runs_of[group][tool].append((float(wall), int(rss)))
                files[group] = file

    def median(group, tool):
        """(median wall seconds, median peak RSS in MiB, run count) of one tool."""
        measured = runs_of[group][tool]
        return (statistics.median(w for w, _ in measured),
                statistics.median(r for _, r in measured) / 1024, len(measured))

    def lines_of(group):
        """The line count of a workbook group ("1000000" or "xw-1000000"), or None for other groups."""
        count = group.removeprefix("xw-")
        return int(count) if count.isdigit() else None

    out = []
    sizes = sorted((g for g in set(runs_of) | set(skipped) if lines_of(g) is not None),
                   key=lambda g: (lines_of(g), g.startswith("xw-")))
    for size in sizes:
        tools = runs_of[size]
        lines = lines_of(size)
        if size.startswith("xw-"):
            out.append(f"### {lines:,} order lines, written by xlsxwriter")
            out.append("")
            out.append("`gen_orders.py` (beside the repository in `shared/bench`): English snake_case headers, "
                       "Traditional Chinese data, one customer per 20 lines.")
        else:
            out.append(f"### {lines:,} order lines")
        out.append("")
        if size in skipped and "sales-import" in skipped[size] and not tools:
            out.append(f"Not run: {skipped[size]['sales-import']}.")
            out.append("")
            continue
        out.append(f"Workbook: {describe_workbook(files.get(size, ''))}.")
        out.append("")
        out.append("| tool | runs | median wall time (s) | median peak RSS (MiB) | time ÷ sales-import time |")
        out.append("|---|---:|---:|---:|---:|")
        base = median(size, "sales-import")[0] if "sales-import" in tools else None
        for tool in LABELS:
            if tool in tools:
                wall, rss, n = median(size, tool)
                ratio = f"{wall / base:.2f}×" if base else "–"
                out.append(f"| {LABELS[tool]} | {n} | {wall:.2f} | {rss:.0f} | {ratio} |")
            elif tool in skipped[size]:
                out.append(f"| {LABELS[tool]} | 0 | skipped: {skipped[size][tool]} | | |")
        if base and all(t in tools for t in FLOORS):
            floor = sum(median(size, t)[0] for t in FLOORS)
            out.append(f"| **floors summed** (inflate + `.import`) | | {floor:.2f} | | {floor / base:.2f}× |")
            out.append("")
            out.append(f"sales-import takes **{base / floor:.2f}×** the floors' summed time "
                       f"({lines / base:,.0f} lines/s).")
        if base and "calamine" in tools:
            wall, rss, _ = median(size, "calamine")
            own_rss = median(size, "sales-import")[1]
            out.append("")
            out.append(f"Against python-calamine + sqlite3: sales-import is **{wall / base:.2f}×** as fast "
                       f"and peaks at **{own_rss / rss:.2f}×** its memory (the goal: at least 3× as fast, "
                       "at most a quarter of the memory).")
            if "floor-store" in tools:
                store = median(size, "floor-store")[0]
                goal = wall / 3
                out.append("")
                if store >= goal:
                    out.append(f"Three times as fast means the whole import in {goal:.2f} s; SQLite alone takes "
                               f"**{store:.2f} s** to write these rows into the store's schema (the floor-store "
                               "row), with no workbook read at all.")
                else:
                    out.append(f"Three times as fast means the whole import in {goal:.2f} s; SQLite alone takes "
                               f"{store:.2f} s to write these rows into the store's schema (the floor-store row), "
                               f"which leaves {goal - store:.2f} s for everything else.")
        out.append("")

    out += score_section(runs_of["score"], os.path.join(os.path.dirname(tsv), "score-compare.txt"))

    if runs_of.get("extra") or skipped.get("extra"):
        out.append("### Other timings")
        out.append("")
        out.append("| what | runs | median wall time (s) | median peak RSS (MiB) |")
        out.append("|---|---:|---:|---:|")
        for tool, measured in runs_of["extra"].items():
            wall, rss, n = median("extra", tool)
            out.append(f"| {LABELS.get(tool, tool)} | {n} | {wall:.2f} | {rss:.0f} |")
        for tool, reason in skipped["extra"].items():
            out.append(f"| {LABELS.get(tool, tool)} | 0 | skipped: {reason} | |")
        out.append("")

    table = "\n".join(out)
    print(table)

    header = [
        "# Benchmark results",
        "",
        "Written by `make bench` (Tools/bench/bench.sh); rerun it to refresh this file.",
        "",
        f"- machine: {cpu}, {cores} cores",
        f"- date: {date}",
        f"- commit: {commit}",
        f"- runs per tool: median of {runs} (openpyxl on workbooks over 100,000 lines: 1)",
        "- wall time and peak RSS from GNU `/usr/bin/time -f '%e %M'`, page cache warm, every store fresh",
        "- the ratio column is the tool's median wall time ÷ sales-import's on the same workbook: "
        "0.40× means it takes 40% of sales-import's time, 2.00× twice as long",
        "- the floors: inflating the sheet part alone, and the `sqlite3` shell importing the same rows "
        "from CSV into an untyped table: what reading the sheet and writing its rows cost at the least, "
        "with no XML parsed and nothing checked or converted; and the `sqlite3` shell writing the rows "
        "sales-import stored into an empty store of the same schema as sales-import writes them (one "
        "transaction: CHECKs, unique keys and foreign keys enforced row by row, then the secondary indexes "
        "built; the rows they refer to already there): SQLite's own share of an import",
        "",
    ]
    with open(out_path, "w", encoding="utf-8") as f:
        f.write("\n".join(header) + "\n" + table + "\n")


if __name__ == "__main__":
    main(sys.argv[1:])
