"""Usage: compare_score.py STORE.db PEER.csv PEER_FIT.json

Check that the benchmark's two scorers computed the same figures: the latest `sales-score` run stored
in STORE.db against `lifetimes_peer.py`'s CSV and fitted parameters. Prints one line per check and
exits 1 when the customers, the rule-based figures (tier, R, F, M, recency, orders, amount) differ
anywhere, or a prediction differs by more than 1e-3 relatively.

Both fits maximise the same likelihood with different optimisers and stopping rules, so parameters
agree to a few digits where the data determine them. On stores where no customer seems to drop out,
BG/NBD's a runs towards 0 (and b grows) while the likelihood flattens: there a and b themselves are
not determined and only their effect, the predictions, is compared.
"""

import csv
import json
import sqlite3
import sys

TOLERANCE = 1e-3


def rel(x: float, y: float) -> float:
    scale = max(abs(x), abs(y))
    return 0.0 if scale == 0 else abs(x - y) / scale


def main(argv) -> None:
    if len(argv) != 3:
        sys.exit(__doc__.strip())
    store, peer_csv, peer_fit = argv
    con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    run_id, fit_text = con.execute("SELECT id, model_fit FROM score_run ORDER BY id DESC LIMIT 1").fetchone()
    ours = {
        row[0]: row for row in con.execute(
            "SELECT customer_id, tier, r_score, f_score, m_score, recency_days, orders, amount_cents, p_alive, "
            "expected_orders, expected_order_value_cents, lifetime_value_cents FROM score_result WHERE run_id = ?",
            (run_id,))
    }
    con.close()
    fit = json.loads(fit_text)
    with open(peer_fit, encoding="utf-8") as f:
        theirs_fit = json.load(f)

    ok = True
    bg, gg = fit.get("purchases"), fit.get("spend")
    if not bg or not gg:
        print(f"sales-score fitted no {'BG/NBD' if not bg else 'Gamma-Gamma'}: {fit.get('notes')}")
        sys.exit(1)
    tb, tg = theirs_fit["bgnbd"], theirs_fit["gamma_gamma"]
    pairs = [("BG/NBD r", bg["r"], tb["r"]), ("BG/NBD alpha", bg["alpha"], tb["alpha"]),
             ("Gamma-Gamma p", gg["p"], tg["p"]), ("Gamma-Gamma q", gg["q"], tg["q"]),
             ("Gamma-Gamma gamma", gg["gamma"], tg["v"])]
    print("parameters (sales-score vs lifetimes, relative difference):")
    for name, x, y in pairs:
        print(f"  {name}: {x:.9g} vs {y:.9g} ({rel(x, y):.1e})")
    print(f"  BG/NBD a, b: {bg['a']:.6g}, {bg['b']:.6g} vs {tb['a']:.6g}, {tb['b']:.6g}"
          + (" (a → 0: not determined by the data; compared through the predictions)"
             if max(bg["a"], tb["a"]) < 1e-6 else f" ({rel(bg['a'], tb['a']):.1e}, {rel(bg['b'], tb['b']):.1e})"))

    with open(peer_csv, encoding="utf-8", newline="") as f:
        theirs = {int(row["customer_id"]): row for row in csv.DictReader(f)}
    if set(theirs) != set(ours):
        print(f"customers differ: {len(ours)} scored by sales-score, {len(theirs)} by the peer, "
              f"{len(set(ours) ^ set(theirs))} in only one")
        sys.exit(1)

    exact = {"tier": 1, "r": 2, "f": 3, "m": 4, "recency": 5, "orders": 6, "amount": 7}
    for column, i in exact.items():
        differ = [c for c, row in ours.items() if str(row[i]) != theirs[c][column]]
        if differ:
            ok = False
            print(f"{column}: {len(differ)} customers differ, e.g. customer {differ[0]}: "
                  f"{ours[differ[0]][i]} vs {theirs[differ[0]][column]}")
    print(f"{len(ours):,} customers; tier, R, F, M, recency, orders and amount "
          + ("identical for every one" if ok else "differ (above)"))

    # Predictions: ours are stored in cents for the money figures, lifetimes' in yuan.
    predictions = [("P(alive)", 8, "p_alive", 1), ("expected orders", 9, "expected_orders", 1),
                   ("expected order value", 10, "expected_order_value", 100),
                   ("lifetime value", 11, "lifetime_value", 100)]
    for name, i, column, unit in predictions:
        worst, who = 0.0, None
        for c, row in ours.items():
            if row[i] is None:
                continue
            d = rel(row[i], float(theirs[c][column]) * unit)
            # Money is rounded to whole cents on our side.
            if unit != 1 and abs(row[i] - float(theirs[c][column]) * unit) <= 0.5:
                d = 0.0
            if d > worst:
                worst, who = d, c
        ok &= worst <= TOLERANCE
        print(f"  {name}: max relative difference {worst:.1e}" + (f" (customer {who})" if who else ""))
    print("same figures" if ok else f"FIGURES DIFFER (tolerance {TOLERANCE:g})")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main(sys.argv[1:])
