/// The definitions of `sales-plan`'s figures, printed at the end of docs/metrics.md.
public enum PlanMetrics {
    public static func markdown() -> String {
        """

        ## Planning figures of `sales-plan` · 计划指标

        The forecast and the targets are explained in [plan.md](plan.md), with the demo company's figures.

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

        """
    }
}
