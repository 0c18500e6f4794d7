import CLibXML2
import Foundation

/// Receives the events of one XML part. Names are libxml2's NUL-terminated UTF-8 local names
/// (namespace prefixes dropped, so transitional, strict and prefixed documents look alike).
protocol XMLEventHandler: AnyObject {
    func startElement(_ name: UnsafePointer<UInt8>, _ attributes: XMLAttributes) throws
    func endElement(_ name: UnsafePointer<UInt8>) throws
    func characters(_ bytes: UnsafeBufferPointer<UInt8>) throws
}

/// Thrown by a handler to end parsing early without an error (e.g. enough rows were read).
struct StopParsing: Error {
    /// Read the rest of the entry unparsed, so that its size and CRC are still checked (the handler has
    /// everything it needs, but a damaged part must not pass for whole).
    var checkingTheRest = false
}

/// The attributes of one start tag, as libxml2 hands them over: five pointers each
/// (local name, prefix, URI, value start, value end). Values are not NUL-terminated.
struct XMLAttributes {
    let base: UnsafeMutablePointer<UnsafePointer<xmlChar>?>?
    let count: Int

    /// The raw bytes of the attribute with this local name (any namespace).
    func bytes(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for i in 0..<count {
            let p = base + i * 5
            guard let local = p[0], nameEquals(local, name) else { continue }
            guard let start = p[3], let end = p[4] else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The bytes of the attribute with this local name in a namespace (a prefixed attribute such as `r:id`).
    func namespacedBytes(_ name: StaticString) -> UnsafeBufferPointer<UInt8>? {
        guard let base else { return nil }
        for i in 0..<count {
            let p = base + i * 5
            guard let local = p[0], p[2] != nil, nameEquals(local, name) else { continue }
            guard let start = p[3], let end = p[4] else { return UnsafeBufferPointer(start: nil, count: 0) }
            return UnsafeBufferPointer(start: start, count: end - start)
        }
        return nil
    }

    /// The attribute's value as text, with libxml2's `&#38;` (its spelling of a literal `&`) restored.
    func string(_ name: StaticString) -> String? {
        bytes(name).map(decodeAttribute)
    }

    func namespacedString(_ name: StaticString) -> String? {
        namespacedBytes(name).map(decodeAttribute)
    }
}

/// libxml2 without entity substitution reports `&` in attribute values as `&#38;`.
func decodeAttribute(_ bytes: UnsafeBufferPointer<UInt8>) -> String {
    let s = String(decoding: bytes, as: UTF8.self)
    return s.contains("&#38;") ? s.replacingOccurrences(of: "&#38;", with: "&") : s
}

/// Whether a NUL-terminated local name equals a literal.
@inline(__always)
func nameEquals(_ p: UnsafePointer<UInt8>, _ literal: StaticString) -> Bool {
    let n = literal.utf8CodeUnitCount
    let l = literal.utf8Start
    for i in 0..<n where p[i] != l[i] { return false }
    return p[n] == 0
}

/// Drives libxml2's SAX2 parser over a zip entry, pulling inflated bytes through an I/O callback.
///
/// Safety: any DOCTYPE stops the parse with ``XLSXError/Kind/entityExpansion`` before its internal
/// subset is read, so no entity is ever declared or expanded; the network is never used (`NONET`),
/// and `NOENT`, `DTDLOAD` and `HUGE` are never passed. libxml2's default depth and size limits apply.
final class SAXParser {
    private static let initialized: Bool = {
        xmlInitParser()
        return true
    }()

    fileprivate unowned(unsafe) let handler: any XMLEventHandler
    fileprivate let source: ZipEntryStream
    fileprivate var context: xmlParserCtxtPtr?
    fileprivate var failure: (any Error)?
    fileprivate var stopped = false

    private init(handler: any XMLEventHandler, source: ZipEntryStream) {
        self.handler = handler
        self.source = source
    }

    /// Parses the entry to its end (or until the handler throws ``StopParsing``).
    static func parse(_ source: ZipEntryStream, handler: any XMLEventHandler, file: String) throws {
        _ = initialized
        let parser = SAXParser(handler: handler, source: source)
        try withExtendedLifetime(parser) {
            try parser.run(file: file)
        }
    }

    private func run(file: String) throws {
        var sax = xmlSAXHandler()
        sax.initialized = UInt32(XML_SAX2_MAGIC)
        sax.startElementNs = { ctx, localname, _, _, _, _, nbAttributes, _, attributes in
            let me = SAXParser.from(ctx)
            guard me.failure == nil, let localname else { return }
            do {
                try me.handler.startElement(localname, XMLAttributes(base: attributes, count: Int(nbAttributes)))
            } catch {
                me.stop(error)
            }
        }
        sax.endElementNs = { ctx, localname, _, _ in
            let me = SAXParser.from(ctx)
            guard me.failure == nil, let localname else { return }
            do { try me.handler.endElement(localname) } catch { me.stop(error) }
        }
        let characters: charactersSAXFunc = { ctx, bytes, length in
            let me = SAXParser.from(ctx)
            guard me.failure == nil, let bytes else { return }
            do {
                try me.handler.characters(UnsafeBufferPointer(start: bytes, count: Int(length)))
            } catch {
                me.stop(error)
            }
        }
        sax.characters = characters
        sax.cdataBlock = characters
        sax.ignorableWhitespace = characters
        sax.internalSubset = { ctx, _, _, _ in
            SAXParser.from(ctx).stop(XLSXError(.entityExpansion, "the part declares a DTD (DOCTYPE); refusing it"))
        }
        sax.externalSubset = { ctx, _, _, _ in
            SAXParser.from(ctx).stop(XLSXError(.entityExpansion, "the part declares a DTD (DOCTYPE); refusing it"))
        }
        sax.entityDecl = { ctx, _, _, _, _, _ in
            SAXParser.from(ctx).stop(XLSXError(.entityExpansion, "the part declares an entity; refusing it"))
        }
        // A structured error handler keeps libxml2 from printing to stderr; the error is read afterwards.
        sax.serror = { _, _ in }

        let me = Unmanaged.passUnretained(self).toOpaque()
        guard
            let ctxt = xmlCreateIOParserCtxt(
                &sax, me,
                { ioContext, buffer, length in
                    let me = SAXParser.from(ioContext)
                    guard me.failure == nil, let buffer, length > 0 else { return me.failure == nil ? 0 : -1 }
                    do {
                        return Int32(
                            try me.source.read(
                                into: UnsafeMutableRawPointer(buffer).assumingMemoryBound(to: UInt8.self),
                                capacity: Int(length)))
                    } catch {
                        // Not xmlStopParser: inside a read it frees the very input buffer being filled.
                        // Returning -1 ends the parse with an I/O error; the recorded failure takes precedence.
                        if me.failure == nil { me.failure = error }
                        return -1
                    }
                }, { _ in 0 }, me, XML_CHAR_ENCODING_NONE)
        else {
            throw XLSXError(.io, "cannot create an XML parser", file: file, part: source.entry.name)
        }
        context = ctxt
        defer {
            xmlFreeParserCtxt(ctxt)
            context = nil
        }
        xmlCtxtUseOptions(ctxt, Int32(XML_PARSE_NONET.rawValue))
        let status = xmlParseDocument(ctxt)
        if let failure {
            if let stop = failure as? StopParsing {
                if stop.checkingTheRest { try source.skipToEnd() }
                return
            }
            if var e = failure as? XLSXError {
                if e.file == nil { e.file = file }
                if e.part == nil { e.part = source.entry.name }
                throw e
            }
            throw failure
        }
        if status != 0 || ctxt.pointee.wellFormed == 0 {
            var detail = "not well-formed XML"
            if let err = xmlCtxtGetLastError(ctxt), let message = err.pointee.message {
                let text = String(cString: message).trimmingCharacters(in: .whitespacesAndNewlines)
                detail += " at line \(err.pointee.line): \(text)"
            }
            throw XLSXError(.malformedXML, detail, file: file, part: source.entry.name)
        }
    }

    fileprivate func stop(_ error: any Error) {
        if failure == nil { failure = error }
        if let context { xmlStopParser(context) }
    }

    @inline(__always)
    fileprivate static func from(_ ctx: UnsafeMutableRawPointer?) -> SAXParser {
        Unmanaged<SAXParser>.fromOpaque(ctx!).takeUnretainedValue()
    }
}
