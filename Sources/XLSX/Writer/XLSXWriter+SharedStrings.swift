import Foundation

extension XLSXWriter {
    /// The shared-string table: each distinct text once, in order of first use.
    ///
    /// Texts are compared byte for byte, not by Swift's canonical equivalence, so a decomposed
    /// `é` and a precomposed one stay distinct and every cell reads back exactly as written.
    struct SharedStringTable {
        /// A string hashed and compared by its UTF-8 bytes.
        private struct Key: Hashable {
            var text: String

            static func == (a: Key, b: Key) -> Bool {
                let fast = a.text.utf8.withContiguousStorageIfAvailable { pa in
                    b.text.utf8.withContiguousStorageIfAvailable { pb in
                        pa.count == pb.count
                            && (pa.count == 0 || memcmp(pa.baseAddress!, pb.baseAddress!, pa.count) == 0)
                    }
                }
                if let result = fast ?? nil { return result }
                return a.text.utf8.elementsEqual(b.text.utf8)
            }

            func hash(into hasher: inout Hasher) {
                let done: Void? = text.utf8.withContiguousStorageIfAvailable {
                    hasher.combine(bytes: UnsafeRawBufferPointer($0))
                }
                if done == nil {
                    for byte in text.utf8 { hasher.combine(byte) }
                }
                hasher.combine(text.utf8.count)
            }
        }

        private var texts: [String] = []
        private var indexes: [Key: Int] = [:]
        /// Cells that refer to the table (the `count` attribute).
        private var references = 0

        /// The table's size and reference count, to undo a row that failed half-way.
        var checkpoint: (unique: Int, references: Int) { (texts.count, references) }

        /// The index of a text, adding it if new.
        mutating func index(of text: String) -> Int {
            references += 1
            if let existing = indexes[Key(text: text)] { return existing }
            texts.append(text)
            indexes[Key(text: text)] = texts.count - 1
            return texts.count - 1
        }

        /// Forgets texts and references added since a checkpoint.
        mutating func rollback(to checkpoint: (unique: Int, references: Int)) {
            while texts.count > checkpoint.unique {
                indexes[Key(text: texts.removeLast())] = nil
            }
            references = checkpoint.references
        }

        /// Writes `xl/sharedStrings.xml` in chunks.
        func write(to sink: ([UInt8]) throws -> Void) throws {
            var out = XMLBuffer(capacity: 64 * 1024 + 1024)
            out.append(XLSXWriter.xmlDeclaration)
            out.append("<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"")
            out.appendInt(references)
            out.append("\" uniqueCount=\"")
            out.appendInt(texts.count)
            out.append("\">")
            for text in texts {
                out.append("<si>")
                out.appendTextElement(text)
                out.append("</si>")
                if out.count >= 64 * 1024 {
                    try sink(out.bytes)
                    out.removeAll()
                }
            }
            out.append("</sst>")
            try sink(out.bytes)
        }
    }
}
