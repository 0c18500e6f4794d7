#!/usr/bin/env bash
# The speed benchmark behind `make bench` (docs/development.md, "Benchmark").
#
# For each workbook size it times, side by side and round-robin (run 1 of every tool, then run 2…):
#   sales-import          the release build, into a fresh store each run
#   calamine              python-calamine + sqlite3 executemany, one transaction
#   openpyxl              openpyxl read_only + sqlite3 executemany, one transaction
#   floor-unzip           inflating the sheet part alone: unzip -p FILE xl/worksheets/sheet1.xml
#   floor-import          the sqlite3 shell's .import of the same rows as CSV
#   floor-store           the sqlite3 shell writing the rows sales-import stored into a store of the same
#                         schema (CHECKs, keys, foreign keys, indexes), one transaction: SQLite's own share
# on the workbooks of `fixture-gen orders` (Chinese headers, about a million distinct strings at 1,000,000
# lines) and, beside them, on workbooks of the same sizes written by another program: xlsxwriter, through
# ../shared/bench/gen_orders.py (English snake_case headers, Traditional Chinese data, N/20 customers);
# then other timings (the demo workbook's import), sales-score on the 1,000,000-line store against its
# pandas + lifetimes peer (lifetimes_peer.py, checked for the same figures by compare_score.py), the
# period summary on that store, and writes the tables to bench/results.md.
#
# Settings (environment):
#   BENCH_SIZES    order lines per workbook, space-separated     (default "100000 1000000")
#   BENCH_RUNS     runs per tool; the median is reported          (default 3)
#   BENCH_SLOW     0 skips openpyxl on workbooks over 100,000 lines, where it takes minutes;
#                  otherwise it runs there once                   (default 1)
#   BENCH_RESULTS  where the table is written                     (default bench/results.md)
#   BENCH_PARTS    what to run, space-separated: import (the workbooks), score, export
#                  (default "import score export"); score and export without import use the
#                  1,000,000-line store a previous run left in bench/work/
#   BENCH_XLSXWRITER  0 skips the workbooks written by xlsxwriter (default 1)
#   BENCH_GEN_ORDERS  their generator               (default ../shared/bench/gen_orders.py beside the repo)
#   PYTHON         the Python interpreter                         (default python3)
#
# The scoring peer runs in a virtual environment of its own, .build/bench-venv, made with
# pinned versions of pandas and lifetimes on first use (never by `make test`).
#
# Workbooks, CSV files, stores and logs go to bench/work/ (git-ignored); workbooks and CSV files
# are made only when missing. Every timed command runs in its own process group, so an interrupt
# or a failure ends it with the script: nothing is left running.

set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$ROOT"

HERE=Tools/bench
RELEASE=${RELEASE:-.build/release}
WORK=bench/work
RESULTS=${BENCH_RESULTS:-bench/results.md}
MEASUREMENTS=$WORK/measurements.tsv
SIZES=${BENCH_SIZES:-100000 1000000}
RUNS=${BENCH_RUNS:-3}
SLOW=${BENCH_SLOW:-1}
XW=${BENCH_XLSXWRITER:-1}
GEN_ORDERS=${BENCH_GEN_ORDERS:-$ROOT/../shared/bench/gen_orders.py}
PY=${PYTHON:-python3}
PARTS=${BENCH_PARTS:-import score export}
TIME=/usr/bin/time
MILLION=1000000       # the size whose sales-import store later timings run on
SLOW_ABOVE=100000     # openpyxl on workbooks over this many lines is "slow"

# ---------------------------------------------------------------------------------------------
# Messages and cleanup

