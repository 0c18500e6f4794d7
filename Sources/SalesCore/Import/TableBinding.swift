/// How an entity's fields land in its table: plain columns, references to dimension rows, natural keys.
///
/// The importer is driven by these bindings; `docs/import.md` explains the same rules in words.
struct TableBinding: Sendable {
    /// How one field is stored.
    enum Target: Sendable {
        /// Into this column, as parsed.
        case column(String)
        /// Resolved to a dimension row's id (found, or created and counted), stored in this column.
        case reference(String, Dimension)
        /// Not stored in this table: it describes a dimension row this row creates (e.g. an order's
        /// region describes the customer it creates).
        case attribute(of: Dimension, column: String)
    }

    /// A dimension that facts refer to by name, code or login.
    enum Dimension: String, Sendable, CaseIterable {
        case region, person, customer, product

        var entity: Entity {
            switch self {
            case .region: .regions
            case .person: .people
            case .customer: .customers
            case .product: .products
            }
        }
    }

    let entity: Entity
    let table: String
    /// Field name → where it goes.
    let targets: [String: Target]
    /// Natural keys in order of preference, as table columns (a reference column holds the id).
    let keys: [[String]]

    static func binding(for entity: Entity) -> TableBinding {
        switch entity {
        case .regions:
            return TableBinding(entity: entity, table: "region", targets: ["name": .column("name")], keys: [["name"]])
        case .people:
            return TableBinding(
                entity: entity, table: "person",
                targets: [
                    "login": .column("login"), "name": .column("name"), "role": .column("role"),
                    "team": .column("team"),
                    "region": .reference("region_id", .region), "reports_to": .reference("reports_to_id", .person),
                    "approval_limit": .column("approval_limit_cents"), "hired_on": .column("hired_on"),
                    "active": .column("active"),
                ], keys: [["login"]])
        case .customers:
            return TableBinding(
                entity: entity, table: "customer",
                targets: [
                    "code": .column("code"), "name": .column("name"), "industry": .column("industry"),
                    "region": .reference("region_id", .region), "channel": .column("channel"),
                    "owner": .reference("owner_id", .person), "first_order_on": .column("first_order_on"),
                ], keys: [["code"], ["name"]])
        case .products:
            return TableBinding(
                entity: entity, table: "product",
                targets: [
                    "sku": .column("sku"), "name": .column("name"), "product_line": .column("product_line"),
                    "tier": .column("tier"), "list_price": .column("list_price_cents"),
                    "unit_cost": .column("unit_cost_cents"),
                ], keys: [["sku"], ["name"]])
        case .orders:
            return TableBinding(
                entity: entity, table: "order_line",
                targets: [
                    "order_no": .column("order_no"), "order_date": .column("order_date"),
                    "customer": .reference("customer_id", .customer),
                    "customer_code": .reference("customer_id", .customer),
                    "rep": .reference("rep_id", .person),
                    "product": .reference("product_id", .product), "sku": .reference("product_id", .product),
                    "quantity": .column("quantity"), "unit_price": .column("unit_price_cents"),
                    "amount": .column("amount_cents"), "discount": .column("discount_cents"),
                    "channel": .column("channel"), "status": .column("status"),
                    "region": .attribute(of: .customer, column: "region"),
                    "product_line": .attribute(of: .product, column: "product_line"),
                ], keys: [["order_no", "product_id"], ["order_no"]])
        case .targets:
            return TableBinding(
                entity: entity, table: "sales_target",
                targets: [
                    "scope": .column("scope"), "scope_key": .column("scope_key"), "period": .column("period"),
                    "amount": .column("amount_cents"),
                ], keys: [["scope", "scope_key", "period"]])
        case .opportunities:
            return TableBinding(
                entity: entity, table: "opportunity",
                targets: [
                    "code": .column("code"), "name": .column("name"),
                    "customer": .reference("customer_id", .customer),
                    "customer_code": .reference("customer_id", .customer),
                    "rep": .reference("rep_id", .person), "stage": .column("stage"),
                    "created_on": .column("created_on"), "closed_on": .column("closed_on"),
                    "expected_amount": .column("expected_amount_cents"), "source": .column("source"),
                    "lost_reason": .column("lost_reason"),
                ], keys: [["code"]])
        case .receivables:
            return TableBinding(
                entity: entity, table: "receivable",
                targets: [
                    "invoice_no": .column("invoice_no"), "order_no": .column("order_no"),
                    "customer": .reference("customer_id", .customer),
                    "customer_code": .reference("customer_id", .customer),
                    "invoiced_on": .column("invoiced_on"), "due_on": .column("due_on"),
                    "amount": .column("amount_cents"), "paid_on": .column("paid_on"),
                    "paid_amount": .column("paid_amount_cents"),
                ], keys: [["invoice_no"]])
        case .expenses:
            return TableBinding(
                entity: entity, table: "expense",
                targets: [
                    "expense_no": .column("expense_no"), "submitted_by": .reference("submitted_by_id", .person),
                    "spent_on": .column("spent_on"), "category": .column("category"), "amount": .column("amount_cents"),
                    "description": .column("description"), "region": .reference("region_id", .region),
                    "customer": .reference("customer_id", .customer), "campaign": .column("campaign"),
                    "payee": .reference("payee_id", .person), "status": .column("status"),
                    "invoice_no": .column("invoice_no"),
                ], keys: [["expense_no"]])
        case .contracts:
            // `kind` and `category` are set by the upserter (``Entity/documentKind``).
            return TableBinding(
                entity: entity, table: "expense",
                targets: [
                    "contract_no": .column("expense_no"), "submitted_by": .reference("submitted_by_id", .person),
                    "signed_on": .column("spent_on"), "customer": .reference("customer_id", .customer),
                    "customer_code": .reference("customer_id", .customer), "amount": .column("amount_cents"),
                    "list_amount": .column("list_amount_cents"), "term_months": .column("term_months"),
                    "payment_terms": .column("payment_terms"), "non_standard": .column("non_standard"),
                    "description": .column("description"), "status": .column("status"),
                ], keys: [["expense_no"]])
        case .priceExceptions:
            return TableBinding(
                entity: entity, table: "expense",
                targets: [
                    "request_no": .column("expense_no"), "submitted_by": .reference("submitted_by_id", .person),
                    "requested_on": .column("spent_on"), "customer": .reference("customer_id", .customer),
                    "customer_code": .reference("customer_id", .customer),
                    "product": .reference("product_id", .product), "sku": .reference("product_id", .product),
                    "list_price": .column("list_price_cents"), "requested_price": .column("unit_price_cents"),
                    "quantity": .column("quantity"), "amount": .column("amount_cents"),
                    "description": .column("description"), "status": .column("status"),
                ], keys: [["expense_no"]])
        case .budgets:
            return TableBinding(
                entity: entity, table: "budget",
                targets: [
                    "scope": .column("scope"), "scope_key": .column("scope_key"), "category": .column("category"),
                    "period": .column("period"), "amount": .column("amount_cents"), "control": .column("control"),
                ], keys: [["scope", "scope_key", "category", "period"]])
        case .feedback:
            return TableBinding(
                entity: entity, table: "feedback",
                targets: [
                    "code": .column("code"),
                    "customer": .reference("customer_id", .customer),
                    "customer_code": .reference("customer_id", .customer),
                    "date": .column("received_on"), "kind": .column("kind"),
                    "quality_score": .column("quality_score"), "delivery_score": .column("delivery_score"),
                    "service_score": .column("service_score"), "status": .column("status"),
                    "resolved_on": .column("resolved_on"), "description": .column("comment"),
                ], keys: [["code"], ["customer_id", "received_on", "kind"]])
        }
    }
}
