import Foundation
import TOMLKit

/// Reads a `--map` file: TOML naming the entity of sheets and the field of headers the importer cannot guess.
///
/// ```toml
/// [columns]                 # every sheet
/// "单据编号" = "order_no"
///
/// [sheets."2025 数据"]
/// entity = "orders"
/// [sheets."2025 数据".columns]
/// "备注" = "-"              # do not import this column
/// ```
public enum MappingFile {
    public static func load(path: String) throws -> MappingOverrides {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError.mappingFile("\(path): cannot read the mapping file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ImportError.mappingFile("\(path): the mapping file is not UTF-8 text")
        }
        let overrides: MappingOverrides
        do {
            overrides = try TOMLDecoder().decode(MappingOverrides.self, from: text)
        } catch let error as TOMLParseError {
            throw ImportError.mappingFile("\(path), line \(error.source.begin.line): \(error.description)")
        } catch {
            throw ImportError.mappingFile("\(path): \(error)")
        }
        try validate(overrides, path: path)
        return overrides
    }

    /// Names in the file must be known entities and fields (or an ignore marker such as `-`).
    static func validate(_ overrides: MappingOverrides, path: String) throws {
        let allFields = Set(Entity.allCases.flatMap { $0.fields.map(\.name) })
        func checkField(_ name: String, header: String) throws {
            guard !MappingOverrides.isIgnoreMarker(name), !allFields.contains(name) else { return }
            throw ImportError.mappingFile(
                "\(path): header “\(header)” is mapped to “\(name)”, which is no field "
                    + "(docs/import.md lists them)")
        }
        for (header, field) in overrides.columns { try checkField(field, header: header) }
        for (sheet, o) in overrides.sheets {
            if let entity = o.entity, !MappingOverrides.isIgnoreMarker(entity), Vocabulary.entity(named: entity) == nil
            {
                let known = Entity.allCases.map(\.rawValue).joined(separator: ", ")
                throw ImportError.mappingFile(
                    "\(path): sheet “\(sheet)” is given the entity “\(entity)”; known: \(known)")
            }
            for (header, field) in o.columns { try checkField(field, header: header) }
        }
    }
}