say() { printf '[bench %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
die() { printf '[bench] error: %s\n' "$*" >&2; exit 1; }

CHILD=""   # process group of the command being timed, if any
cleanup() {
    if [[ -n $CHILD ]] && kill -0 -- "-$CHILD" 2>/dev/null; then
        kill -TERM -- "-$CHILD" 2>/dev/null || true
        wait "$CHILD" 2>/dev/null || true
    fi
    CHILD=""
}
trap cleanup EXIT
trap 'echo; say "interrupted: stopping"; exit 130' INT TERM HUP

# ---------------------------------------------------------------------------------------------
# Settings and prerequisites

[[ $RUNS =~ ^[1-9][0-9]*$ ]] || die "BENCH_RUNS must be a positive whole number, not '$RUNS'"
[[ $SLOW == 0 || $SLOW == 1 ]] || die "BENCH_SLOW must be 0 or 1, not '$SLOW'"
for part in $PARTS; do
    [[ $part == import || $part == score || $part == export ]] \
        || die "BENCH_PARTS: '$part' is not one of import, score, export"
done
part() { [[ " $PARTS " == *" $1 "* ]]; } # part NAME: whether BENCH_PARTS asks for it
[[ $XW == 0 || $XW == 1 ]] || die "BENCH_XLSXWRITER must be 0 or 1, not '$XW'"
read -r -a SIZE_LIST <<<"$SIZES"
((${#SIZE_LIST[@]} > 0)) || die "BENCH_SIZES is empty"
for n in "${SIZE_LIST[@]}"; do
    [[ $n =~ ^[1-9][0-9]*$ ]] && ((n <= 1048575)) \
        || die "BENCH_SIZES: '$n' is not a line count from 1 to 1048575"
done

for tool in sales-import sales-score sales-export fixture-gen; do
    [[ -x $RELEASE/$tool ]] || die "$RELEASE/$tool is missing: run 'make release' (or 'make bench')"
done

# The machine, and the commit the build came from (looked up now, before anything can move on).
cpu=$(lscpu 2>/dev/null | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)
cores=$(nproc 2>/dev/null || echo "?")
commit=$(git rev-parse --short HEAD 2>/dev/null || echo "unknown")
# --no-optional-locks: only look, never refresh the index (other people commit here).
if [[ $commit != unknown ]] \
    && [[ -n $(git --no-optional-locks status --porcelain --untracked-files=no 2>/dev/null) ]]; then
    commit="$commit (with uncommitted changes)"
fi

# Install a Debian package for a missing command, as root; otherwise say how and stop.
need_command() { # COMMAND PACKAGE [TEST...]
    local command=$1 package=$2
    shift 2
    if command -v "$command" >/dev/null 2>&1 && "${@:-true}" >/dev/null 2>&1; then return; fi
    if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null 2>&1; then
        say "installing the Debian package '$package' (for $command)"
        apt-get update -qq
        DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$package" >/dev/null
    else
        die "$command is missing: install it with 'sudo apt-get install -y $package'"
    fi
}
need_command "$TIME" time "$TIME" -f '%e %M' true   # GNU time: the shell keyword has no -f
need_command sqlite3 sqlite3
need_command unzip unzip

command -v "$PY" >/dev/null 2>&1 || die "$PY not found: set PYTHON to a Python 3 interpreter"
if part import && ! "$PY" -c 'import python_calamine, openpyxl' 2>/dev/null; then
    say "installing the Python peers: pip install --quiet python-calamine openpyxl"
    "$PY" -m pip install --quiet python-calamine openpyxl \
        || die "pip could not install python-calamine and openpyxl for $PY"
fi

XW_SKIPPED=""   # why the xlsxwriter workbooks are not timed, if they are not
if ((XW == 0)); then
    XW_SKIPPED="BENCH_XLSXWRITER=0"
elif [[ ! -f $GEN_ORDERS ]]; then
    XW_SKIPPED="no generator at $GEN_ORDERS (set BENCH_GEN_ORDERS)"
elif ! "$PY" -c 'import xlsxwriter' 2>/dev/null; then
    say "installing xlsxwriter for $GEN_ORDERS: pip install --quiet xlsxwriter"
    "$PY" -m pip install --quiet xlsxwriter || XW_SKIPPED="pip could not install xlsxwriter"
fi

mkdir -p "$WORK/logs"
: >"$MEASUREMENTS"

# Every run uses one copy of sales-import, taken now: a rebuild while the benchmark runs (people
# work here) must not mix two builds in one table.
SALES_IMPORT=$WORK/sales-import
cp "$RELEASE/sales-import" "$SALES_IMPORT"

# ---------------------------------------------------------------------------------------------
# Timing

# measure GROUP TOOL FILE COMMAND...: one timed run of COMMAND (stdout to /dev/null, stderr to a
# log), appended to the measurements as "GROUP TOOL WALL_SECONDS PEAK_RSS_KIB FILE". The command
# runs in the background in its own process group (set -m) so that `cleanup` can end it whole;
# `wait` returns at once when a signal arrives, so the traps run without waiting for it. Each run starts
# after `sync`: the write-back of what earlier runs and the harness's own copies left in the page cache
# (a 250 MB store copied just before a scoring run) would otherwise slow whichever tool writes next.
measure() {
    local group=$1 tool=$2 file=$3
    shift 3
    local log=$WORK/logs/$group-$tool.log timing=$WORK/logs/time.out status=0
    rm -f "$timing"
    sync
    set -m
    "$TIME" -f '%e %M' -o "$timing" "$@" </dev/null >/dev/null 2>"$log" &
    CHILD=$!
    set +m
    wait "$CHILD" || status=$?
    CHILD=""
    if ((status != 0)); then
        tail -n 20 "$log" >&2 || true
        die "$tool failed (exit $status) on $file; its output is in $log"
    fi
    local wall rss
    read -r wall rss <"$timing"
    printf '%s\t%s\t%s\t%s\t%s\n' "$group" "$tool" "$wall" "$rss" "$file" >>"$MEASUREMENTS"
    say "  $tool: ${wall} s, $((rss / 1024)) MiB"
}

skip() { # GROUP TOOL REASON
    printf '%s\t%s\t-\t-\t%s\n' "$1" "$2" "$3" >>"$MEASUREMENTS"
    say "  $2: skipped ($3)"
}

fresh() { rm -f "$1" "$1-wal" "$1-shm" "$1-journal"; } # a store path, ready to be created anew

# check_rows STORE TABLE EXPECTED WHO: the timed tool really wrote every row.
check_rows() {
    local got
    got=$(sqlite3 "$1" "SELECT count(*) FROM $2") || die "$4: cannot read $1"
    [[ $got == "$3" ]] || die "$4 wrote $got rows to $1 ($2), expected $3"
}

# store_floor SOURCE DEST SCRIPT: makes DEST ready, untimed, for the floor-store run: an empty store with
# SOURCE's schema, holding SOURCE's rows that order lines refer to (the batch, regions, people, customers,
# products) and without order_line's non-unique indexes (sales-import drops them for a bulk load and builds
# them after its rows). SCRIPT is the timed part, as sales-import writes: one transaction inserting every
# order line of SOURCE with the schema's CHECKs, unique keys and foreign keys enforced, then the indexes
# built with the same sorter settings (BatchWriter.rebuild). What it leaves out (reading and checking the
# workbook, resolving names, the batch's journal) makes it a floor for any importer writing to this schema.
store_floor() {
    local source=$1 dest=$2 script=$3 drops indexes threads
    fresh "$dest"
    sqlite3 "$source" ".schema --nosys" | sqlite3 -bail "$dest" || die "could not copy the schema of $source"
    drops=$(sqlite3 "$source" "SELECT 'DROP INDEX ' || name || ';' FROM sqlite_schema
        WHERE type = 'index' AND tbl_name = 'order_line' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'")
    indexes=$(sqlite3 "$source" "SELECT replace(replace(sql, char(10), ' '), char(13), ' ') || ';'
        FROM sqlite_schema
        WHERE type = 'index' AND tbl_name = 'order_line' AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%'")
    sqlite3 -bail "$dest" >/dev/null <<SQL || die "could not prepare $dest"
PRAGMA journal_mode = WAL;
ATTACH '$source' AS source;
INSERT INTO import_batch SELECT * FROM source.import_batch;
INSERT INTO region SELECT * FROM source.region;
INSERT INTO person SELECT * FROM source.person;
INSERT INTO customer SELECT * FROM source.customer;
INSERT INTO product SELECT * FROM source.product;
$drops
SQL
    threads=$(nproc 2>/dev/null || echo 1)
    ((threads <= 8)) || threads=8
    cat >"$script" <<SQL
ATTACH '$source' AS source;
PRAGMA foreign_keys = ON;
PRAGMA synchronous = NORMAL;
PRAGMA cache_size = -32768;
BEGIN;
-- The WHERE keeps SQLite from copying the records as they are, unchecked (its transfer optimisation).
INSERT INTO order_line SELECT * FROM source.order_line WHERE id >= 0;
PRAGMA threads = $threads;
PRAGMA cache_size = -8192;
$indexes
COMMIT;
SQL
}

# ---------------------------------------------------------------------------------------------
# One workbook size

# bench_size N [xw]: the workbook of N lines from fixture-gen, or with "xw" the one from gen_orders.py
# (xlsxwriter), whose measurements go in group "xw-N" (a table of its own).
bench_size() {
    local n=$1 kind=${2:-}
    local group=$n name=orders-$n
    [[ $kind != xw ]] || { group=xw-$n; name=xw-orders-$n; }
    local xlsx=$WORK/$name.xlsx csv=$WORK/$name.csv
    local si_db=$WORK/sales-import-$group.db cal_db=$WORK/calamine-$group.db
    local opx_db=$WORK/openpyxl-$group.db csv_db=$WORK/csv-import-$group.db
    local floor_db=$WORK/floor-store-$group.db floor_sql=$WORK/floor-store-$group.sql

    if [[ $kind == xw ]]; then
        say "== $n order lines written by xlsxwriter"
    else
        say "== $n order lines"
    fi
    if [[ ! -s $xlsx ]]; then
        say "generating $xlsx"
        local partial=$WORK/$name.partial.xlsx # renamed only when complete
        if [[ $kind == xw ]]; then
            "$PY" "$GEN_ORDERS" --rows "$n" --out "$partial" >/dev/null
        else
            "$RELEASE/fixture-gen" orders --lines "$n" --out "$partial" >/dev/null
        fi
        mv "$partial" "$xlsx"
    fi
    if [[ ! -s $csv || $csv -ot $xlsx ]]; then
        say "writing $csv for the .import floor (not timed)"
        "$PY" "$HERE/calamine_sqlite.py" "$xlsx" --csv "$csv.partial" >/dev/null
        mv "$csv.partial" "$csv"
    fi
    cat "$xlsx" "$csv" >/dev/null # the page cache holds both for every run alike

    # openpyxl: every run on small workbooks; on large ones once, or never with BENCH_SLOW=0.
    # Not on the xlsxwriter workbooks: the comparison there is with calamine.
    local opx_runs=$RUNS
    if ((n > SLOW_ABOVE)); then
        if ((SLOW == 0)); then opx_runs=0; else opx_runs=1; fi
    fi
    if [[ $kind == xw ]]; then
        opx_runs=0
    else
        ((opx_runs > 0)) || skip "$group" openpyxl "BENCH_SLOW=0"
    fi

    local run
    for ((run = 1; run <= RUNS; run++)); do
        say "run $run of $RUNS ($n lines${kind:+, xlsxwriter})"
        fresh "$si_db"
        measure "$group" sales-import "$xlsx" "$SALES_IMPORT" "$xlsx" --db "$si_db"
        store_floor "$si_db" "$floor_db" "$floor_sql"
        measure "$group" floor-store "$xlsx" sqlite3 "$floor_db" ".read $floor_sql"
        fresh "$cal_db"
        measure "$group" calamine "$xlsx" "$PY" "$HERE/calamine_sqlite.py" "$xlsx" "$cal_db"
        if ((run <= opx_runs)); then
            ((n <= SLOW_ABOVE)) || say "  openpyxl on $n lines takes minutes (BENCH_SLOW=0 skips it)"
            fresh "$opx_db"
            measure "$group" openpyxl "$xlsx" "$PY" "$HERE/openpyxl_sqlite.py" "$xlsx" "$opx_db"
        fi
        measure "$group" floor-unzip "$xlsx" unzip -p "$xlsx" xl/worksheets/sheet1.xml
        fresh "$csv_db"
        measure "$group" floor-import "$xlsx" sqlite3 "$csv_db" ".import --csv $csv orders"
    done

    check_rows "$si_db" order_line "$n" sales-import
    check_rows "$cal_db" orders "$n" calamine
    ((opx_runs == 0)) || check_rows "$opx_db" orders "$n" openpyxl
    check_rows "$csv_db" orders "$n" "sqlite3 .import"
    check_rows "$floor_db" order_line "$n" "the floor-store run"
    # Only sales-import's store of the fixture-gen workbook is kept (the 1,000,000-line one is used
    # below); the peers' go.
    [[ $kind != xw ]] || fresh "$si_db"
    fresh "$cal_db"
    fresh "$opx_db"
    fresh "$csv_db"
    fresh "$floor_db"
}

if part import; then
    for n in "${SIZE_LIST[@]}"; do
        bench_size "$n"
        if [[ -z $XW_SKIPPED ]]; then
            bench_size "$n" xw
        else
            skip "xw-$n" sales-import "$XW_SKIPPED"
        fi
    done
fi

# ---------------------------------------------------------------------------------------------
# Scoring: sales-score against pandas + lifetimes, on the 1,000,000-line store

# The peer's own virtual environment, with the versions pinned (lifetimes 0.11.3 runs with these).
PEER_VENV=.build/bench-venv
PEER_PACKAGES=(pandas==3.1.1 lifetimes==0.11.3 numpy==2.4.6 scipy==1.17.1 autograd==1.9.1 dill==0.4.1)
PEER_PY=$PEER_VENV/bin/python

ensure_peer_venv() {
    if [[ -x $PEER_PY ]] && "$PEER_PY" -c 'import lifetimes, pandas' 2>/dev/null; then return; fi
    say "making $PEER_VENV for the scoring peer: pip install ${PEER_PACKAGES[*]}"
    "$PY" -m venv "$PEER_VENV" || die "$PY could not make the virtual environment $PEER_VENV"
    "$PEER_PY" -m pip install --quiet "${PEER_PACKAGES[@]}" \
        || die "pip could not install the scoring peer's packages into $PEER_VENV"
}

# bench_score: sales-score run (every customer to CSV) and lifetimes_peer.py, taking turns on the same
# data; then compare_score.py checks that both computed the same figures (its lines go to the report).
bench_score() {
    local csv=$WORK/sales-score-$MILLION.csv peer_csv=$WORK/lifetimes-$MILLION.csv
    local peer_fit=$WORK/lifetimes-$MILLION.fit.json compare=$WORK/score-compare.txt run
    ensure_peer_venv
    local sales_score=$WORK/sales-score # one build for every run, as for sales-import
    cp "$RELEASE/sales-score" "$sales_score"
    rm -f "$compare"
    say "== scoring $million_db"
    for ((run = 1; run <= RUNS; run++)); do
        say "run $run of $RUNS (scoring)"
        fresh "$score_db"
        cp "$million_db" "$score_db"
        measure score sales-score "$million_db" "$sales_score" run --db "$score_db" --format csv --out "$csv"
        # OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE, where a machine sets them for old OpenBLAS builds, slow
        # the current numpy the peer uses: its command runs without them.
        measure score lifetimes "$million_db" env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
            "$PEER_PY" "$HERE/lifetimes_peer.py" "$million_db" "$peer_csv" --fit "$peer_fit"
    done
    check_rows "$score_db" score_run "1" sales-score
    "$PEER_PY" "$HERE/compare_score.py" "$score_db" "$peer_csv" "$peer_fit" >"$compare" \
        || { cat "$compare" >&2; die "sales-score and the lifetimes peer computed different figures"; }
    sed 's/^/  /' "$compare"
}

# ---------------------------------------------------------------------------------------------
# Other timings

say "== other timings"

# The demo workbook into a fresh store.
demo=Fixtures/demo-company.xlsx
if ! part import; then
    : # BENCH_PARTS leaves the imports out
elif [[ -s $demo ]]; then
    demo_db=$WORK/demo.db
    for ((run = 1; run <= RUNS; run++)); do
        say "run $run of $RUNS (demo workbook)"
        fresh "$demo_db"
        measure extra demo-import "$demo" "$SALES_IMPORT" "$demo" --db "$demo_db"
    done
else
    skip extra demo-import "$demo is missing (make fixtures)"
fi

# On the store sales-import made from the 1,000,000-line workbook: the one this run imported, or with
# BENCH_PARTS leaving out the import, the one an earlier run left.
million_db=$WORK/sales-import-$MILLION.db
score_db=$WORK/score-$MILLION.db # a scored copy: sales-score writes a run into the store it scores
have_million=0
if part import; then
    [[ " ${SIZE_LIST[*]} " == *" $MILLION "* ]] && have_million=1
elif [[ -s $million_db ]]; then
    have_million=1
elif part score || part export; then
    die "$million_db is missing: run once with BENCH_PARTS including import and BENCH_SIZES including $MILLION"
fi

if ((have_million)) && part score; then bench_score; fi

if ((have_million)) && part export; then
    if [[ ! -s $score_db || $score_db -ot $million_db ]]; then
        say "scoring a copy of $million_db for the summary's section 4 (not timed)"
        fresh "$score_db"
        cp "$million_db" "$score_db"
        "$RELEASE/sales-score" run --db "$score_db" --format csv --out /dev/null >/dev/null
    fi
    # sales-export only reads: the 2025 summary against 2024 (both years of the store), on the scored copy
    # so section 4 has tiers. JSON to standard output, then the workbook and the HTML page to files.
    for ((run = 1; run <= RUNS; run++)); do
        say "run $run of $RUNS (sales-export on $score_db)"
        measure extra export-1m-json "$score_db" "$RELEASE/sales-export" --db "$score_db" --period 2025 --format json
        measure extra export-1m-xlsx "$score_db" "$RELEASE/sales-export" --db "$score_db" --period 2025 \
            --out "$WORK/summary-1m.xlsx"
        measure extra export-1m-html "$score_db" "$RELEASE/sales-export" --db "$score_db" --period 2025 \
            --out "$WORK/summary-1m.html"
    done
    # The same summary on a copy given every other section's data at the store's scale (targets, 60,000
    # opportunities, ~200,000 receivables, 30,000 expenses, budgets, 40,000 feedback entries, returned and
    # cancelled lines; Tools/bench/full-store.sql), so no section's queries go untimed.
    full_db=$WORK/full-$MILLION.db
    fresh "$full_db"
    cp "$score_db" "$full_db"
    sqlite3 -bail "$full_db" < "$HERE/full-store.sql" || die "could not fill $full_db"
    check_rows "$full_db" opportunity "60000" full-store.sql
    for ((run = 1; run <= RUNS; run++)); do
        say "run $run of $RUNS (sales-export on $full_db)"
        measure extra export-1m-full-json "$full_db" "$RELEASE/sales-export" --db "$full_db" --period 2025 \
            --format json
        # A region's year (the scope tested line by line) and a month (read by date range, not whole indexes).
        measure extra export-1m-full-region "$full_db" "$RELEASE/sales-export" --db "$full_db" --period 2025 \
            --scope "region:华东" --format json
        measure extra export-1m-full-month "$full_db" "$RELEASE/sales-export" --db "$full_db" --period 2025-07 \
            --format json
    done
fi

# ---------------------------------------------------------------------------------------------
# The table

say "== results (also in $RESULTS)"
echo
"$PY" "$HERE/report.py" "$MEASUREMENTS" "$RESULTS" "${cpu:-unknown CPU}" "$cores" \
    "$(date '+%Y-%m-%d %H:%M %Z')" "$commit" "$RUNS"
