/// The definitions of `sales-plan`'s figures, printed at the end of docs/metrics.md.
public enum PlanMetrics {
    public static func markdown() -> String {
        """

        ## Planning figures of `sales-plan` · 计划指标

        The forecast, the targets and the awards are explained in [plan.md](plan.md), with the demo company's \
        figures. The awards' criteria are the `[awards]` table of the plan file; the defaults are given here.

        ### `mape` — Mean absolute percentage error · 平均绝对百分比误差

        - Unit: `percent` · lower is better
        - Formula: MAPE = mean over the backtest's forecast points of |actual − forecast| ÷ |actual| × 100%
        - 公式：MAPE = 回测各预测点 |实际 − 预测| ÷ |实际| 的平均值 × 100%
        - Rule: Rolling origin: fit on the first 15, 16, … months, forecast the next 3 each time. Points whose actual \
        is 0 are left out and counted.
        - 规则：滚动起点：依次用前 15、16……个月拟合，各预测其后 3 个月。实际值为 0 的点不计入并单独计数。

        ### `mase` — Mean absolute scaled error · 平均绝对标度误差

        - Unit: `index` · lower is better
        - Formula: MASE = mean over the forecast points of |actual − forecast| ÷ (mean |y(t) − y(t−1)| of the \
        history the point was forecast from)
        - 公式：MASE = 各预测点 |实际 − 预测| ÷（该点所用历史的逐月变动绝对值的平均）的平均值
        - Rule: The scale is the one-month naive forecast's in-sample error (Hyndman & Koehler 2006), so a series \
        that repeats exactly each year still has one. The model is used only where its MASE is below the \
        seasonal-naive baseline's (same month a year earlier); otherwise the baseline is the forecast.
        - 规则：标度取逐月朴素预测的样本内误差（Hyndman & Koehler 2006），每年完全重复的序列也有标度。\
        只有模型的 MASE 低于季节朴素基准（去年同月）时才采用模型，否则以基准为预测。

        ### `stage_win_rate` — Win rate of a pipeline stage · 阶段赢单率

        - Unit: `percent` · higher is better
        - Formula: win rate of a stage = won ÷ closed, over the closed opportunities the store saw open at that stage
        - 公式：阶段赢单率 = 在该阶段出现过的已关闭商机中赢单的比例
        - Rule: A stage is "seen" in the before-images the import journal keeps when a later import changes an \
        opportunity. With fewer than 10 such deals the stage takes the overall win rate, won ÷ (won + lost).
        - 规则："出现过"以导入日志中后续导入修改商机前的原值为准。该阶段不足 10 个时，取总体赢单率：赢 ÷（赢 + 输）。

        ### `weighted_pipeline` — Weighted open pipeline · 加权在途商机

        - Unit: `cny` · higher is better
        - Formula: weighted pipeline = Σ over open opportunities of expected amount × the win rate of its stage
        - 公式：加权在途商机 = Σ 在途商机预计金额 × 所在阶段赢单率
        - Rule: Expected to close at creation + the median days from creation to close of won deals (the horizon's \
        first month when already past). Shown beside the forecast, not added to it: the history already holds \
        the revenue the pipeline turns into.
        - 规则：预计成交日 = 创建日 + 赢单周期中位数（已过则计入预测期第一个月）。与预测并列显示、不相加：历史销售额已包含商机转化的收入。

        ### `target_split` — Target split · 目标分解

        - Unit: `cny`
        - Formula: part = ⌊total × share⌋ + 1 fen for the parts with the largest remainders, until the parts sum \
        to the total
        - 公式：各部分 = ⌊总额 × 占比⌋，余下的分按余数从大到小各加 1 分，直到各部分之和等于总额
        - Rule: Shares are each region's, rep's and product line's revenue over the basis months (24 by default), \
        quarters by the basis's quarterly profile; region × quarter and rep × quarter sum exactly both ways.
        - 规则：占比取依据期（默认 24 个月）内各区域、销售、产品线的销售额；季度按依据期的季度分布；区域×季度、销售×季度横竖都恰好相加。

        ### `quarterly_star` — Quarterly star · 季度之星

        - Unit: `percent` · higher is better
        - Formula: winner = the active rep with the highest completion = quarter revenue ÷ the rep's quarter target, \
        among reps with revenue ≥ `star_min_revenue` (default ¥0) and completion ≥ `star_min_completion` (default 100%)
        - 公式：获奖者 = 季度销售额 ≥ 最低销售额（默认 0 元）且完成率 ≥ 最低完成率（默认 100%）的在职销售中，\
        完成率（季度销售额 ÷ 季度个人目标）最高者
        - Rule: Revenue and targets as the summary counts them (cancelled lines never, a sale marked returned 0). \
        Compared exactly as fractions; ties go to the higher revenue, then the login in code-point order. A rep \
        without a positive target for the quarter is not considered; reps who have left never are.
        - 规则：销售额与目标口径同总结报告（取消的订单行不计，已标记退货的销售计 0）。按分数精确比较；\
        并列时销售额高者优先，再按登录名排序。该季度没有正目标的销售不参评，离职销售不参评。

        ### `customer_satisfaction_award` — Customer satisfaction award · 客户满意度奖

        - Unit: `score` · higher is better
        - Formula: winner = the active rep with the best mean of the 1–5 survey scores received in the quarter from \
        the customers they own (customer.owner_id), among reps with at least `satisfaction_min_customers` \
        (default 3) distinct customers who gave a score
        - 公式：获奖者 = 本季度至少有指定数量（默认 3 位）名下客户（customer.owner_id）给出调查评分的在职销售中，\
        这些评分（1–5 分）平均值最高者
        - Rule: Every quality, delivery and service score counts once; blank scores do not count. Ties go to more \
        rated customers, then the login.
        - 规则：质量、交付、服务每项评分各计一次，空评分不计。并列时评分客户多者优先，再按登录名排序。

        ### `team_collaboration_award` — Team collaboration award · 团队协作奖

        - Unit: `percent` · higher is better
        - Formula: winner = the team with the highest completion = the quarter revenue credited to its people ÷ \
        the team's quarter target, among teams with at least `team_min_reps` (default 2) active reps with a target \
        or revenue in the quarter and completion ≥ `team_min_completion` (default 100%)
        - 公式：获奖团队 = 本季度有目标或销售额的在职销售不少于指定人数（默认 2 人）、且团队完成率 ≥ 最低完成率\
        （默认 100%）的团队中，团队完成率（成员季度销售额之和 ÷ 团队季度目标）最高者
        - Rule: A team's revenue includes its members who have left. Ties go to the higher revenue, then the team \
        name.
        - 规则：团队销售额包含已离职成员的销售额。并列时销售额高者优先，再按团队名排序。

        ### `improvement_candidate` — Improvement-plan candidate · 绩效改进计划候选人

        - Unit: `percent`
        - Formula: candidate = an active rep whose completion is under `improvement_threshold` (default 80%) in \
        the quarter and in the quarter before
        - 公式：候选人 = 本季度与上一季度完成率均低于阈值（默认 80%）的在职销售
        - Rule: A rep without a positive target for either quarter is not a candidate; how many active reps with \
        revenue or a target were left out for that reason is printed. One quarter under the threshold is not enough.
        - 规则：任一季度没有正目标的销售不列为候选人，并注明因此未评估的在职销售人数。只有一个季度低于阈值不算。

        """
    }
}
