import Foundation

/// The text and JSON `sales-approve` prints: tables that fit 100 columns, labels in Chinese or English.
public enum ApprovalReport {
    // MARK: - JSON

    /// `verify --json`: `{"ok":true,"entries":N,"head":"…"}` or `{"ok":false,"broken_seq":N,"reason":"…"}`.
    public static func json(_ verification: AuditVerification) -> String {
        var w = JSONWriter()
        w.object { o in
            switch verification {
            case .intact(let count, let head):
                o.field("ok", true)
                o.field("entries", count)
                o.field("head", head)
            case .broken(let seq, let reason):
                o.field("ok", false)
                o.field("broken_seq", Int(seq))
                o.field("reason", reason)
            }
        }
        return w.text
    }

    // MARK: - Words
    //
    // Text from the store (descriptions, names, comments, a policy's name) may hold control characters
    // written by an import or by sqlite3: everything printed goes through TerminalText.visible (pad, wrapped,
    // line), so it cannot rewrite the terminal.

    /// A category's word for the reader: 广告 in Chinese, Advertising in English (``CodeLabels``, as the
    /// reports print it); a value outside the list as stored.
    static func category(_ code: String, _ lang: OutputLanguage) -> String {
        CodeLabels.label(code, in: Codes.expenseCategory, lang)
    }

    /// The approval state in words.
    static func state(_ state: String, _ lang: OutputLanguage) -> String {
        switch state {
        case ClaimState.pending.rawValue: lang.pick("待审批", "pending")
        case ClaimState.approved.rawValue: lang.pick("已批准", "approved")
        case ClaimState.rejected.rawValue: lang.pick("已驳回", "rejected")
        case ClaimState.unroutable.rawValue: lang.pick("无法确定审批路径", "no complete route")
        case StepState.notReached: lang.pick("未到达", "not reached")
        case StepState.superseded: lang.pick("已作废（金额或类别变更）", "superseded (claim changed)")
        default: lang.pick("未进入审批", state)
        }
    }

    public static func person(_ login: String?, _ name: String?) -> String {
        guard let login else { return "—" }
        guard let name, !name.isEmpty, name != login else { return login }
        return "\(login) \(name)"
    }

    // MARK: - Queue

    /// The `queue` table.
    public static func queueText(_ items: [QueueItem], for actor: ApprovalIdentity, lang: OutputLanguage) -> String {
        let who = TerminalText.visible(actor.person.label)
        guard !items.isEmpty else {
            return lang.pick("\(who) 没有待审批的报销。\n", "Nothing waits for \(who).\n")
        }
        var out = lang.pick(
            "\(who) 的待审批报销：\(items.count) 笔，最早的在前\n",
            "Waiting for \(who): \(items.count) claim\(items.count == 1 ? "" : "s"), oldest first\n")
        let head = [
            pad(lang.pick("报销单", "claim"), 14), pad(lang.pick("提交日期", "submitted"), 10),
            pad(lang.pick("金额", "amount"), 12, right: true), pad(lang.pick("类别", "category"), 13),
            pad(lang.pick("提交人", "submitter"), 18), pad(lang.pick("步骤", "step"), 5),
            pad(lang.pick("预算余额", "budget left"), 13, right: true),
        ]
        out += head.joined(separator: "  ") + "\n"
        for item in items {
            let left = item.tightestBudget.map { MoneyDisplay.text(cents: $0.remainingCents) } ?? "—"
            let row = [
                pad(item.id, 14), pad(item.submittedOn, 10),
                pad(MoneyDisplay.text(cents: item.amountCents), 12, right: true),
                pad(
                    item.kind == DocumentKind.expense.rawValue
                        ? category(item.category, lang) : CodeLabels.label(item.kind, in: Codes.documentKind, lang), 13),
                pad(person(item.submitter, item.submitterName), 18),
                pad("\(item.step)/\(item.steps)", 5), pad(left, 13, right: true),
            ]
            out += DisplayWidth.fit(row.joined(separator: "  "), width: 100) + "\n"
            if let onBehalf = item.onBehalfOf {
                out += wrapped("    ", lang.pick("代 \(onBehalf) 审批（委托）", "on behalf of \(onBehalf) (delegated)"))
            }
            for flag in item.flags { out += wrapped("    ! ", flag) }
        }
        out += lang.pick("详情：sales-approve show 报销单号\n", "Details: sales-approve show CLAIM\n")
        return out
    }

