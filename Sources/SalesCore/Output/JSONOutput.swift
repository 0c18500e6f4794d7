import Foundation

/// The tools' JSON for Codable values (`--json` of approvals, score runs and changes, stored run
/// settings): snake_case keys, sorted, slashes unescaped, so the same value always gives the same text.
///
/// Hand-built documents that stream (inspect, the summary) use ``JSONWriter`` instead.
public enum JSONOutput {
    /// `value` as one line of JSON.
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }

    /// `value` as JSON bytes.
    public static func data<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
