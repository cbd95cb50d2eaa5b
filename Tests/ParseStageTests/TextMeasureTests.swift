import Testing

@testable import ParseStage

@Suite struct TextMeasureTests {
    /// The measure read one byte at a time, as it was before runs of eight bytes were read at once.
    private func byteByByte(_ text: String) -> (Int32, Int32, Bool) {
        var characters: Int32 = 0
        var commas: Int32 = 0
        var last: UInt8 = 0
        var lastLead: UInt8 = 0
        var previous: UInt8 = 0
        var previous2: UInt8 = 0
        for byte in text.utf8 {
            if byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) {
                (previous2, previous) = (previous, byte)
                continue
            }
            if byte == 0xA0, previous == 0xC2 {
                characters -= 1
                (previous2, previous) = (previous, byte)
                continue
            }
            if byte & 0xC0 != 0x80 {
                characters += 1
                lastLead = byte
            }
            if byte == 0x2C || (previous2 == 0xEF && previous == 0xBC && byte == 0x8C)
                || (previous2 == 0xE3 && previous == 0x80 && byte == 0x81) || (previous == 0xD8 && byte == 0x8C)
            {
                commas += 1
            }
            last = byte
            (previous2, previous) = (previous, byte)
        }
        let ends = [0x2E, 0x21, 0x3F, 0x22, 0x29, 0x82, 0x81, 0x9F].contains(last) || lastLead == 0xE2
        return (characters, commas, ends)
    }

    @Test func runsOfEightBytesMeasureAsSingleBytesDo() {
        let pieces = [
            "word", "longerwords", " ", "\t", "\n", ",", "，", "、", "،", "\u{00A0}", "다.", "。", "！", "？", "\"", ")",
            "…", "—", "é", "😀", "\u{01}", "x,y", "abcdefgh", "abcdefg,", "1234567 ", "서울시", "ABC.", "?",
        ]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            // A fixed sequence, so a failure repeats.
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(bound))
        }
        for _ in 0..<3_000 {
            let text = (0..<next(24)).map { _ in pieces[next(pieces.count)] }.joined()
            var copy = text
            let measure = copy.withUTF8 { TextMeasure($0) }
            let expected = byteByByte(text)
            #expect(measure.characters == expected.0, "\(text.debugDescription)")
            #expect(measure.commas == expected.1, "\(text.debugDescription)")
            #expect(measure.endsSentence == expected.2, "\(text.debugDescription)")
        }
    }
}