    // MARK: - Show

    /// The `show` page.
    public static func showText(_ c: ClaimDetail, lang: OutputLanguage) -> String {
        let id = TerminalText.visible(c.id)
        let kind = DocumentKind(rawValue: c.kind) ?? .expense
        var out =
            kind == .expense
            ? lang.pick("报销单 \(id) · \(state(c.state, lang))", "Claim \(id) · \(state(c.state, lang))")
            : lang.pick(kind.chineseName, kind.englishName.prefix(1).uppercased() + kind.englishName.dropFirst())
                + " \(id) · \(state(c.state, lang))"
        if c.state == ClaimState.pending.rawValue,
            let next = c.steps.first(where: { $0.state == StepState.pending.rawValue })
        {
            out += lang.pick("（第 \(next.position)/\(c.steps.count) 步）", " (step \(next.position) of \(c.steps.count))")
        }
        out += "\n"
        func line(_ zh: String, _ en: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out += "  " + pad(lang.pick(zh, en), 12) + "  " + TerminalText.visible(value) + "\n"
        }
        line("提交人", "submitter", person(c.submitter, c.submitterName))
        line("收款人", "payee", c.payee)
        line("金额", "amount", MoneyDisplay.text(cents: c.amountCents))
        if kind == .expense {
            line("类别", "category", category(c.category, lang))
            line("发生日期", "spent on", c.spentOn)
        } else {
            out += kindLines(c, kind: kind, lang: lang)
        }
        line("提交日期", "submitted on", c.submittedOn)
        line("说明", "description", c.description)
        line("区域", "region", c.region)
        line("客户", "customer", c.customer)
        line("活动", "campaign", c.campaign)
        line("发票号", "invoice", c.invoiceNo)
        line("状态", "status", c.status)
        if let v = c.policyVersion {
            line(
                "审批政策", "policy",
                "v\(v) \(c.policyName ?? "")" + (c.round.map { lang.pick("，第 \($0) 轮", ", round \($0)") } ?? ""))
        }
        if !c.steps.isEmpty {
            out += lang.pick("审批路径\n", "Route\n")
            out += stepLines(c.steps, lang: lang, markNext: c.state == ClaimState.pending.rawValue)
        }
        if !c.earlierSteps.isEmpty {
            out += lang.pick(
                "此前的审批（金额或类别变更、退回重提或重新打开之前）\n",
                "Earlier rounds (before the amount or category changed, or the claim was resubmitted or reopened)\n")
            out += stepLines(c.earlierSteps, lang: lang, markNext: false)
        }
        out += movesText(c, lang: lang)
        if kind == .expense { out += lang.pick("预算\n", "Budget\n") }
        if c.budgets.isEmpty, kind == .expense {
            out += lang.pick("  没有覆盖此报销的预算\n", "  no budget covers this claim\n")
        }
        for b in c.budgets {
            let left =
                b.remainingCents < 0
                ? lang.pick("超出 ", "over by ") + MoneyDisplay.text(cents: -b.remainingCents)
                : lang.pick("剩余 ", "left ") + MoneyDisplay.text(cents: b.remainingCents)
            out += "  " + TerminalText.visible("\(b.name) (\(b.control.rawValue))") + "\n"
            out +=
                "     " + lang.pick("预算 ", "budgeted ") + MoneyDisplay.text(cents: b.budgetedCents)
                + lang.pick(" · 已批 ", " · approved ") + MoneyDisplay.text(cents: b.approvedCents)
                + lang.pick(" · 本单 ", " · this claim ") + MoneyDisplay.text(cents: b.claimCents) + " · " + left + "\n"
        }
        if !c.flags.isEmpty {
            out += lang.pick("提示\n", "Flags\n")
            for f in c.flags { out += wrapped("  ! ", f) }
        }
        if !c.history.isEmpty {
            out += lang.pick("历史\n", "History\n")
            for h in c.history {
                let line = "  #\(h.seq)  \(h.at)  \(pad(h.actor, 14))  " + TerminalText.visible(h.action)
                out += DisplayWidth.fit(TerminalText.visible(line), width: 100) + "\n"
            }
        }
        return out
    }

