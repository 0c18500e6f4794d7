import Foundation

/// Why a policy file was refused; each message names the key (`finance.above`, `category[2].name`) and value.
///
/// Entries of `[[category]]` are counted from 1, in file order.
public enum PolicyError: Error, LocalizedError, Equatable, Sendable {
    /// The text is not valid TOML.
    case syntax(line: Int, message: String)
    /// A required key is absent.
    case missingKey(String)
    /// A key the policy does not define, with the keys allowed where it stands.
    case unknownKey(String, known: [String])
    /// A value of the wrong TOML type (text where an amount belongs, a number where a table belongs).
    case wrongType(key: String, value: String, expected: String)
    /// An amount that is not a non-negative number of yuan with at most two decimals.
    case invalidAmount(key: String, value: String, reason: String)
    /// A value outside the allowed ones.
    case invalidValue(key: String, value: String, expected: String)
    /// Two keys of which only one may be given.
    case conflictingKeys(String, String)

    public var errorDescription: String? {
        switch self {
        case .syntax(let line, let message):
            "policy, line \(line): \(message)"
        case .missingKey(let key):
            "policy: `\(key)` is missing"
        case .unknownKey(let key, let known):
            "policy: unknown key `\(key)` (known here: \(known.joined(separator: ", ")))"
        case .wrongType(let key, let value, let expected):
            "policy: `\(key)` = \(value): expected \(expected)"
        case .invalidAmount(let key, let value, let reason):
            "policy: `\(key)` = \(value) is not an amount: \(reason)"
        case .invalidValue(let key, let value, let expected):
            "policy: `\(key)` = \(value): expected \(expected)"
        case .conflictingKeys(let a, let b):
            "policy: `\(a)` and `\(b)` cannot both be given; keep one"
        }
    }

    /// The TOML key path of a coding path: `category[2].above` (array entries counted from 1).
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let i = key.intValue {
                text += "[\(i + 1)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
    }

    /// A decoding error that escaped the policy's own checks, with its key path.
    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self = .missingKey(
                PolicyError.path(
                    context.codingPath.last?.stringValue == key.stringValue
                        ? context.codingPath : context.codingPath + [key]))
        case .typeMismatch(let type, let context):
            self = .wrongType(
                key: PolicyError.path(context.codingPath), value: "(\(context.debugDescription))",
                expected: "\(type)")
        case .valueNotFound(let type, let context):
            self = .wrongType(key: PolicyError.path(context.codingPath), value: "nothing", expected: "\(type)")
        case .dataCorrupted(let context):
            self = .invalidValue(
                key: PolicyError.path(context.codingPath), value: "?",
                expected: context.debugDescription)
        @unknown default:
            self = .syntax(line: 0, message: "\(error)")
        }
    }
}

// MARK: - Reading tables

/// Any key of a policy table.
struct PolicyKey: CodingKey {
    let stringValue: String
    let intValue: Int?
    init(_ name: String) {
        stringValue = name
        intValue = nil
    }
    init?(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) {
        stringValue = String(intValue)
        self.intValue = intValue
    }
}

/// A TOML scalar as written, so that errors can show the value found.
enum PolicyScalar: Decodable, Equatable {
    case string(String)
    case integer(Int64)
    case float(Double)
    case bool(Bool)
    /// A table, an array, a date or a time, described in words.
    case other(String)

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let v = try? c.decode(String.self) {
            self = .string(v)
        } else if let v = try? c.decode(Int64.self) {
            self = .integer(v)
        } else if let v = try? c.decode(Double.self) {
            self = .float(v)
        } else if let v = try? c.decode(Bool.self) {
            self = .bool(v)
        } else if (try? decoder.container(keyedBy: PolicyKey.self)) != nil {
            self = .other("a table")
        } else if (try? decoder.unkeyedContainer()) != nil {
            self = .other("an array")
        } else {
            self = .other("a date or time")
        }
    }

    /// The value as TOML shows it.
    var text: String {
        switch self {
        case .string(let s): "\"\(s)\""
        case .integer(let i): String(i)
        case .float(let d): String(d)
        case .bool(let b): b ? "true" : "false"
        case .other(let words): words
        }
    }
}

/// One table of the policy file: typed reads whose errors name the key and the value found.
struct PolicyTable {
    let container: KeyedDecodingContainer<PolicyKey>
    /// The table's own key path (empty at the top).
    let prefix: String

    init(_ decoder: any Decoder) throws {
        prefix = PolicyError.path(decoder.codingPath)
        do {
            container = try decoder.container(keyedBy: PolicyKey.self)
        } catch {
            let found = (try? PolicyScalar(from: decoder))?.text ?? "a value"
            throw PolicyError.wrongType(key: prefix, value: found, expected: "a table")
        }
    }

