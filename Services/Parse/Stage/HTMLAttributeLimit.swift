import TextScanning

/// Caps the attributes of each start tag before libxml2 reads a page.
///
/// libxml2's HTML parser checks every new attribute of a tag against the ones before it, so one tag
/// with 200,000 attributes (a 2 MiB page) takes minutes to parse. No real page comes close: the
/// limit is far above what markup carries, and the attributes past it are left out, the tag and
/// everything after it kept.
///
/// The same pass leaves out the text of `<script>` and `<style>` elements and the content of inline `<svg>`
/// drawings (the element itself stays): a third of a real page's bytes is scripts and style sheets, and a
/// twentieth icons drawn as paths, that libxml2 would read character by character and that parse never
/// reads. JSON-LD scripts, which metadata is read from, keep their text; a drawing holding another is kept
/// whole. A drawing closed in its start tag (`<svg …/>`) is empty, as browsers read it; a script's or style
/// sheet's text runs to its closing tag even then, as browsers read it too (libxml2 would take the code
/// after `<script …/>` for page text). Long quoted values of attributes parse never reads (`readAttributes`)
/// are left out too, the attribute kept with an empty value.
/// The scan is one pass over the bytes and copies nothing when there is nothing to leave out.
enum HTMLAttributeLimit {
    /// Script and style text shorter than this stays: copying around it costs more than libxml2 reading it.
    static let minElidedRawText = 256
    /// Attributes kept per start tag; libxml2's duplicate check then costs at most about 32,000
    /// comparisons a tag.
    static let maxAttributesPerTag = 256

    /// The page with every start tag cut to `limit` attributes and long script and style text and unread
    /// attribute values left out, or nil when there is nothing to cut.
    static func limited(_ bytes: UnsafeBufferPointer<UInt8>, limit: Int = maxAttributesPerTag) -> [UInt8]? {
        var output: [UInt8]?
        var copiedUpTo = 0
        var index = 0
        let count = bytes.count
        while index < count {
            // Text between tags is passed over by `memchr`, many bytes at a time.
            index = UTF8Search.next(UInt8(ascii: "<"), in: bytes, from: index)
            guard index + 1 < count, isLetter(bytes[index + 1]) else {
                index += 1
                continue
            }
            index += 1
            let nameStart = index
            while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
            let tagName = nameStart..<index
            let rawText = rawTextElement(bytes, tagName)
            var attributes = 0
            var cutFrom: Int?
            var lastSlash = -1
            while index < count {
                while index < count, isSpace(bytes[index]) || bytes[index] == UInt8(ascii: "/") {
                    if bytes[index] == UInt8(ascii: "/") { lastSlash = index }
                    index += 1
                }
                guard index < count, bytes[index] != UInt8(ascii: ">") else { break }
                attributes += 1
                if attributes > limit, cutFrom == nil { cutFrom = index }
                let attribute = Self.attribute(bytes, from: index)
                if cutFrom == nil, let value = attribute.value, value.count >= minElidedValue,
                    !isRead(bytes, name: index..<attribute.nameEnd, tag: tagName)
                {
                    output = output ?? Self.copyBuffer(capacity: count)
                    output!.append(contentsOf: bytes[copiedUpTo..<value.lowerBound])
                    copiedUpTo = value.upperBound
                }
                index = attribute.end
            }
            if let cutFrom {
                output = output ?? Self.copyBuffer(capacity: count)
                output!.append(contentsOf: bytes[copiedUpTo..<cutFrom])
                copiedUpTo = index
            }
            // Raw text is skipped whole, kept or not: markup quoted inside a script (`"<script …>"` in a
            // JSON-LD `articleBody`) is not a tag.
            if let rawText, index < count, rawText != .svg || lastSlash != index - 1,
                let close = find(bytes, from: index + 1, lowercased: rawText.closingTag)
            {
                let keep = (rawText == .script && contains(bytes, nameStart..<index, lowercased: RawText.jsonLD))
                    || (rawText == .svg && find(bytes, from: index + 1, lowercased: RawText.svgOpen).map { $0 < close } == true)
                if !keep, close - index - 1 >= minElidedRawText {
                    output = output ?? Self.copyBuffer(capacity: count)
                    output!.append(contentsOf: bytes[copiedUpTo...index])
                    copiedUpTo = close
                }
                index = close
            }
        }
        guard var output else { return nil }
        output.append(contentsOf: bytes[copiedUpTo..<count])
        return output
    }

    private static func copyBuffer(capacity: Int) -> [UInt8] {
        var buffer: [UInt8] = []
        buffer.reserveCapacity(capacity)
        return buffer
    }

    /// Elements whose content parse never reads, up to their closing tag: libxml2 reads script and style
    /// text raw, a drawing's content as elements.
    enum RawText {
        case script
        case style
        case svg

        var closingTag: [UInt8] {
            switch self {
            case .script: Self.scriptClose
            case .style: Self.styleClose
            case .svg: Self.svgClose
            }
        }

