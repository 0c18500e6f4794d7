#!/usr/bin/env bash
# make bench: sales-import against the tools a user would otherwise use, measured side by side in one run.
#
#   BENCH_SIZES="100000 1000000"   order lines per generated workbook
#   BENCH_RUNS=3                   runs per tool (the median is reported); openpyxl runs once at 1,000,000
#   BENCH_SLOW=1                   0 skips openpyxl (minutes at 1,000,000 lines)
#
# Needs the release build (make release). Installs GNU time, sqlite3, unzip with apt-get and the Python
# peers with pip into a private virtual environment under bench/work/ when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."

SIZES=${BENCH_SIZES:-"100000 1000000"}
RUNS=${BENCH_RUNS:-3}
SLOW=${BENCH_SLOW:-1}
WORK=bench/work
RESULTS=bench/results.md
RELEASE=.build/release
mkdir -p "$WORK"

say() { printf '== %s\n' "$*" >&2; }

# --- what the benchmark needs -------------------------------------------------------------------
need_apt=()
[ -x /usr/bin/time ] || need_apt+=(time)
command -v sqlite3 >/dev/null || need_apt+=(sqlite3)
command -v unzip >/dev/null || need_apt+=(unzip)
if [ ${#need_apt[@]} -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        say "installing ${need_apt[*]}"
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
    else
        echo "The benchmark needs: sudo apt-get install -y ${need_apt[*]}" >&2
        exit 1
    fi
fi
VENV=$WORK/venv
if [ ! -x "$VENV/bin/python" ]; then
    say "creating $VENV with python-calamine and openpyxl"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet --disable-pip-version-check python-calamine openpyxl
fi
PY=$VENV/bin/python
for tool in sales-import fixture-gen; do
    [ -x "$RELEASE/$tool" ] || { echo "missing $RELEASE/$tool: run 'make release'" >&2; exit 1; }
done

# --- measuring ----------------------------------------------------------------------------------
# measure NAME RUNS SETUP COMMAND...: runs SETUP then COMMAND (under GNU time) RUNS times and prints
# "median_seconds median_peak_kib" for NAME.
measure() {
    local name=$1 runs=$2 setup=$3; shift 3
    local times=() mems=() i out stats
    stats=$(mktemp)
    for ((i = 1; i <= runs; i++)); do
        eval "$setup"
        /usr/bin/time -f '%e %M' -o "$stats" "$@" >/dev/null 2>&1 || { echo "$name failed" >&2; rm -f "$stats"; exit 1; }
        out=$(tail -n 1 "$stats")
        times+=("${out% *}"); mems+=("${out#* }")
        say "$name run $i/$runs: ${out% *} s, $(( ${out#* } / 1024 )) MiB"
    done
    rm -f "$stats"
    printf '%s %s\n' "$(printf '%s\n' "${times[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')" \
                     "$(printf '%s\n' "${mems[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')"
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.0f", k / 1024 }'; }

cpu=$(lscpu | sed -n 's/^Model name:[[:space:]]*//p' | head -n 1)
table=$(mktemp)
trap 'rm -f "$table"' EXIT
{
    echo "# Benchmark results"
    echo
    echo "- date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "- commit: $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
    echo "- machine: ${cpu:-unknown CPU}, $(nproc) cores, $(free -g | awk '/^Mem:/ {print $2}') GiB"
    echo "- runs per tool: $RUNS (median shown; openpyxl once at 1,000,000 lines)"
    echo
    echo "Ratio = the tool's wall time ÷ sales-import's wall time in the same run (above 1: sales-import is faster)."
} > "$table"

for n in $SIZES; do
    book=$WORK/orders-$n.xlsx
    [ -f "$book" ] || { say "generating $book"; "$RELEASE/fixture-gen" orders --lines "$n" --out "$book" >&2; }
    csvfile=$WORK/orders-$n.csv
    [ -f "$csvfile" ] || { say "writing $csvfile (outside the timings)"; "$PY" Tools/bench/peers.py csv "$book" "$csvfile"; }
    db=$WORK/bench.db
    fresh="rm -f $db $db-wal $db-shm"

    say "$n lines: sales-import"
    read -r si_t si_m < <(measure sales-import "$RUNS" "$fresh" "$RELEASE/sales-import" "$book" --db "$db")
    say "$n lines: python-calamine + sqlite3"
    read -r ca_t ca_m < <(measure calamine "$RUNS" "$fresh" "$PY" Tools/bench/peers.py calamine "$book" "$db")
    op_t=-; op_m=0
    if [ "$SLOW" = 1 ]; then
        runs=$RUNS; [ "$n" -ge 1000000 ] && runs=1
        say "$n lines: openpyxl read_only + sqlite3"
        read -r op_t op_m < <(measure openpyxl "$runs" "$fresh" "$PY" Tools/bench/peers.py openpyxl "$book" "$db")
    fi
    say "$n lines: floors"
    read -r uz_t uz_m < <(measure "unzip -p" "$RUNS" ":" unzip -p "$book" xl/worksheets/sheet1.xml)
    read -r im_t im_m < <(measure "sqlite3 .import" "$RUNS" "$fresh" sqlite3 "$db" ".import --csv $csvfile orders")
    floors=$(awk -v a="$uz_t" -v b="$im_t" 'BEGIN { printf "%.2f", a + b }')
    {
        echo
        echo "## $n order lines ($(du -h "$book" | cut -f1) workbook)"
        echo
        echo "| tool | wall (s) | peak RSS (MiB) | ratio to sales-import |"
        echo "|---|---:|---:|---:|"
        echo "| sales-import (fresh store) | $si_t | $(mib "$si_m") | 1.00 |"
        echo "| python-calamine + sqlite3 executemany | $ca_t | $(mib "$ca_m") | $(ratio "$ca_t" "$si_t") |"
        [ "$op_t" = - ] || echo "| openpyxl read_only + sqlite3 executemany | $op_t | $(mib "$op_m") | $(ratio "$op_t" "$si_t") |"
        echo "| floor: inflate the sheet part (unzip -p) | $uz_t | $(mib "$uz_m") | $(ratio "$uz_t" "$si_t") |"
        echo "| floor: sqlite3 .import of the rows as CSV | $im_t | $(mib "$im_m") | $(ratio "$im_t" "$si_t") |"
        echo
        echo "sales-import takes $(ratio "$si_t" "$floors")× the two floors added together ($floors s)."
    } >> "$table"
done

demo=Fixtures/demo-company.xlsx
say "demo company import"
read -r dm_t dm_m < <(measure "demo import" "$RUNS" "rm -f $WORK/demo.db $WORK/demo.db-wal $WORK/demo.db-shm" \
    "$RELEASE/sales-import" "$demo" --db "$WORK/demo.db")
{
    echo
    echo "## Other timings"
    echo
    echo "| what | wall (s) | peak RSS (MiB) |"
    echo "|---|---:|---:|"
    echo "| import of Fixtures/demo-company.xlsx (11 sheets, 64,323 rows) into a fresh store | $dm_t | $(mib "$dm_m") |"
    # Scoring and the summary export on the 1,000,000-line store are added here when those tools exist.
} >> "$table"

mkdir -p "$(dirname "$RESULTS")"
cp "$table" "$RESULTS"
cat "$RESULTS"
echo >&2
say "written to $RESULTS"
