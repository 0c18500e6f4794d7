import Foundation

/// `sales-plan awards` on the terminal, and the phrases the summary shares with it.
public enum AwardsText {
    /// Hundredths of a percent as a percentage: 10000 → "100%", 8050 → "80.5%".
    static func basisPoints(_ value: Int64) -> String {
        MoneyDisplay.trimmed(Double(value) / 100, decimals: 2) + "%"
    }

    static func percent(_ value: Double?) -> String { ForecastText.percent(value.map { $0 * 100 }, decimals: 1) }

    /// The award's name.
    public static func title(_ award: String, _ lang: OutputLanguage) -> String {
        switch award {
        case "quarterly_star": lang.pick("季度之星", "Quarterly star")
        case "customer_satisfaction": lang.pick("客户满意度奖", "Customer satisfaction award")
        case "team_collaboration": lang.pick("团队协作奖", "Team collaboration award")
        default: award
        }
    }

    /// The award's criteria and tie rule, in one line.
    public static func criterion(_ award: String, _ c: AwardCriteria, _ lang: OutputLanguage) -> String {
        switch award {
        case "quarterly_star":
            // A revenue floor of zero (the default) is no condition a reader needs to see.
            lang.pick(
                (c.starMinRevenueCents > 0 ? "季度销售额 ≥ \(MoneyDisplay.yuan(c.starMinRevenueCents))、" : "")
                    + "完成率 ≥ \(basisPoints(c.starMinCompletionBasisPoints))；"
                    + "完成率最高者获奖（并列时销售额高者优先，再按登录名）",
                (c.starMinRevenueCents > 0 ? "quarter revenue ≥ \(MoneyDisplay.yuan(c.starMinRevenueCents)), " : "")
                    + "completion ≥ \(basisPoints(c.starMinCompletionBasisPoints)); highest completion wins "
                    + "(ties: higher revenue, then login)")
        case "customer_satisfaction":
            lang.pick(
                "至少 \(c.satisfactionMinCustomers) 位客户给出调查评分；平均分最高者获奖（并列时评分客户多者优先，再按登录名）",
                "at least \(c.satisfactionMinCustomers) customers who gave a survey score; best mean score wins "
                    + "(ties: more rated customers, then login)")
        case "team_collaboration":
            lang.pick(
                "至少 \(c.teamMinReps) 名在职销售、团队完成率 ≥ \(basisPoints(c.teamMinCompletionBasisPoints))；"
                    + "完成率最高的团队获奖（并列时销售额高者优先，再按团队名）",
                "at least \(c.teamMinReps) active reps, team completion ≥ "
                    + "\(basisPoints(c.teamMinCompletionBasisPoints)); highest completion wins (ties: higher revenue, "
                    + "then team name)")
        default: ""
        }
    }

    /// The improvement-plan rule.
    public static func improvementRule(_ a: QuarterAwards, _ lang: OutputLanguage) -> String {
        let threshold = basisPoints(a.criteria.improvementThresholdBasisPoints)
        return lang.pick(
            "\(a.previousQuarter) 与 \(a.quarter) 两个季度完成率均低于 \(threshold)",
            "completion under \(threshold) in both \(a.previousQuarter) and \(a.quarter)")
    }

    /// The figures that won (or came second).
    public static func figures(_ award: String, _ e: QuarterAwards.Entry, _ lang: OutputLanguage) -> String {
        switch award {
        case "customer_satisfaction":
            let score = e.score.map { String(format: "%.2f", $0) } ?? "–"
            return lang.pick(
                "平均分 \(score)（\(e.ratedCustomers ?? 0) 位客户，\(e.surveyScores ?? 0) 项评分）",
                "mean score \(score) (\(e.ratedCustomers ?? 0) customers, \(e.surveyScores ?? 0) scores)")
        default:
            let target = e.targetCents.map(MoneyDisplay.yuan) ?? "–"
            let revenue = e.revenueCents.map(MoneyDisplay.yuan) ?? "–"
            var text = lang.pick(
                "完成率 \(percent(e.completion))（销售额 \(revenue) / 目标 \(target)）",
                "completion \(percent(e.completion)) (revenue \(revenue) of target \(target))")
            if let reps = e.reps { text += lang.pick("，\(reps) 名销售", ", \(reps) reps") }
            return text
        }
    }

    /// Who: "name (login)" for a rep, the team's name for a team.
    public static func who(_ e: QuarterAwards.Entry) -> String {
        TerminalText.visible(e.name == e.key ? e.name : "\(e.name) (\(e.key))")
    }

