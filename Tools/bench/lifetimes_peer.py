"""Usage: lifetimes_peer.py STORE.db OUT.csv [--fit FIT.json]

The Python peer of `sales-score run --format csv` for `make bench`: what a data analyst would write
with pandas and lifetimes to score the same store the same way.

1. pandas `read_sql` of the completed and returned order lines up to the as-of date (the last
   completed line's date), as `sales-score` reads them;
2. per customer: purchase days (days with a completed line), recency, distinct orders and net
   revenue in the 365-day window ending on the as-of date (a returned line counts its negative
   amount), RFM scores by quintile of rank (1 + ⌊5k/n⌋, k the customers strictly worse: the rule of
   docs/score.md), ABC tiers at 70% / 90% of the window's revenue;
3. lifetimes `BetaGeoFitter` on (x, tₓ, T) in weeks from the first purchase day and
   `GammaGammaFitter` on the mean value (yuan) of the repeat purchase days;
4. per customer: P(alive), expected orders over 12 months, expected order value, and the lifetime
   value month by month discounted at 1% a month (lifetimes' `customer_lifetime_value` loop, with
   sales-score's month of 365.25 / 7 / 12 weeks);
5. the CSV, one row per customer; with --fit, the fitted parameters as JSON.

Settings are sales-score's defaults; `compare_score.py` checks the figures against its run.
"""

import json
import sqlite3
import sys

import numpy as np
import pandas as pd
from autograd import hessian, value_and_grad
from lifetimes import BetaGeoFitter, GammaGammaFitter
from scipy.optimize import minimize

WINDOW_DAYS = 365
TIER_A, TIER_B = 0.70, 0.90
HORIZON_MONTHS = 12
MONTHLY_DISCOUNT = 0.01
WEEKS_PER_MONTH = 365.25 / 7 / 12


class PatientBetaGeoFitter(BetaGeoFitter):
    """lifetimes' BetaGeoFitter, except that scipy's "precision loss" stop is accepted where the gradient is
    already below 1e-5: on stores where no customer seems to drop out, a runs towards 0 while the
    likelihood flattens, and BFGS stops there with that status (lifetimes raises ConvergenceError and
    suggests a penalizer, which would change the figures). The search itself is lifetimes' `_fit`."""

    def _fit(self, minimizing_function_args, initial_params, params_size, disp, tol=1e-7, bounds=None, **kwargs):
        options = {"disp": disp, **kwargs}
        x0 = 0.1 * np.ones(params_size) if initial_params is None else initial_params
        output = minimize(value_and_grad(self._negative_log_likelihood), jac=True, method=None, tol=tol, x0=x0,
                          args=minimizing_function_args, options=options, bounds=bounds)
        if not (output.success or (output.status == 2 and np.max(np.abs(output.jac)) < 1e-5)):
            sys.exit(f"lifetimes: BG/NBD did not converge: {output.message}")
        return output.x, output.fun, hessian(self._negative_log_likelihood)(output.x, *minimizing_function_args)


