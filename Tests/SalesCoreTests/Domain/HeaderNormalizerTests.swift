import Testing

@testable import SalesCore

@Suite("HeaderNormalizer")
struct HeaderNormalizerTests {
    @Test(
        "full-width forms, case, spaces and separators fold away",
        arguments: [
            ("Ｏｒｄｅｒ　Ｎｏ", "orderno"),
            ("ORDER_NO", "orderno"),
            ("order-no.", "orderno"),
            ("  Order   Number ", "ordernumber"),
            ("ＳＫＵ", "sku"),
            ("订单号：", "订单号"),
            ("订单\n编号", "订单编号"),
            ("\u{FEFF}订单号", "订单号"),
            ("*客户名称", "客户名称"),
            ("客户（名称）", "客户名称"),
            ("【客户】", "客户"),
            ("Order #", "order#"),
            ("Ｑｔｙ．", "qty"),
            ("after—sales/service", "aftersalesservice"),
        ])
    func folding(input: String, expected: String) {
        #expect(normalizeHeader(input) == expected)
    }

    @Test(
        "safe unit annotations are removed",
        arguments: [
            ("金额（元）", "金额"),
            ("金额(元)", "金额"),
            ("销售额（万元）", "销售额"),
            ("销售额/万元", "销售额"),
            ("金额【单位：元】", "金额"),
            ("Amount (RMB)", "amount"),
            ("Amount (CNY)", "amount"),
            ("单价(¥)", "单价"),
            ("单价（￥）", "单价"),
            ("数量(pcs)", "数量"),
            ("数量（件）", "数量"),
            ("质量评分(1-5)", "质量评分"),
            ("服务（1～5分）", "服务"),
            ("单价(元)(pcs)", "单价"),
        ])
    func units(input: String, expected: String) {
        #expect(normalizeHeader(input) == expected)
    }

    @Test(
        "unsafe annotations stay, so the column is not silently taken",
        arguments: [
            ("Amount ($)", "amount$"),
            ("金额(USD)", "金额usd"),
            ("折扣(%)", "折扣%"),
            ("金额(含税)", "金额含税"),
            ("(元)", "元"),
        ])
    func unsafeUnits(input: String, expected: String) {
        #expect(normalizeHeader(input) == expected)
    }

    @Test("money scale follows the unit annotation")
    func moneyScale() {
        #expect(HeaderNormalizer.moneyScale(ofHeader: "目标金额(万元)") == 10_000)
        #expect(HeaderNormalizer.moneyScale(ofHeader: "销售额/亿元") == 100_000_000)
        #expect(HeaderNormalizer.moneyScale(ofHeader: "预算（千元）") == 1_000)
        #expect(HeaderNormalizer.moneyScale(ofHeader: "金额（元）") == 1)
        #expect(HeaderNormalizer.moneyScale(ofHeader: "金额") == 1)
        #expect(HeaderNormalizer.unitAnnotations(ofHeader: "单价(元)(pcs)") == ["元", "pcs"])
    }

    @Test("Traditional and Simplified are not converted")
    func noScriptConversion() {
        #expect(normalizeHeader("訂單號") != normalizeHeader("订单号"))
    }

    @Test("normalisation is idempotent on every alias")
    func idempotent() {
        for entity in Entity.allCases {
            for field in entity.fields {
                for alias in field.aliases {
                    let once = normalizeHeader(alias)
                    #expect(normalizeHeader(once) == once, "\(alias)")
                }
            }
        }
    }

    @Test("width folding maps full-width digits and punctuation")
    func foldWidth() {
        #expect(HeaderNormalizer.foldWidth("０１２３（）￥，") == "0123()¥,")
        #expect(HeaderNormalizer.foldWidth("a\u{3000}b") == "a b")
    }
}
