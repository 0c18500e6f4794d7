"""Usage: calamine_sqlite.py WORKBOOK STORE.db
       calamine_sqlite.py WORKBOOK --csv OUT.csv

Read the benchmark sheet with python-calamine (Rust, the fastest XLSX reader Python has) and
insert every row into a new SQLite store with executemany in one transaction. With --csv, write
the rows as CSV instead (header first): the input of the `sqlite3 .import` floor, made once and
never timed.
"""

import csv
import sys

from python_calamine import CalamineWorkbook

from sheet_to_sqlite import load, usage


def main(argv) -> None:
    if len(argv) == 2:
        workbook, store, csv_out = argv[0], argv[1], None
    elif len(argv) == 3 and argv[1] == "--csv":
        workbook, store, csv_out = argv[0], None, argv[2]
    else:
        usage(__doc__)

    # to_python() decodes the whole sheet into lists in Rust: faster than iter_rows(), which
    # crosses into Python once per row.
    book = CalamineWorkbook.from_path(workbook)
    sheet = book.sheet_names[0]
    rows = book.get_sheet_by_name(sheet).to_python()
    if not rows:
        sys.exit(f"{workbook}: sheet {sheet} is empty")
    header, body = rows[0], rows[1:]

    if csv_out is not None:
        with open(csv_out, "w", newline="", encoding="utf-8") as f:
            out = csv.writer(f)
            out.writerow(header)
            out.writerows(body)
        print(f"{csv_out}: {len(body)} rows")
    else:
        print(f"{store}: {load(store, header, body)} rows")


if __name__ == "__main__":
    main(sys.argv[1:])