    /// The full path of `key` in this table.
    func path(_ key: String) -> String { prefix.isEmpty ? key : prefix + "." + key }

    /// Whether the table holds `key`.
    func has(_ key: String) -> Bool { container.contains(PolicyKey(key)) }

    /// Refuses the first key (in sorted order) not in `known`.
    func refuseUnknown(_ known: [String]) throws {
        let unknown = container.allKeys.map(\.stringValue).filter { !known.contains($0) }.sorted()
        if let first = unknown.first { throw PolicyError.unknownKey(path(first), known: known) }
    }

    /// The scalar at `key`, or `nil` when absent.
    func scalar(_ key: String) throws -> PolicyScalar? {
        guard has(key) else { return nil }
        do {
            return try container.decode(PolicyScalar.self, forKey: PolicyKey(key))
        } catch {
            return .other("a date or time")
        }
    }

    /// The text at `key`, or `nil` when absent.
    func string(_ key: String) throws -> String? {
        guard let v = try scalar(key) else { return nil }
        guard case .string(let s) = v else {
            throw PolicyError.wrongType(key: path(key), value: v.text, expected: "text")
        }
        return s
    }

    /// The boolean at `key`, or `nil` when absent.
    func bool(_ key: String) throws -> Bool? {
        guard let v = try scalar(key) else { return nil }
        guard case .bool(let b) = v else {
            throw PolicyError.wrongType(key: path(key), value: v.text, expected: "true or false")
        }
        return b
    }

    /// The required login at `key`: non-empty text without spaces.
    func login(_ key: String) throws -> String {
        guard let s = try string(key) else { throw PolicyError.missingKey(path(key)) }
        guard !s.isEmpty, !s.contains(where: \.isWhitespace), !s.unicodeScalars.contains(where: TerminalText.isControl)
        else {
            throw PolicyError.invalidValue(
                key: path(key), value: "\"\(TerminalText.visible(s))\"", expected: "a login (no spaces)")
        }
        return s
    }

    /// The amount at `key` in cents, or `nil` when absent.
    ///
    /// Accepts an integer, a number or decimal text with at most two decimals, never below zero.
    func amount(_ key: String) throws -> Int64? {
        guard let v = try scalar(key) else { return nil }
        let number: ExactNumber?
        switch v {
        case .integer(let i): number = ExactNumber(isNegative: i < 0, significand: i.magnitude, exponent: 0)
        case .float(let d): number = ExactNumber(d)
        case .string(let s): number = ExactNumber(raw: s.trimmingCharacters(in: .whitespaces))
        case .bool, .other:
            throw PolicyError.wrongType(
                key: path(key), value: v.text, expected: "an amount in yuan (50000 or \"50000.00\")")
        }
        guard let number, !number.isRounded else {
            throw PolicyError.invalidAmount(
                key: path(key), value: v.text,
                reason: "write yuan as digits with at most two decimals (50000.00)")
        }
        guard !number.isNegative else {
            throw PolicyError.invalidAmount(key: path(key), value: v.text, reason: "it is below zero")
        }
        switch number.cents(scale: 1, tolerance: false) {
        case .success(let cents): return cents
        case .failure(let reason): throw PolicyError.invalidAmount(key: path(key), value: v.text, reason: reason.text)
        }
    }

    /// The table at `key` decoded as `T`, or `nil` when absent.
    func table<T: Decodable>(_ type: T.Type, _ key: String) throws -> T? {
        guard has(key) else { return nil }
        do {
            return try container.decode(T.self, forKey: PolicyKey(key))
        } catch let error as PolicyError {
            throw error
        } catch {
            throw PolicyError.wrongType(
                key: path(key), value: (try? scalar(key))??.text ?? "a value",
                expected: "a table")
        }
    }

    /// The `[[key]]` tables decoded as `T`, in file order; empty when absent.
    func tables<T: Decodable>(_ type: T.Type, _ key: String) throws -> [T] {
        guard has(key) else { return [] }
        var items: [T] = []
        do {
            var array = try container.nestedUnkeyedContainer(forKey: PolicyKey(key))
            while !array.isAtEnd { items.append(try array.decode(T.self)) }
        } catch let error as PolicyError {
            throw error
        } catch {
            throw PolicyError.wrongType(
                key: path(key), value: (try? scalar(key))??.text ?? "a value",
                expected: "[[\(key)]] tables")
        }
        return items
    }
}