    private static func stepLines(_ steps: [StepView], lang: OutputLanguage, markNext: Bool) -> String {
        var out = ""
        let next = markNext ? steps.first { $0.state == StepState.pending.rawValue }?.position : nil
        func status(_ s: StepView) -> String {
            state(s.state, lang) + (s.position == next ? lang.pick(" ← 当前", " ← next") : "")
        }
        let statusWidth = steps.map { DisplayWidth.of(status($0)) }.max() ?? 0
        for s in steps {
            let status = status(s)
            let head =
                "  \(s.position)  " + pad(person(s.approver, s.approverName), 18) + "  "
                + DisplayWidth.pad(status, width: statusWidth) + "  "
            out += wrapped(head, s.reason)
            if let by = s.decidedBy {
                var line = lang.pick("\(by)", "by \(by)")
                if let onBehalf = s.onBehalfOf { line += lang.pick("（代 \(onBehalf)）", " for \(onBehalf)") }
                if let at = s.decidedAt { line += lang.pick(" 于 \(at)", " at \(at)") }
                if let comment = s.comment { line += " — “\(comment)”" }
                out += wrapped("     ", line)
            }
            for flag in s.flags { out += wrapped("     ! ", flag) }
        }
        return out
    }

    // MARK: - Decisions

    /// One line (or two) on what `approve` or `reject` did.
    public static func outcomeText(_ o: DecisionOutcome, lang: OutputLanguage) -> String {
        var out: String
        var o = o
        o.id = TerminalText.visible(o.id)
        o.onBehalfOf = o.onBehalfOf.map(TerminalText.visible)
        o.nextApprover = o.nextApprover.map(TerminalText.visible)
        let behalf = o.onBehalfOf.map { lang.pick("（代 \($0)）", " on behalf of \($0)") } ?? ""
        if o.decision == StepState.rejected.rawValue {
            out = lang.pick(
                "已驳回 \(o.id)（第 \(o.step)/\(o.steps) 步）\(behalf)。\n",
                "Rejected \(o.id) at step \(o.step) of \(o.steps)\(behalf).\n")
        } else if o.claimState == ClaimState.approved.rawValue {
            out = lang.pick(
                "已批准 \(o.id) 的第 \(o.step)/\(o.steps) 步\(behalf)：报销已全部批准。\n",
                "Approved step \(o.step) of \(o.steps) of \(o.id)\(behalf): the claim is approved.\n")
        } else {
            out = lang.pick(
                "已批准 \(o.id) 的第 \(o.step)/\(o.steps) 步\(behalf)，下一步：\(o.nextApprover ?? "—")。\n",
                "Approved step \(o.step) of \(o.steps) of \(o.id)\(behalf); next: \(o.nextApprover ?? "—").\n")
        }
        for w in o.warnings { out += wrapped("  ! ", w) }
        return out
    }

    // MARK: - Verify

    /// `OK: 57 entries, head 3f…`, `BROKEN at entry 12: …` or, for a difference between the tables and
    /// the log, `BROKEN: approval_step of claim …`. Always one line: the reason may quote values from the
    /// tables, and is printed with control characters made visible.
    public static func verifyText(_ v: AuditVerification, lang: OutputLanguage) -> String {
        switch v {
        case .intact(let count, let head):
            lang.pick("OK：审计日志完整，共 \(count) 条，链尾哈希 \(head)\n", "OK: \(count) audit entries, head \(head)\n")
        case .broken(0, let reason):
            lang.pick("损坏：\(TerminalText.visible(reason))\n", "BROKEN: \(TerminalText.visible(reason))\n")
        case .broken(let seq, let reason):
            lang.pick(
                "损坏：第 \(seq) 条审计记录不符：\(TerminalText.visible(reason))\n",
                "BROKEN at entry \(seq): \(TerminalText.visible(reason))\n")
        }
    }

