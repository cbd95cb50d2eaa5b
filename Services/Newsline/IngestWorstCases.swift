import Foundation
import NewslineModels

/// Inputs of the largest size ingest accepts, each built to push one of its passes to its worst.
///
/// Every pass ingest makes is linear in the input or bounded by a named budget; these inputs are how
/// that is checked (`newsline bench ingest --worst-case`). Each names the pass it aims at.
enum IngestWorstCases {
    static func make(size: Int) -> [(name: String, raw: RawArticle)] {
        func repeated(_ unit: [UInt8], prefix: [UInt8] = [], suffix: [UInt8] = []) -> [UInt8] {
            var bytes = prefix
            bytes.reserveCapacity(size)
            while bytes.count + unit.count + suffix.count <= size { bytes += unit }
            return bytes + suffix
        }
        let utf8 = { (text: String) in Array(text.utf8) }
        // Scalars in the alternating order NFC must sort: combining classes 230 and 220.
        let marks = utf8("\u{301}\u{316}")
        return [
            // NFC reordering: one run of a million combining marks on one letter (stream-safe budget).
            ("one-run-of-marks", RawArticle(bytes: repeated(marks, prefix: utf8("a")))),
            // NFC through Foundation: decomposed letters throughout.
            ("decomposed-letters", RawArticle(bytes: repeated(utf8("e\u{301} ")))),
            // Identity text: every space shares a grapheme with a mark, so the grapheme split runs.
            ("spaces-with-marks", RawArticle(bytes: repeated(utf8("x \u{301}")))),
            // Line cleanup: every byte a CR or a control to drop.
            ("carriage-returns-and-controls", RawArticle(bytes: repeated([0x0D, 0x0A, 0x0D, 0x07, 0x41]))),
            // Detection: undeclared windows-1252, through the binary check, uchardet and iconv.
            ("undeclared-latin1", RawArticle(bytes: repeated([0x47, 0x72, 0xFC, 0xDF, 0x65, 0x20]))),
            // The stray-byte UTF-8 decoder: UTF-8 with a latin1 byte in every word.
            ("utf8-with-stray-bytes", RawArticle(bytes: repeated(utf8("Stra\u{DF}e ") + [0xFC, 0x20]))),
            // A lying multi-byte declaration: CP949 that breaks at its very end, then detection.
            ("euc-kr-broken-at-the-end", RawArticle(
                bytes: repeated([0xB1, 0xE2, 0xBB, 0xE7, 0x20], suffix: [0xB1]), contentType: "text/plain; charset=euc-kr")),
            // The head scanners: an unclosed comment full of `>`, then tags that never end.
            ("html-unclosed-comment", RawArticle(bytes: repeated(utf8("-> >"), prefix: utf8("<html><head><!--")))),
            ("html-endless-attributes", RawArticle(bytes: repeated(utf8(" a=b"), prefix: utf8("<html><head><meta")))),
            // The JSON nesting scan and JSONSerialization: a flat array of a million numbers.
            ("json-many-numbers", RawArticle(bytes: repeated(utf8("0,"), prefix: utf8("["), suffix: utf8("0]")))),
            // JSONSerialization on strings of escapes.
            ("json-escapes", RawArticle(bytes: repeated(utf8("\\u00e9"), prefix: utf8("{\"body\":\""), suffix: utf8("\"}")))),
            // UTF-16 without a byte order mark, found by its zero bytes.
            ("utf16-without-bom", RawArticle(bytes: repeated([0x41, 0x00, 0x20, 0x00]))),
            // Whitespace the identity text collapses: NBSP and ideographic spaces between letters.
            ("wide-spaces", RawArticle(bytes: repeated(utf8("가\u{A0}\u{3000}")))),
        ]
    }
}
