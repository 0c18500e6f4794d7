import Foundation
import Testing

@testable import SalesCore

@Suite("Vocabulary")
struct VocabularyTests {
    @Test("entity raw values and load order are fixed")
    func entities() {
        #expect(
            Entity.allCases.map(\.rawValue) == [
                "orders", "customers", "products", "people", "regions", "targets", "opportunities", "receivables",
                "expenses", "budgets", "feedback", "contracts", "price_exceptions",
            ])
        #expect(
            Entity.allInLoadOrder == [
                .regions, .people, .customers, .products, .targets, .budgets, .orders, .opportunities, .receivables,
                .expenses, .contracts, .priceExceptions, .feedback,
            ])
        #expect(Set(Entity.allCases.map(\.loadOrder)).count == Entity.allCases.count)
        #expect(Entity.allCases.filter(\.isDimension) == [.customers, .products, .people, .regions])
    }

    @Test("every alias maps to its own field")
    func everyAliasMapsToItsField() {
        for entity in Entity.allCases {
            for field in entity.fields {
                #expect(!field.aliases.isEmpty, "\(entity).\(field.name) has no aliases")
                for alias in field.aliases {
                    #expect(!normalizeHeader(alias).isEmpty, "\(alias)")
                    #expect(
                        Vocabulary.fieldName(forHeader: alias, in: entity) == field.name,
                        "\(entity): “\(alias)” should mean \(field.name)")
                }
            }
        }
    }

    @Test("no alias means two fields of one entity")
    func noCollisions() {
        for entity in Entity.allCases {
            var owners: [String: Set<String>] = [:]
            for field in entity.fields {
                for alias in field.aliases { owners[normalizeHeader(alias), default: []].insert(field.name) }
            }
            for (alias, fields) in owners where fields.count > 1 {
                Issue.record("\(entity): “\(alias)” means \(fields.sorted())")
            }
        }
    }

    @Test("every field has a Chinese and an English alias and labels")
    func languages() {
        for entity in Entity.allCases {
            for field in entity.fields {
                let chinese = field.aliases.contains {
                    $0.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) }
                }
                #expect(chinese, "\(entity).\(field.name) lacks a Chinese alias")
                let english = field.aliases.contains { $0.allSatisfy(\.isASCII) }
                #expect(english, "\(entity).\(field.name) lacks an English alias")
                #expect(!field.chineseLabel.isEmpty && !field.englishLabel.isEmpty)
            }
        }
    }

    @Test("field names are unique snake_case, and keys, requirements and alternatives name real fields")
    func fieldTableConsistency() {
        for entity in Entity.allCases {
            let names = entity.fields.map(\.name)
            #expect(Set(names).count == names.count, "\(entity) repeats a field")
            for name in names {
                #expect(name.allSatisfy { $0.isLowercase || $0 == "_" || $0.isNumber }, "\(name)")
            }
            let keyFields = Set(entity.naturalKeys.joined())
            #expect(keyFields.isSubset(of: names))
            #expect(Set(entity.fields.filter(\.isNaturalKey).map(\.name)) == keyFields, "\(entity) key flags")
            #expect(Set(entity.requiredColumns.joined()).isSubset(of: names))
            #expect(!entity.requiredColumns.isEmpty)
            for field in entity.fields {
                #expect(Set(field.alternatives).isSubset(of: names))
                if case .enumeration(let codes) = field.kind { #expect(!codes.isEmpty) }
            }
        }
    }

    @Test("DESIGN §2 fields are present")
    func designFields() {
        let expected: [Entity: [String]] = [
            .regions: ["name"],
            .people: ["login", "name", "role", "team", "region", "reports_to", "approval_limit", "hired_on", "active"],
            .customers: ["code", "name", "industry", "region", "channel", "owner", "first_order_on"],
            .products: ["sku", "name", "product_line", "tier", "list_price", "unit_cost"],
            .orders: [
                "order_no", "order_date", "customer", "rep", "product", "quantity", "unit_price", "amount",
                "discount", "channel", "status",
            ],
            .targets: ["scope", "scope_key", "period", "amount"],
            .opportunities: [
                "code", "customer", "rep", "stage", "created_on", "closed_on", "expected_amount",
                "source", "lost_reason",
            ],
            .receivables: [
                "invoice_no", "order_no", "customer", "invoiced_on", "due_on", "amount", "paid_on",
                "paid_amount",
            ],
            .expenses: [
                "expense_no", "submitted_by", "spent_on", "category", "amount", "description", "region",
                "customer", "campaign", "status",
            ],
            .budgets: ["scope", "scope_key", "category", "period", "amount", "control"],
            .feedback: [
                "code", "customer", "date", "kind", "quality_score", "delivery_score", "service_score",
                "status", "resolved_on",
            ],
        ]
        for (entity, names) in expected {
            #expect(Set(names).isSubset(of: entity.fields.map(\.name)), "\(entity)")
        }
        #expect(Entity.opportunities.field(named: "stage")?.kind.allowedCodes == Codes.stage)
        #expect(Entity.feedback.field(named: "quality_score")?.kind == .score1to5)
        #expect(Entity.orders.field(named: "amount")?.kind == .money)
        #expect(Entity.targets.field(named: "period")?.kind == .period)
    }

    @Test("every sheet-name alias names its entity, and only one")
    func sheetAliases() {
        var owners: [String: Set<Entity>] = [:]
        for entity in Entity.allCases {
            #expect(!entity.sheetNameAliases.isEmpty)
            for alias in entity.sheetNameAliases {
                owners[normalizeHeader(alias), default: []].insert(entity)
                #expect(Vocabulary.entity(forSheetName: alias)?.entity == entity, "“\(alias)” should mean \(entity)")
            }
        }
        for (alias, entities) in owners where entities.count > 1 {
            Issue.record("sheet alias “\(alias)” names \(entities.map(\.rawValue).sorted())")
        }
    }

    @Test(
        "sheet names match by contained alias",
        arguments: [
            ("2025年订单明细", Entity.orders),
            ("2025年销售明细", .orders),
            ("客户回款", .receivables),
            ("客户满意度调查2025", .feedback),
            ("华东区客户名单", .customers),
            ("Q3 Sales Orders", .orders),
            ("FY2026 Budget", .budgets),
            ("銷售目標-2026", .targets),
        ])
    func containedSheetNames(name: String, entity: Entity) {
        #expect(Vocabulary.entity(forSheetName: name)?.entity == entity)
    }

    @Test("names that say nothing give no entity", arguments: ["Sheet1", "Report", "华东区", "说明", "", "汇总"])
    func unknownSheetNames(name: String) {
        #expect(Vocabulary.entity(forSheetName: name) == nil)
    }

    @Test("canonical names work as headers exactly; generic amounts do not become targets")
    func canonicalHeaders() {
        #expect(Vocabulary.fieldName(forHeader: "order_no", in: .orders) == "order_no")
        #expect(Vocabulary.fieldName(forHeader: "amount", in: .targets) == "amount")
        #expect(Vocabulary.fieldName(forHeader: "Amount", in: .targets) == nil)
        #expect(Vocabulary.fieldName(forHeader: "金额", in: .budgets) == nil)
        #expect(Vocabulary.fieldName(forHeader: "金额", in: .orders) == "amount")
        #expect(Vocabulary.fieldName(forHeader: "ＯｒｄｅｒＩＤ", in: .orders) == "order_no")
    }

    @Test("entities and fields can be named by raw value or label")
    func naming() {
        #expect(Vocabulary.entity(named: "orders") == .orders)
        #expect(Vocabulary.entity(named: "订单") == .orders)
        #expect(Vocabulary.entity(named: "Customers") == .customers)
        #expect(Vocabulary.entity(named: "widgets") == nil)
        #expect(Vocabulary.field(named: "ORDER_NO", in: .orders)?.name == "order_no")
        #expect(Vocabulary.field(named: "订单号", in: .orders)?.name == "order_no")
        #expect(Vocabulary.field(named: "colour", in: .orders) == nil)
    }

    @Test(
        "scope-key headers imply the scope",
        arguments: [
            ("销售代表", "rep"), ("業務員", "rep"), ("Sales Rep", "rep"), ("团队", "team"), ("部門", "team"),
            ("大区", "region"), ("Region", "region"), ("公司", "company"),
        ])
    func impliedScope(header: String, scope: String) {
        #expect(Vocabulary.impliedScope(forHeader: header) == scope)
    }

    @Test("neutral scope-key headers imply nothing")
    func neutralScope() {
        #expect(Vocabulary.impliedScope(forHeader: "考核对象") == nil)
    }

    @Test("the Markdown alias table lists every field under its entity")
    func markdown() {
        let markdown = Vocabulary.aliasTableMarkdown()
        #expect(markdown == Vocabulary.aliasTableMarkdown())
        let sections = markdown.components(separatedBy: "\n## ").dropFirst()
        #expect(sections.count == Entity.allCases.count)
        for entity in Entity.allCases {
            let section = sections.first { $0.hasPrefix("`\(entity.rawValue)`") }
            #expect(section != nil, "\(entity) has no section")
            for field in entity.fields {
                #expect(section?.contains("| `\(field.name)` |") == true, "\(entity).\(field.name) missing")
                #expect(section?.contains(field.aliases[0]) == true)
            }
        }
    }
}
