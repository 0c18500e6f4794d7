import Foundation

extension ApprovalReport {
    /// `show`'s lines for the moves: a send-back waiting for the submitter, the payment, receipts, and the moves
    /// (comments, withdrawal, send-backs, resubmissions, reopenings, escalations) in order.
    static func movesText(_ c: ClaimDetail, lang: OutputLanguage) -> String {
        var out = ""
        if let back = c.sentBack {
            out += wrapped(
                "  ! ",
                lang.pick(
                    "已由 \(back.actor) 于 \(back.at) 退回提交人修改：“\(back.text ?? "")”；待提交人重新提交（sales-approve resubmit）",
                    "sent back to the submitter by \(back.actor) at \(back.at): “\(back.text ?? "")”; it waits for "
                        + "them to resubmit it (sales-approve resubmit)"))
        }
        if let p = c.payment {
            out += lang.pick("付款\n", "Payment\n")
            out +=
                "  "
                + TerminalText.visible(
                    lang.pick(
                        "批次 \(p.batch) · \(MoneyDisplay.text(cents: p.amountCents)) · \(p.paidBy) 于 \(p.paidAt)",
                        "batch \(p.batch) · \(MoneyDisplay.text(cents: p.amountCents)) · by \(p.paidBy) at \(p.paidAt)")
                )
                + "\n"
        }
        if !c.receipts.isEmpty {
            out += lang.pick("票据\n", "Receipts\n")
            for r in c.receipts {
                let line =
                    "  \(r.fileName)  \(r.sizeBytes) " + lang.pick("字节", "bytes")
                    + "  SHA-256 \(r.sha256.prefix(16))…  "
                    + lang.pick("\(r.attachedBy) 于 \(r.attachedAt)", "by \(r.attachedBy) at \(r.attachedAt)")
                out += DisplayWidth.fit(TerminalText.visible(line), width: 100) + "\n"
            }
        }
        if !c.moves.isEmpty {
            out += lang.pick("意见与操作\n", "Comments and moves\n")
            for m in c.moves {
                let what: String =
                    switch m.move {
                    case "commented": lang.pick("意见", "comment")
                    case "withdrawn": lang.pick("撤回", "withdrawn")
                    case "sent_back": lang.pick("退回修改（第 \(m.step ?? 0) 步）", "sent back (step \(m.step ?? 0))")
                    case "resubmitted": lang.pick("重新提交", "resubmitted")
                    case "reopened": lang.pick("重新打开", "reopened")
                    case "escalated":
                        lang.pick(
                            "第 \(m.step ?? 0) 步升级至 \(m.to ?? "")", "step \(m.step ?? 0) escalated to \(m.to ?? "")")
                    default: m.move
                    }
                var line = "#\(m.auditSeq)  \(m.at)  \(pad(m.actor, 14))  \(what)"
                if let text = m.text { line += " — “\(text)”" }
                out += wrapped("  ", TerminalText.visible(line))
            }
        }
        return out
    }

    /// One line on what `withdraw`, `send-back` or `comment` did.
    public static func moveText(_ o: MoveOutcome, lang: OutputLanguage) -> String {
        let id = TerminalText.visible(o.id)
        switch o.move {
        case "withdrawn":
            return lang.pick("已撤回 \(id)。\n", "Withdrew \(id).\n")
        case "sent_back":
            let behalf = o.onBehalfOf.map { lang.pick("（代 \($0)）", " on behalf of \($0)") } ?? ""
            return lang.pick(
                "已将 \(id) 在第 \(o.step ?? 0) 步退回提交人修改\(behalf)。\n",
                "Sent \(id) back to its submitter at step \(o.step ?? 0)\(behalf); it waits for them to resubmit it.\n")
        default:
            return lang.pick(
                "已为 \(id) 添加意见（审计记录 #\(o.auditSeq)）。\n", "Commented on \(id) (audit entry #\(o.auditSeq)).\n")
        }
    }