    /// What `verify` says on standard error about a training store's signatures: none signed, all signed,
    /// or which entries are not (`1–8, 12`; the first eight runs, then `…`).
    public static func trainingVerifyText(
        entries: Int64, unsigned: [ClosedRange<Int64>], lang: OutputLanguage
    ) -> String {
        let unsignedCount = unsigned.reduce(Int64(0)) { $0 + $1.upperBound - $1.lowerBound + 1 }
        if unsignedCount == entries {
            return lang.pick(
                "sales-approve: 培训/演示用数据库（身份取自 $SALES_USER；审计记录不签名）\n",
                "sales-approve: training/demo store (identities from $SALES_USER; entries are not signed)\n")
        }
        if unsigned.isEmpty {
            return lang.pick(
                "sales-approve: 培训/演示用数据库（身份取自 $SALES_USER）：每条审计记录均有签名，已核验\n",
                "sales-approve: training/demo store (identities from $SALES_USER): every entry is signed, "
                    + "and each signature was checked\n")
        }
        var runs = unsigned.prefix(8).map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)–\($0.upperBound)" }
        if unsigned.count > 8 { runs.append("…") }
        let list = runs.joined(separator: ", ")
        return lang.pick(
            "sales-approve: 培训/演示用数据库（身份取自 $SALES_USER）：共 \(entries) 条审计记录，\(entries - unsignedCount) 条"
                + "有签名，均已核验；无签名：\(list)\n",
            "sales-approve: training/demo store (identities from $SALES_USER): signed entries: "
                + "\(entries - unsignedCount) of \(entries), each signature checked; unsigned: \(list)\n")
    }

    // MARK: - Keys

    /// `keys list`: whether entries are signed, then one line per enrolment (and its revocation).
    public static func keysText(_ ring: KeyRing, lang: OutputLanguage) -> String {
        var out = signingText(ring.signing, lang: lang) + "\n"
        if let root = ring.rootKey, let account = ring.initAccount {
            out += lang.pick("init 账户 \(account)：\(root)\n", "init account \(account): \(root)\n")
        }
        if ring.enrolments.isEmpty { out += lang.pick("尚未登记公钥。\n", "No keys enrolled.\n") }
        for e in ring.enrolments {
            out += lang.pick(
                "\(e.login)  \(e.key)  \(e.enrolledAt) 由 \(e.enrolledBy) 登记（记录 \(e.enrolledSeq)）",
                "\(e.login)  \(e.key)  enrolled \(e.enrolledAt) by \(e.enrolledBy) (entry \(e.enrolledSeq))")
            if let seq = e.revokedSeq {
                out += lang.pick(
                    "，\(e.revokedAt ?? "") 由 \(e.revokedBy ?? "") 吊销（记录 \(seq)）",
                    ", revoked \(e.revokedAt ?? "") by \(e.revokedBy ?? "") (entry \(seq))")
            }
            out += "\n"
        }
        return out
    }

    /// Whether a store's entries are signed, in one sentence.
    public static func signingText(_ signing: KeyRing.Signing, lang: OutputLanguage) -> String {
        switch signing {
        case .required(let since):
            lang.pick("审计记录自第 \(since) 条起均有签名。", "Audit entries are signed from entry \(since) on.")
        case .training:
            lang.pick(
                "培训/演示用数据库：只有登记了公钥的人的审计记录才签名。",
                "Training/demo store: only the entries of people with an enrolled key are signed.")
        case .notInitialised:
            lang.pick(
                "审计记录不签名：数据库尚未初始化（sales-approve init）。",
                "Audit entries are not signed: the store was never initialised (sales-approve init).")
        case .unsignedStore(let seq):
            lang.pick(
                "审计记录不签名：数据库在签名功能之前初始化（第 \(seq) 条）。",
                "Audit entries are not signed: the store was initialised (entry \(seq)) before entries were signed.")
        }
    }

    // MARK: - Layout

    static func pad(_ text: String, _ width: Int, right: Bool = false) -> String {
        DisplayWidth.pad(DisplayWidth.fit(TerminalText.visible(text), width: width), width: width, alignRight: right)
    }

    public static func wrapped(_ prefix: String, _ text: String) -> String {
        let indent = String(repeating: " ", count: DisplayWidth.of(prefix))
        return DisplayWidth.wrap(TerminalText.visible(text), width: 100 - indent.count).enumerated()
            .map { ($0.offset == 0 ? prefix : indent) + $0.element + "\n" }.joined()
    }
}
