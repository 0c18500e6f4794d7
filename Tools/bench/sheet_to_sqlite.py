"""Shared by the Python peers of the benchmark: write one sheet's rows into one SQLite table.

The peers do what a Python script written for the job would do, the fastest common way: one
table with the sheet's header as column names (no types, no keys, no indexes), every row
inserted with `executemany` inside one transaction. Nothing is validated or converted beyond
what `sqlite3` needs to bind a value.
"""

import datetime
import sqlite3
import sys

# The benchmark workbooks have one sheet each ("订单明细" from Tools/fixture-gen/OrdersBenchmark.swift,
# "orders" from ../shared/bench/gen_orders.py): the peers read the first.
TABLE = "orders"

# Dates and datetimes are stored as ISO 8601 text. Registered explicitly: the default adapters
# that did this are deprecated since Python 3.12.
sqlite3.register_adapter(datetime.date, datetime.date.isoformat)
sqlite3.register_adapter(datetime.datetime, datetime.datetime.isoformat)


def usage(script_doc: str) -> None:
    """Print the calling script's docstring and exit 64 (bad arguments)."""
    sys.stderr.write(script_doc.strip() + "\n")
    sys.exit(64)


def load(db_path: str, header, rows) -> int:
    """Create TABLE in a new store at db_path and insert every row in one transaction.

    `header` is the first row (column names); `rows` any iterable of sequences as long as it.
    Returns the number of rows inserted.
    """
    columns = ", ".join('"' + str(name).replace('"', '""') + '"' for name in header)
    marks = ", ".join("?" for _ in header)
    con = sqlite3.connect(db_path)
    try:
        con.execute(f"CREATE TABLE {TABLE} ({columns})")
        with con:  # one transaction: BEGIN before the first INSERT, COMMIT at the end
            cursor = con.executemany(f"INSERT INTO {TABLE} VALUES ({marks})", rows)
            count = cursor.rowcount
    finally:
        con.close()
    return count
