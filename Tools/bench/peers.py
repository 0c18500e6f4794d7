#!/usr/bin/env python3
"""The tools a user would otherwise use to load an orders workbook into SQLite, for `make bench`.

    peers.py calamine FILE DB    python-calamine reads the sheet; sqlite3 executemany in one transaction
    peers.py openpyxl FILE DB    openpyxl read_only=True does the same
    peers.py csv FILE OUT        writes the sheet as CSV (for the sqlite3 shell's .import floor)
"""
import csv
import datetime
import sqlite3
import sys


def rows_calamine(path):
    from python_calamine import CalamineWorkbook
    wb = CalamineWorkbook.from_path(path)
    return wb.get_sheet_by_index(0).to_python()


def rows_openpyxl(path):
    import openpyxl
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    ws = wb.worksheets[0]
    for row in ws.iter_rows(values_only=True):
        yield row


def plain(value):
    """SQLite-storable form of a cell (dates as ISO text)."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def load(rows, db):
    rows = iter(rows)
    header = next(rows)
    con = sqlite3.connect(db)
    columns = ", ".join(f'c{i}' for i in range(len(header)))
    con.execute(f"CREATE TABLE orders ({columns})")
    marks = ", ".join("?" for _ in header)
    with con:
        con.executemany(f"INSERT INTO orders VALUES ({marks})", ([plain(v) for v in r] for r in rows))
    con.close()


def main():
    kind, path, out = sys.argv[1], sys.argv[2], sys.argv[3]
    if kind == "calamine":
        load(rows_calamine(path), out)
    elif kind == "openpyxl":
        load(rows_openpyxl(path), out)
    elif kind == "csv":
        with open(out, "w", newline="", encoding="utf-8") as f:
            w = csv.writer(f)
            for r in rows_calamine(path):
                w.writerow([plain(v) for v in r])
    else:
        sys.exit(f"unknown peer {kind}")


if __name__ == "__main__":
    main()