def main(argv) -> None:
    if len(argv) not in (2, 4) or (len(argv) == 4 and argv[2] != "--fit"):
        sys.exit(__doc__.strip())
    store, out = argv[0], argv[1]
    fit_out = argv[3] if len(argv) == 4 else None

    con = sqlite3.connect(f"file:{store}?mode=ro", uri=True)
    (as_of_text,) = con.execute("SELECT max(order_date) FROM order_line WHERE status = 'completed'").fetchone()
    lines = pd.read_sql(
        "SELECT customer_id, order_no, order_date, status, amount_cents FROM order_line "
        "WHERE status IN ('completed', 'returned') AND order_date <= ?",
        con, params=(as_of_text,))
    names = pd.read_sql("SELECT id AS customer_id, code, name FROM customer", con, index_col="customer_id")
    con.close()

    epoch = np.datetime64("1970-01-01", "D")
    lines["day"] = (pd.to_datetime(lines["order_date"], format="%Y-%m-%d").values.astype("datetime64[D]")
                    - epoch).astype(np.int64)
    as_of = int((np.datetime64(as_of_text, "D") - epoch).astype(np.int64))
    start = as_of - WINDOW_DAYS + 1
    completed = lines[lines["status"] == "completed"]

    # Purchase days: one transaction per customer and day with a completed line.
    days = completed.groupby(["customer_id", "day"], sort=True)["amount_cents"].sum().reset_index()
    per = days.groupby("customer_id").agg(first=("day", "min"), last=("day", "max"), n=("day", "size"),
                                         total=("amount_cents", "sum"))
    first_amount = days.groupby("customer_id")["amount_cents"].first()
    per["x"] = per["n"] - 1
    per["tx"] = (per["last"] - per["first"]) / 7
    per["T"] = (as_of - per["first"]) / 7
    repeat_total = (per["total"] - first_amount) / 100
    per["mean_value"] = np.where(per["x"] > 0, repeat_total / per["x"].clip(lower=1), 0.0)
    per["spend_x"] = np.where(per["mean_value"] > 0, per["x"], 0)

    # RFM and tiers over the window.
    in_window = lines[lines["day"] >= start]
    orders = in_window[in_window["status"] == "completed"].groupby("customer_id")["order_no"].nunique()
    revenue = np.where(in_window["status"] == "returned", in_window["amount_cents"].clip(upper=0),
                       in_window["amount_cents"])
    amount = pd.Series(revenue, index=in_window.index).groupby(in_window["customer_id"]).sum()
    per["recency"] = as_of - per["last"]
    per["orders"] = orders.reindex(per.index, fill_value=0)
    per["amount"] = np.where(per["orders"] > 0, amount.reindex(per.index, fill_value=0), 0)
    active = per["orders"] > 0
    n_active = int(active.sum())
    for column, key in (("r", -per["recency"]), ("f", per["orders"]), ("m", per["amount"])):
        rank = key[active].rank(method="min")
        per[column] = 1
        per.loc[active, column] = 1 + (5 * (rank - 1) // n_active).astype(int)
    paying = per[per["amount"] > 0].reset_index().sort_values(["amount", "customer_id"], ascending=[False, True])
    before = paying["amount"].cumsum() - paying["amount"]
    total = paying["amount"].sum()
    paying["tier"] = np.where(before < total * TIER_A, "A", np.where(before < total * TIER_B, "B", "C"))
    per["tier"] = paying.set_index("customer_id")["tier"].reindex(per.index, fill_value="D")

    # The models.
    bg = PatientBetaGeoFitter(penalizer_coef=0.0)
    bg.fit(per["x"], per["tx"], per["T"])
    repeat = per[per["spend_x"] > 0]
    gg = GammaGammaFitter(penalizer_coef=0.0)
    gg.fit(repeat["spend_x"], repeat["mean_value"])

    per["p_alive"] = bg.conditional_probability_alive(per["x"], per["tx"], per["T"])
    per["expected_orders"] = bg.conditional_expected_number_of_purchases_up_to_time(
        HORIZON_MONTHS * WEEKS_PER_MONTH, per["x"], per["tx"], per["T"])
    per["expected_order_value"] = gg.conditional_expected_average_profit(per["spend_x"], per["mean_value"])
    clv = np.zeros(len(per))
    previous = np.zeros(len(per))
    for month in range(1, HORIZON_MONTHS + 1):
        cumulative = np.asarray(bg.predict(month * WEEKS_PER_MONTH, per["x"], per["tx"], per["T"]))
        clv += per["expected_order_value"].values * (cumulative - previous) / (1 + MONTHLY_DISCOUNT) ** month
        previous = cumulative
    per["lifetime_value"] = clv

    per = per.join(names)
    per["last_order_on"] = (epoch + per["last"].values.astype("timedelta64[D]")).astype(str)
    per.reset_index()[[
        "customer_id", "code", "name", "tier", "r", "f", "m", "recency", "last_order_on", "orders", "amount",
        "p_alive", "expected_orders", "expected_order_value", "lifetime_value"
    ]].to_csv(out, index=False)

    if fit_out:
        fit = {"bgnbd": {k: float(v) for k, v in bg.params_.items()},
               "gamma_gamma": {k: float(v) for k, v in gg.params_.items()},
               "customers": len(per), "repeat_customers": len(repeat), "as_of": as_of_text}
        with open(fit_out, "w", encoding="utf-8") as f:
            json.dump(fit, f, indent=1)


if __name__ == "__main__":
    main(sys.argv[1:])
