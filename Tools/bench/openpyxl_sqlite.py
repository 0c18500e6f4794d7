"""Usage: openpyxl_sqlite.py WORKBOOK STORE.db

Read the benchmark sheet with openpyxl in read-only (streaming) mode and insert every row into a
new SQLite store with executemany in one transaction: the most common pure-Python path.
"""

import sys

from openpyxl import load_workbook

from sheet_to_sqlite import load, usage


def main(argv) -> None:
    if len(argv) != 2:
        usage(__doc__)
    workbook, store = argv
    wb = load_workbook(workbook, read_only=True, data_only=True)
    try:
        sheet = wb.worksheets[0]
        rows = sheet.iter_rows(values_only=True)  # a generator: rows stream into executemany
        header = next(rows, None)
        if header is None:
            sys.exit(f"{workbook}: sheet {sheet.title} is empty")
        print(f"{store}: {load(store, header, rows)} rows")
    finally:
        wb.close()


if __name__ == "__main__":
    main(sys.argv[1:])
