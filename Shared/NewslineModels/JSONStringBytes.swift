/// JSON string values written and read over UTF-8 bytes, for the page text events carry.
///
/// An `article.ingested` event is mostly one string: the whole page, full of quotes and line breaks that
/// JSON escapes. Foundation's coder handles such a string a byte and an escape at a time; here the runs
/// between escapes are copied whole. Writing escapes exactly as `JSONEncoder` does with
/// `.withoutEscapingSlashes` (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other controls as `\u00XX`).
enum JSONStringBytes {
    /// Appends `text` as a quoted JSON string.
    static func write(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            output.append(UInt8(ascii: "\""))
            var copied = 0
            var index = 0
            while index < bytes.count {
                if index + 8 <= bytes.count, !ByteWords.needsJSONEscape(ByteWords.load(bytes, at: index)) {
                    index += 8
                    continue
                }
                let byte = bytes[index]
                index += 1
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<index - 1]))
                copied = index
                output.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
                case 0x08: output.append(UInt8(ascii: "b"))
                case 0x0C: output.append(UInt8(ascii: "f"))
                case 0x0A: output.append(UInt8(ascii: "n"))
                case 0x0D: output.append(UInt8(ascii: "r"))
                case 0x09: output.append(UInt8(ascii: "t"))
                default:
                    output.append(contentsOf: Array("u00".utf8))
                    output.append(hexDigits[Int(byte >> 4)])
                    output.append(hexDigits[Int(byte & 0x0F)])
                }
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<bytes.count]))
            output.append(UInt8(ascii: "\""))
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// The string whose opening quote is at `start`, and the offset after its closing quote; nil for
    /// anything that is not a valid JSON string of valid UTF-8 (raw controls, unknown escapes, lone
    /// surrogates), which the caller leaves to the reference decoder.
    static func read(_ bytes: UnsafeBufferPointer<UInt8>, at start: Int) -> (String, Int)? {
        guard start < bytes.count, bytes[start] == UInt8(ascii: "\"") else { return nil }
        // Keys and short fields have no escapes: read them in place, with no buffer.
        var stop = start + 1
        while stop < bytes.count, bytes[stop] >= 0x20, bytes[stop] != UInt8(ascii: "\""),
            bytes[stop] != UInt8(ascii: "\\")
        {
            stop += 1
        }
        if stop < bytes.count, bytes[stop] == UInt8(ascii: "\"") {
            let body = UnsafeBufferPointer(rebasing: bytes[start + 1..<stop])
            return String(validating: body, as: UTF8.self).map { ($0, stop + 1) }
        }
        var failed = false
        var end = 0
        // Unescaping never lengthens: every escape is at least as long as the UTF-8 it stands for.
        let unescaped = [UInt8](unsafeUninitializedCapacity: bytes.count - start) { output, written in
            if let (length, after) = unescape(bytes, from: start + 1, scanningFrom: stop, into: output) {
                written = length
                end = after
            } else {
                written = 0
                failed = true
            }
        }
        if failed { return nil }
        return String(validating: unescaped, as: UTF8.self).map { ($0, end) }
    }

    /// Writes the string body from `start` up to its closing quote into `output`, unescaped, and returns
    /// its length and the offset after the quote; nil for a raw control, an unknown escape, a lone
    /// surrogate or no closing quote. One pass from `scan` (the bytes before it need no unescaping): runs
    /// between escapes are copied whole.
    private static func unescape(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, scanningFrom scan: Int,
        into output: UnsafeMutableBufferPointer<UInt8>
    ) -> (Int, Int)? {
        var written = 0
        var copied = start
        var index = scan
        func put(_ byte: UInt8) {
            output[written] = byte
            written += 1
        }
        func copyRun() {
            let run = UnsafeBufferPointer(rebasing: bytes[copied..<index])
            _ = UnsafeMutableBufferPointer(rebasing: output[written..<written + run.count]).initialize(from: run)
            written += run.count
        }
        while index < bytes.count {
            if index + 8 <= bytes.count, !ByteWords.needsJSONEscape(ByteWords.load(bytes, at: index)) {
                index += 8
                continue
            }
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                copyRun()
                return (written, index + 1)
            }
            if byte < 0x20 { return nil }
            guard byte == UInt8(ascii: "\\") else {
                index += 1
                continue
            }
            copyRun()
            guard index + 1 < bytes.count else { return nil }
            switch bytes[index + 1] {
            case UInt8(ascii: "\""): put(UInt8(ascii: "\""))
            case UInt8(ascii: "\\"): put(UInt8(ascii: "\\"))
            case UInt8(ascii: "/"): put(UInt8(ascii: "/"))
            case UInt8(ascii: "b"): put(0x08)
            case UInt8(ascii: "f"): put(0x0C)
            case UInt8(ascii: "n"): put(0x0A)
            case UInt8(ascii: "r"): put(0x0D)
            case UInt8(ascii: "t"): put(0x09)
            case UInt8(ascii: "u"):
                guard let (scalar, end) = unicodeEscape(bytes, at: index) else { return nil }
                for unit in UTF8.encode(scalar)! { put(unit) }
                index = end
                copied = end
                continue
            default: return nil
            }
            index += 2
            copied = index
        }
        return nil
    }

    /// The scalar of a `\uXXXX` escape at `index` (two for a surrogate pair) and the offset after it.
    private static func unicodeEscape(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (Unicode.Scalar, Int)? {
        guard let first = hexQuad(bytes, at: index + 2) else { return nil }
        if first < 0xD800 || first > 0xDFFF {
            return Unicode.Scalar(first).map { ($0, index + 6) }
        }
        guard first < 0xDC00, index + 7 < bytes.count, bytes[index + 6] == UInt8(ascii: "\\"),
            bytes[index + 7] == UInt8(ascii: "u"), let second = hexQuad(bytes, at: index + 8),
            (0xDC00...0xDFFF).contains(second)
        else { return nil }
        let value = 0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00)
        return Unicode.Scalar(value).map { ($0, index + 12) }
    }

    private static func hexQuad(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var value: UInt32 = 0
        for offset in 0..<4 {
            let byte = bytes[index + offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
