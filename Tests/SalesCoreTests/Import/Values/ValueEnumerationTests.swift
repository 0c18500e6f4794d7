import Testing

@testable import SalesCore

@Suite("Value parsing: enumerations")
struct ValueEnumerationTests {
    /// Every code list of `Codes`.
    static let allLists: [[String]] = [
        Codes.channel, Codes.orderStatus, Codes.role, Codes.productTier, Codes.scope, Codes.stage,
        Codes.expenseCategory, Codes.expenseStatus, Codes.budgetControl, Codes.feedbackKind, Codes.complaintStatus,
    ]

    @Test(
        "labels from the brief",
        arguments: [
            (Codes.channel, "电商", "ecommerce"), (Codes.channel, "電商", "ecommerce"), (Codes.channel, "线上", "ecommerce"),
            (Codes.channel, "網店", "ecommerce"), (Codes.channel, "社群", "social"), (Codes.channel, "社交电商", "social"),
            (Codes.channel, "微信", "social"), (Codes.channel, "線下", "offline"), (Codes.channel, "门店", "offline"),
            (Codes.channel, "門市", "offline"), (Codes.channel, "直銷", "direct"), (Codes.channel, "大客户", "direct"),
            (Codes.channel, "分销", "distributor"), (Codes.channel, "代理", "distributor"),
            (Codes.channel, "經銷", "distributor"), (Codes.channel, "其它", "other"),
            (Codes.channel, "E-Commerce", "ecommerce"), (Codes.channel, "ＥＣＯＭＭＥＲＣＥ", "ecommerce"),
            (Codes.orderStatus, "已完成", "completed"), (Codes.orderStatus, "成交", "completed"),
            (Codes.orderStatus, "Completed", "completed"), (Codes.orderStatus, "取消", "cancelled"),
            (Codes.orderStatus, "canceled", "cancelled"), (Codes.orderStatus, "退貨", "returned"),
            (Codes.role, "业务员", "rep"), (Codes.role, "銷售", "rep"), (Codes.role, "總監", "manager"),
            (Codes.role, "主管", "manager"), (Codes.role, "財務", "finance"), (Codes.role, "行政", "admin"),
            (Codes.role, "分析師", "analyst"),
            (Codes.productTier, "高端线", "high"), (Codes.productTier, "中", "mid"), (Codes.productTier, "低端", "low"),
            (Codes.scope, "个人", "rep"), (Codes.scope, "销售代表", "rep"), (Codes.scope, "團隊", "team"),
            (Codes.scope, "大区", "region"), (Codes.scope, "全公司", "company"),
            (Codes.stage, "線索", "lead"), (Codes.stage, "资格确认", "qualified"), (Codes.stage, "报价", "proposal"),
            (Codes.stage, "商务谈判", "negotiation"), (Codes.stage, "成交", "won"), (Codes.stage, "贏單", "won"),
            (Codes.stage, "丢单", "lost"), (Codes.stage, "Closed Won", "won"),
            (Codes.expenseCategory, "廣告", "advertising"), (Codes.expenseCategory, "差旅费", "travel"),
            (Codes.expenseCategory, "业务招待", "entertainment"), (Codes.expenseCategory, "培訓", "training"),
            (Codes.expenseCategory, "會展", "events"), (Codes.expenseCategory, "其他", "other"),
            (Codes.expenseStatus, "待审批", "submitted"), (Codes.expenseStatus, "通过", "approved"),
            (Codes.expenseStatus, "拒绝", "rejected"), (Codes.expenseStatus, "已报销", "paid"),
            (Codes.budgetControl, "禁止超支", "stop"), (Codes.budgetControl, "提醒", "warn"),
            (Codes.budgetControl, "忽略", "ignore"), (Codes.budgetControl, "STOP", "stop"),
            (Codes.feedbackKind, "满意度调查", "survey"), (Codes.feedbackKind, "客诉", "complaint"),
            (Codes.complaintStatus, "处理中", "open"), (Codes.complaintStatus, "已處理", "resolved"),
            (Codes.complaintStatus, "已結案", "closed"), (Codes.complaintStatus, " 已关闭 ", "closed"),
        ])
    func labels(codes: [String], label: String, code: String) {
        #expect(parsed(label, .enumeration(codes)) == .code(code), "\(label)")
    }

    @Test func everyCodeOfEveryListHasAChineseLabel() {
        for codes in Self.allLists {
            let list = EnumerationLabels.lists.first { $0.codes == codes }
            #expect(list != nil, "no labels for \(codes)")
            for code in codes {
                let labels = list?.labels[code] ?? []
                #expect(
                    labels.contains { $0.unicodeScalars.contains { $0.value >= 0x4E00 && $0.value <= 0x9FFF } },
                    "\(code) has no Chinese label")
                #expect(parsed(code, .enumeration(codes)) == .code(code))
                #expect(parsed(code.uppercased(), .enumeration(codes)) == .code(code))
            }
        }
        #expect(EnumerationLabels.lists.count == Self.allLists.count)
    }

    @Test func everyEnumeratedFieldHasItsLabels() {
        for entity in Entity.allCases {
            for field in entity.fields {
                guard let codes = field.kind.allowedCodes else { continue }
                #expect(EnumerationLabels.lists.contains { $0.codes == codes }, "\(entity).\(field.name)")
            }
        }
    }

    @Test func noLabelNamesTwoCodesOfOneList() {
        for list in EnumerationLabels.lists {
            var seen: [String: String] = [:]
            for code in list.codes {
                for label in [code] + (list.labels[code] ?? []) {
                    let key = EnumerationLabels.normalize(label)
                    #expect(seen[key] == nil || seen[key] == code, "\(label) means \(seen[key] ?? "") and \(code)")
                    seen[key] = code
                }
            }
            #expect(Set(list.labels.keys).isSubset(of: Set(list.codes)))
        }
    }

    @Test func unknownLabelsListTheCodes() throws {
        let error = try #require(failure("团购", .enumeration(Codes.channel)))
        #expect(error.expected == "one of ecommerce 电商, social 社群, offline 线下, direct 直销, distributor 经销, other 其他")
        #expect(error.found == "团购")
        // A label of another list is not accepted: 个人 is a scope, not a role.
        #expect(failure("个人", .enumeration(Codes.role)) != nil)
        #expect(failure(numberCell("1"), .enumeration(Codes.stage)) != nil)
    }

    @Test func listsOutsideCodesStillAcceptTheirCodes() {
        #expect(parsed("Gold", .enumeration(["gold", "silver"])) == .code("gold"))
        #expect(parsed("rep", .enumeration(["rep", "boss"])) == .code("rep"))
        #expect(failure("bronze", .enumeration(["gold", "silver"]))?.expected == "one of gold, silver")
    }
}