    /// The `mine` table.
    public static func mineText(_ items: [MineItem], for actor: ApprovalIdentity, lang: OutputLanguage) -> String {
        let who = TerminalText.visible(actor.person.label)
        guard !items.isEmpty else {
            return lang.pick("\(who) 没有提交过报销。\n", "\(who) has submitted no claims.\n")
        }
        var out = lang.pick(
            "\(who) 提交的报销：\(items.count) 笔，最新的在前\n", "Claims submitted by \(who): \(items.count), newest first\n")
        out +=
            pad(lang.pick("报销单", "claim"), 16) + pad(lang.pick("提交日期", "submitted"), 12)
            + pad(lang.pick("金额", "amount"), 14, right: true) + "  " + lang.pick("状态", "where it is") + "\n"
        for item in items {
            let row =
                pad(TerminalText.visible(item.id), 16) + pad(item.submittedOn, 12)
                + pad(MoneyDisplay.text(cents: item.amountCents), 14, right: true) + "  "
            out += wrapped(row, TerminalText.visible(item.whereItIs))
            if let reason = item.sentBackReason { out += wrapped("    ", "“" + TerminalText.visible(reason) + "”") }
            for flag in item.flags { out += wrapped("    ! ", flag) }
        }
        return out
    }

    /// What `pay` did, or one batch of `payments`.
    public static func batchText(_ b: PaymentBatch, lang: OutputLanguage, heading: Bool) -> String {
        var out = ""
        let ref = TerminalText.visible(b.batch)
        if heading {
            out += lang.pick(
                "付款批次 \(ref)：\(b.claims.count) 笔，合计 \(MoneyDisplay.text(cents: b.totalCents))，\(b.paidBy) 于 \(b.paidAt)\n",
                "Batch \(ref): \(b.claims.count) claim\(b.claims.count == 1 ? "" : "s"), \(MoneyDisplay.text(cents: b.totalCents)) in all, paid by \(b.paidBy) at \(b.paidAt)\n"
            )
        }
        for c in b.claims {
            out +=
                "  " + pad(TerminalText.visible(c.id), 16)
                + pad(MoneyDisplay.text(cents: c.amountCents), 14, right: true)
                + "  " + TerminalText.visible(c.submitter ?? "") + "\n"
        }
        return out
    }

    /// The `remind` text: per person, the steps waiting for them, longest first; then what escalated.
    public static func remindText(_ run: ReminderRun, lang: OutputLanguage) -> String {
        guard let after = run.afterDays else {
            return lang.pick(
                "现行审批政策没有 [reminders] 设置，不发提醒。\n",
                "The policy in force has no [reminders] section: nothing to remind.\n")
        }
        guard !run.people.isEmpty else {
            return lang.pick("没有等待超过 \(after) 天的审批步骤。\n", "No step has waited more than \(after) days.\n")
        }
        var out = lang.pick(
            "等待超过 \(after) 天的审批步骤，按审批人：\n", "Steps waiting more than \(after) days, by approver:\n")
        for p in run.people {
            out += TerminalText.visible(person(p.login, p.name)) + "\n"
            for s in p.steps {
                var line =
                    "  " + pad(TerminalText.visible(s.id), 16)
                    + lang.pick("第 \(s.step)/\(s.steps) 步  ", "step \(s.step)/\(s.steps)  ")
                    + pad(MoneyDisplay.text(cents: s.amountCents), 14, right: true) + "  "
                    + lang.pick("已等 \(s.waitingDays) 天", "waiting \(s.waitingDays) days")
                if let behalf = s.onBehalfOf {
                    line += lang.pick("（代 \(behalf)，已升级）", " (escalated from \(behalf))")
                } else if let to = s.escalatedTo {
                    line += lang.pick("（已升级至 \(to)）", " (escalated to \(to))")
                }
                out += TerminalText.visible(line) + "\n"
            }
        }
        for e in run.escalated {
            out += lang.pick(
                "已升级：\(e.id) 第 \(e.step) 步，\(e.approver) → \(e.escalatedTo ?? "")\n",
                "Escalated: \(e.id) step \(e.step), \(e.approver) → \(e.escalatedTo ?? "")\n")
        }
        for n in run.notEscalated { out += "  ! " + TerminalText.visible(n) + "\n" }
        return out
    }
}