    /// Why nobody won.
    public static func noWinner(_ award: QuarterAwards.Award, _ a: QuarterAwards, _ lang: OutputLanguage) -> String {
        switch award.noWinnerReason {
        case "no_targets": lang.pick("无人获奖：\(a.quarter) 没有销售个人目标", "no winner: no rep has a target for \(a.quarter)")
        case "no_surveys":
            lang.pick(
                "无人获奖：\(a.quarter) 没有销售的客户给出调查评分",
                "no winner: no rep's customers gave a survey score in \(a.quarter)")
        case "no_team_targets":
            lang.pick("无人获奖：\(a.quarter) 没有团队目标", "no winner: no team has a target for \(a.quarter)")
        default:
            lang.pick(
                "无人获奖：\(award.considered) 个候选均未达到条件",
                "no winner: none of the \(award.considered) considered meets the criteria")
        }
    }

    /// The terminal text.
    public static func text(_ a: QuarterAwards, planName: String?, lang: OutputLanguage) -> String {
        var out = lang.pick("\(a.quarter) 季度奖项", "Awards for \(a.quarter)")
        if let source = a.criteria.source {
            out += lang.pick("（条件取自 \(TerminalText.visible(source))", " (criteria from \(TerminalText.visible(source))")
            if let planName {
                out += lang.pick("：\(TerminalText.visible(planName))", ": \(TerminalText.visible(planName))")
            }
            out += lang.pick("）\n", ")\n")
        } else {
            out += lang.pick("（默认条件）\n", " (default criteria)\n")
        }
        for award in a.awards {
            out += "\n" + title(award.award, lang) + "\n"
            for part in criterion(award.award, a.criteria, lang).split(separator: lang.pick("；", "; ")) {
                out += "  " + part + "\n"
            }
            if let winner = award.winner {
                out += lang.pick("  获奖：", "  Winner: ") + who(winner) + "\n"
                out += "    " + figures(award.award, winner, lang) + "\n"
                out += lang.pick("  第二名：", "  Runner-up: ")
                out +=
                    award.runnerUp.map { who($0) + "\n    " + figures(award.award, $0, lang) } ?? lang.pick("无", "none")
                out += "\n"
            } else {
                out += "  " + noWinner(award, a, lang) + "\n"
            }
            let unit = award.award == "team_collaboration" ? lang.pick("个团队", "teams") : lang.pick("名销售", "reps")
            out += lang.pick(
                "  \(award.considered) \(unit)参评，\(award.qualified) 符合条件\n",
                "  \(award.qualified) of \(award.considered) \(unit) considered meet the criteria\n")
        }
        out += "\n" + lang.pick("绩效改进计划候选人", "Improvement-plan candidates") + "\n"
        out += "  " + improvementRule(a, lang) + "\n"
        if a.improvementCandidates.isEmpty {
            out +=
                a.improvementConsidered > 0
                ? lang.pick(
                    "  无（\(a.improvementConsidered) 名销售参评）\n", "  none (\(a.improvementConsidered) reps assessed)\n")
                : lang.pick("  无人可评（没有销售两个季度都有目标）\n", "  nobody to assess (no rep has a target for both quarters)\n")
        } else {
            let pad = { (text: String, width: Int, right: Bool) in ForecastText.pad(text, width, right: right) }
            out += pad(lang.pick("  销售", "  Rep"), 24, false)
            for q in [a.previousQuarter, a.quarter] {
                out += pad(q + lang.pick(" 销售额", " revenue"), 18, true) + pad(lang.pick("目标", "target"), 16, true)
                out += pad(lang.pick("完成率", "done"), 8, true)
            }
            out += "\n"
            for c in a.improvementCandidates {
                out += pad("  " + TerminalText.visible("\(c.name) (\(c.login))"), 24, false)
                for q in c.quarters {
                    out +=
                        pad(MoneyDisplay.yuan(q.revenueCents), 18, true)
                        + pad(MoneyDisplay.yuan(q.targetCents), 16, true)
                    out += pad(percent(q.completion), 8, true)
                }
                out += "\n"
            }
        }
        if a.leftOutWithoutTarget > 0 {
            out += lang.pick(
                "  另有 \(a.leftOutWithoutTarget) 名在职销售因缺少其中一个季度的目标而未评估\n",
                "  Active reps left out, without a target for one of the two quarters: \(a.leftOutWithoutTarget)\n")
        }
        return out
    }
}
