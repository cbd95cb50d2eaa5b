import Testing
import TextScanning

@Suite struct LowercasedTextTests {
    @Test func textOfEveryScriptLowercasesAsTheStandardLibraryDoes() {
        let texts = [
            "", "Foto: DPA", "ÄRGER über Öl – „Zitat“ … ©REUTERS", "İstanbul’da IŞIK", "ΣΟΦΟΣ ΟΔΥΣΣΕΑΣ", "STRASSE ẞ ß",
            "Ｔｏｋｙｏ １５일 ＡＢＣ", "서울 Seoul 中國 日本語 カタカナ ㄱㅏ", "Ⅻ Ⓐ Ω K Å", "Emoji 👍🏽 ÉCOLE", "ǅ ǈ ǋ Ǳ",
            "Ȿ ⱥ Ɐ", "\u{0130}\u{0307}", "ЖУРНАЛ Ґанок", "Ա Բ Գ", "Ꭰ Ꭱ", "𐐀𐐁", "A\u{0301}B", "tab\tnew\nline",
        ]
        for text in texts {
            #expect(text.lowercasedText() == text.lowercased(), "\(text)")
            #expect(Array(text.lowercasedText().utf8) == Array(text.lowercased().utf8), "\(text)")
        }
    }

    @Test func scalarsOfTheCaselessBlocksMapToThemselves() {
        // The blocks copied without a lookup: every scalar in them has itself as its lowercase mapping.
        let blocks: [ClosedRange<UInt32>] = [
            0x80...0xBF, 0xD7...0xD7, 0xF7...0xF7, 0x2000...0x20CF, 0x2190...0x23FF, 0x2500...0x27BF,
            0x3000...0x303F, 0x3040...0x30FF, 0x1100...0x11FF, 0x3130...0x318F, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xAC00...0xD7AF,
        ]
        for block in blocks {
            for value in block {
                guard let scalar = Unicode.Scalar(value) else { continue }
                #expect(scalar.properties.lowercaseMapping == String(scalar), "U+\(String(value, radix: 16))")
                #expect(String(scalar).lowercasedText() == String(scalar).lowercased())
            }
        }
    }
}

@Suite struct OpensWithTests {
    @Test func opensAgreesWithHasPrefix() {
        let texts = ["stand: 5. mai", "standort", "date\u{0301} x", "publié le 3", "", "foto: dpa", "ñ", "ña"]
        let prefixes = ["stand", "date", "publié", "foto:", "", "ñ", "n"]
        for text in texts {
            for prefix in prefixes {
                #expect(text.opens(with: prefix) == text.hasPrefix(prefix), "\(text) / \(prefix)")
                #expect(text[...].opens(with: prefix) == text[...].hasPrefix(prefix), "\(text) / \(prefix)")
            }
        }
    }
}