        static let scriptClose = Array("</script".utf8)
        static let styleClose = Array("</style".utf8)
        static let svgClose = Array("</svg".utf8)
        static let svgOpen = Array("<svg".utf8)
        static let scriptName = Array("script".utf8)
        static let styleName = Array("style".utf8)
        static let svgName = Array("svg".utf8)
        static let jsonLD = Array("ld+json".utf8)
        static let href = Array("href".utf8)
    }

    private static func rawTextElement(_ bytes: UnsafeBufferPointer<UInt8>, _ name: Range<Int>) -> RawText? {
        if name.count == 6, matches(bytes, at: name.lowerBound, lowercased: RawText.scriptName) { return .script }
        if name.count == 5, matches(bytes, at: name.lowerBound, lowercased: RawText.styleName) { return .style }
        if name.count == 3, matches(bytes, at: name.lowerBound, lowercased: RawText.svgName) { return .svg }
        return nil
    }

    /// Whether the bytes at `start` are `pattern`, ASCII letters compared without case.
    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int, lowercased pattern: [UInt8]) -> Bool {
        guard start + pattern.count <= bytes.count else { return false }
        for offset in pattern.indices where lower(bytes[start + offset]) != pattern[offset] { return false }
        return true
    }

    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, lowercased pattern: [UInt8]) -> Bool {
        var index = range.lowerBound
        while index + pattern.count <= range.upperBound {
            if matches(bytes, at: index, lowercased: pattern) { return true }
            index += 1
        }
        return false
    }

    /// The offset of the first `pattern` (lowercase, starting with `<`) at or after `start`, or nil.
    private static func find(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, lowercased pattern: [UInt8]) -> Int? {
        var index = start
        while index + pattern.count <= bytes.count {
            index = UTF8Search.next(pattern[0], in: bytes, from: index)
            guard index + pattern.count <= bytes.count else { return nil }
            if matches(bytes, at: index, lowercased: pattern) { return index }
            index += 1
        }
        return nil
    }


    @inline(__always)
    private static func lower(_ byte: UInt8) -> UInt8 {
        byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// One attribute: where its name ends, its quoted value without the quotes when it has one closed before
    /// the page ends, and the index after it.
    private static func attribute(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int
    ) -> (nameEnd: Int, value: Range<Int>?, end: Int) {
        var index = start
        let count = bytes.count
        while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: "="), bytes[index] != UInt8(ascii: ">") {
            index += 1
        }
        let nameEnd = index
        var afterName = index
        while afterName < count, isSpace(bytes[afterName]) { afterName += 1 }
        guard afterName < count, bytes[afterName] == UInt8(ascii: "=") else { return (nameEnd, nil, index) }
        index = afterName + 1
        while index < count, isSpace(bytes[index]) { index += 1 }
        guard index < count else { return (nameEnd, nil, index) }
        let quote = bytes[index]
        if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
            // Quoted values (URLs, `srcset`, inline JSON in `data-*`) are passed over by `memchr`.
            let close = UTF8Search.next(quote, in: bytes, from: index + 1)
            guard close < count else { return (nameEnd, nil, count) }
            return (nameEnd, (index + 1)..<close, close + 1)
        }
        while index < count, !isSpace(bytes[index]), bytes[index] != UInt8(ascii: ">") { index += 1 }
        return (nameEnd, nil, index)
    }

    /// Attribute values this long or longer that parse never reads are left out (the attribute stays, empty).
    static let minElidedValue = 64

    /// The attributes parse reads (`PageTreeBuilder`'s `Attributes` and metadata, libxml2's own encoding
    /// check of `<meta>`), lowercase. Every other value (`src`, `srcset`, `data-*`, `title`, `alt`, `on*`) is
    /// text libxml2 would read character by character for nothing: a tenth of a page's bytes.
    static let readAttributes: [[UInt8]] = [
        "class", "id", "role", "hidden", "aria-hidden", "style", "itemprop", "rel", "property", "name", "content",
        "type", "lang", "xml:lang", "datetime", "charset", "http-equiv", "href",
    ].map { Array($0.utf8) }

    /// Whether parse reads the value of the attribute `name` of the tag `tag`: a link's `href` only on
    /// `<link>` (the canonical URL), never on `<a>`.
    private static func isRead(_ bytes: UnsafeBufferPointer<UInt8>, name: Range<Int>, tag: Range<Int>) -> Bool {
        for attribute in readAttributes where attribute.count == name.count {
            guard matches(bytes, at: name.lowerBound, lowercased: attribute) else { continue }
            return !(name.count == 4 && tag.count == 1 && lower(bytes[tag.lowerBound]) == UInt8(ascii: "a")
                && attribute == RawText.href)
        }
        return false
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) >= UInt8(ascii: "a") && (byte | 0x20) <= UInt8(ascii: "z")
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte == 0x0C
    }
}
