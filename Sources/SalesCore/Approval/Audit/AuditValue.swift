/// A value in an audit entry's payload: just enough JSON for the details of a state change.
///
/// Money is an integer number of cents (``cents(_:)``), never a fraction. A payload is rendered as
/// canonical JSON (``canonicalJSON``), so the same details always give the same text and hash.
public enum AuditValue: Sendable, Equatable {
    /// Text.
    case string(String)
    /// A whole number; money in cents.
    case int(Int64)
    /// `true` or `false`.
    case bool(Bool)
    /// JSON `null`.
    case null
    /// An ordered list.
    case array([AuditValue])
    /// A nested object; rendered with its keys sorted.
    case object([String: AuditValue])

    /// An amount of money as an integer number of cents (分).
    public static func cents(_ amount: Int64) -> AuditValue { .int(amount) }

    /// Text, or `null` for `nil`.
    public init(_ value: String?) { self = value.map { .string($0) } ?? .null }

    /// The canonical JSON text of this value (see ``appendCanonicalJSON(to:)``).
    public var canonicalJSON: String {
        var bytes: [UInt8] = []
        appendCanonicalJSON(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the canonical JSON of this value as UTF-8.
    ///
    /// The rules: no whitespace anywhere; objects with their keys sorted by their UTF-8 bytes;
    /// integers in decimal (`-` for negatives, no leading zeros, no exponent); `true`, `false`, `null`;
    /// strings escaped as in ``AuditCanonical/appendString(_:to:)``.
    func appendCanonicalJSON(to out: inout [UInt8]) {
        switch self {
        case .string(let text):
            AuditCanonical.appendString(text.utf8, to: &out)
        case .int(let number):
            out.append(contentsOf: String(number).utf8)
        case .bool(let flag):
            out.append(contentsOf: (flag ? "true" : "false").utf8)
        case .null:
            out.append(contentsOf: "null".utf8)
        case .array(let elements):
            out.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                element.appendCanonicalJSON(to: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
            for (index, key) in keys.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                AuditCanonical.appendString(key.utf8, to: &out)
                out.append(UInt8(ascii: ":"))
                members[key]!.appendCanonicalJSON(to: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }
}

extension AuditValue: ExpressibleByStringInterpolation {
    public init(stringLiteral value: String) { self = .string(value) }
}

extension AuditValue: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int64) { self = .int(value) }
}

extension AuditValue: ExpressibleByBooleanLiteral {
    public init(booleanLiteral value: Bool) { self = .bool(value) }
}

extension AuditValue: ExpressibleByNilLiteral {
    public init(nilLiteral: ()) { self = .null }
}

extension AuditValue: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: AuditValue...) { self = .array(elements) }
}

extension AuditValue: ExpressibleByDictionaryLiteral {
    public init(dictionaryLiteral elements: (String, AuditValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
