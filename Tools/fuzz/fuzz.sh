#!/usr/bin/env bash
# make fuzz: libFuzzer targets for the workbook reader, built with -sanitize=fuzzer,address.
#
#   FUZZ_SECONDS   seconds per target (default 60)
#   FUZZ_TARGETS   which targets (default: xlsx-package cell-grammar sheet-scanner)
#
# Each target is compiled from the XLSX module's sources plus its entry point (one module, so the
# fuzzer reaches internal parsers), seeded with the conformance corpus (../shared/xlsx-corpus) and the
# hostile set (fixture-gen hostile), and run for FUZZ_SECONDS. sheet-scanner feeds each input, as a
# worksheet part, to SheetScanner and to libxml2 and traps on any difference (seeded with the corpus's
# and the hostile set's worksheet parts). Findings land in bench/fuzz/<target>/
# (gitignored); each crash input should become a regression test.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
SECONDS_PER_TARGET=${FUZZ_SECONDS:-60}
TARGETS=${FUZZ_TARGETS:-"xlsx-package cell-grammar sheet-scanner"}
OUT=$ROOT/bench/fuzz
SWIFTC=${SWIFTC:-swiftc}
mkdir -p "$OUT"

XLSX_SOURCES=$(find "$ROOT/Sources/XLSX" -name '*.swift' | sort)
FLAGS=(-sanitize=fuzzer,address -parse-as-library -O -g -module-name XLSX
       -I "$ROOT/Sources/CLibXML2" -I "$ROOT/Sources/CZlib"
       -Xcc -I/usr/include/libxml2 -lxml2 -lz)

seed_corpus() { # TARGET DIR
    local dir=$2
    mkdir -p "$dir"
    local corpus=${SALES_XLSX_CORPUS:-$ROOT/../shared/xlsx-corpus}
    case $1 in
    xlsx-package)
        if [[ -d $corpus ]]; then
            find "$corpus" -name '*.xlsx' -size -512k | head -n 150 | while read -r f; do cp "$f" "$dir/"; done
        fi
        if [[ -x $ROOT/.build/release/fixture-gen ]]; then
            "$ROOT/.build/release/fixture-gen" hostile --out-dir "$OUT/hostile" >/dev/null 2>&1 || true
            find "$OUT/hostile" -name '*.xlsx' -size -1M -exec cp {} "$dir/" \; 2>/dev/null || true
        fi
        ;;
    sheet-scanner)
        local packages=()
        [[ -d $corpus ]] && mapfile -t packages < <(find "$corpus" -name '*.xlsx' -size -512k | head -n 150)
        if [[ -x $ROOT/.build/release/fixture-gen ]]; then
            "$ROOT/.build/release/fixture-gen" hostile --out-dir "$OUT/hostile" >/dev/null 2>&1 || true
            mapfile -t -O "${#packages[@]}" packages < <(find "$OUT/hostile" -name '*.xlsx' -size -1M)
        fi
        local k=0
        for f in "${packages[@]}"; do
            for part in $(unzip -Z1 "$f" 2>/dev/null | grep -E '^xl/worksheets/[^/]+\.xml$' | head -n 3); do
                unzip -p "$f" "$part" 2>/dev/null | head -c 262144 >"$dir/sheet-$k.xml" || true
                k=$((k + 1))
            done
        done
        ;;
    cell-grammar)
        for s in A1 XFD1048576 XFE1 A0 '$A$1' 1.5 -0 1e308 0x1F nan inf '  12 ' 1,234.5 ZZZ99999999999; do
            printf '%s' "$s" >"$dir/$(printf '%s' "$s" | od -An -tx1 | tr -d ' \n')"
        done
        ;;
    esac
}

for target in $TARGETS; do
    case $target in
    xlsx-package) entry=XLSXPackageTarget.swift ;;
    cell-grammar) entry=CellGrammarTarget.swift ;;
    sheet-scanner) entry=SheetScannerTarget.swift ;;
    *) echo "fuzz: unknown target '$target' (xlsx-package, cell-grammar, sheet-scanner)" >&2; exit 64 ;;
    esac
    work=$OUT/$target
    mkdir -p "$work/findings"
    echo "== $target: building with -sanitize=fuzzer,address"
    # shellcheck disable=SC2086
    if ! "$SWIFTC" "${FLAGS[@]}" $XLSX_SOURCES "$ROOT/Tools/fuzz/$entry" -o "$work/fuzz-$target" \
        >"$work/build.log" 2>&1; then
        grep -v 'Cannot export local symbol' "$work/build.log" >&2
        exit 1
    fi
    seed_corpus "$target" "$work/corpus"
    echo "== $target: $SECONDS_PER_TARGET s, seeds: $(find "$work/corpus" -type f | wc -l)"
    status=0
    (cd "$work/findings" && "$work/fuzz-$target" -max_total_time="$SECONDS_PER_TARGET" -rss_limit_mb=1024 \
        -timeout=10 -max_len=1048576 -print_final_stats=1 "$work/corpus" 2>"$work/log.txt") || status=$?
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)|^#[0-9]+.*DONE' "$work/log.txt" || true
    if ((status != 0)); then
        echo "fuzz: $target found a problem (exit $status); see $work/log.txt and $work/findings/" >&2
        exit 1
    fi
    echo "== $target: no crash, leak or memory error in $SECONDS_PER_TARGET s"
done
