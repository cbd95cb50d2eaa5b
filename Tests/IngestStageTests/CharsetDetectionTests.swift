import NewslineModels
import Testing
import TestSupport

@testable import IngestStage

/// Undeclared and lying charsets go to detection; only bytes no charset reads are `undecodable`.
struct CharsetDetectionTests {
    let ingester = Ingester()

    /// Several sentences, because uchardet's statistics need more than a headline to tell charsets apart.
    static func paragraph(_ sentence: String) -> String {
        Array(repeating: sentence, count: 6).joined(separator: "\n")
    }

    static let german = paragraph("Die Bürgerinitiative übergab am Donnerstag mehr als zwölftausend Unterschriften gegen die Schließung des Hallenbads.")
    static let russian = paragraph("Московский метрополитен открыл новую станцию, сообщили в пресс-службе мэрии в четверг вечером.")
    static let japanese = paragraph("東京都は今日、新しい交通計画を発表しました。計画では、バスの本数を増やすことになっています。")
    static let korean = paragraph("서울시는 오늘 대중교통 요금을 동결하겠다고 발표했다. 시민들은 대체로 환영하는 분위기다.")

    @Test(arguments: [
        (german, "CP1252", "windows-1252"),
        (russian, "CP1251", "windows-1251"),
        (japanese, "SHIFT_JIS", "shift_jis"),
        (japanese, "EUC-JP", "euc-jp"),
        (korean, "CP949", "euc-kr"),
    ])
    func detectsUndeclaredCharsets(text: String, iconvName: String, reported: String) throws {
        let ingested = try ingester.ingest(RawArticle(bytes: IconvEncoding.encode(text, to: iconvName)))
        #expect(ingested.charset == reported)
        #expect(ingested.text == text)
    }

    @Test func detectsUTF16WithoutByteOrderMarkOrLabel() throws {
        var bytes: [UInt8] = []
        for unit in "Breaking news from the harbour".utf16 { bytes += [UInt8(unit >> 8), UInt8(unit & 0xFF)] }
        let ingested = try ingester.ingest(RawArticle(bytes: bytes))
        #expect(ingested.charset == "utf-16")
        #expect(ingested.text == "Breaking news from the harbour")
    }

    @Test func aLatin1DeclarationOnUTF8BytesIsIgnored() throws {
        let page = "<html><head><meta charset=\"iso-8859-1\"></head><body><p>\(Self.german)</p></body></html>"
        let ingested = try ingester.ingest(RawArticle(bytes: Array(page.utf8)))
        #expect(ingested.charset == "utf-8")
        #expect(ingested.text.contains(Self.german))
    }

    /// A UTF-8 label on latin1, an EUC-KR label on EUC-JP (not valid CP949), a label nobody knows.
    @Test(arguments: [
        (german, "CP1252", "utf-8", "windows-1252"),
        (japanese, "EUC-JP", "euc-kr", "euc-jp"),
        (russian, "CP1251", "x-no-such-charset", "windows-1251"),
    ])
    func aDeclarationTheBytesDoNotBearOutFallsBackToDetection(
        text: String, iconvName: String, label: String, reported: String
    ) throws {
        let bytes = IconvEncoding.encode(text, to: iconvName)
        if label == "euc-kr" { #expect(IconvDecoder.decode(bytes[...], from: "CP949") == nil) }
        let ingested = try ingester.ingest(RawArticle(bytes: bytes, contentType: "text/plain; charset=\(label)"))
        #expect(ingested.charset == reported)
        #expect(ingested.text == text)
    }

    @Test func readsStrayLatin1BytesInUTF8AsWindows1252() throws {
        let bytes = Array("<p>Der Händler sagt: „Wir öffnen wieder.“</p><img alt=\"K".utf8) + [0xFC]
            + Array("chenblogs\"><p>Straße</p>".utf8)
        let ingested = try ingester.ingest(RawArticle(bytes: bytes, contentType: "text/html; charset=utf-8"))
        #expect(ingested.charset == "utf-8")
        #expect(ingested.text == "<p>Der Händler sagt: „Wir öffnen wieder.“</p><img alt=\"Küchenblogs\"><p>Straße</p>")
    }

    @Test func bytesNoCharsetFitsFallBackToWindows1252() throws {
        // 0x81 is one of windows-1252's five holes: it becomes U+FFFD, the rest decodes.
        let bytes = Array("Caf".utf8) + [0xE9, 0x20, 0x81] + Array(" ouvert".utf8)
        let decoded = try #require(CharsetDecoder.detect(bytes[...]))
        #expect(decoded.text.hasPrefix("Caf"))
        #expect(decoded.text.hasSuffix(" ouvert"))
        #expect(decoded.text.unicodeScalars.count == bytes.count)
    }

    @Test func refusesBinaryData() {
        var generator = SplitMix64(seed: 7)
        let bytes = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        #expect(reasonOf { try ingester.ingest(RawArticle(bytes: bytes, contentType: "text/html; charset=iso-8859-1")) } == RejectedInput.undecodable)
    }

    @Test func refusesUTF8CutInsideItsLastCharacter() {
        let bytes = Array("기사 본문이 여기서 끊".utf8) + Array("깁".utf8).prefix(2)
        #expect(reasonOf { try ingester.ingest(RawArticle(bytes: bytes)) } == RejectedInput.undecodable)
        #expect(reasonOf { try ingester.ingest(RawArticle(bytes: [0xEF, 0xBB, 0xBF] + bytes)) } == RejectedInput.undecodable)
    }

    @Test func keepsAFewStrayControlBytesOfRealPages() throws {
        var bytes = IconvEncoding.encode(Self.german, to: "CP1252")
        bytes.insert(0x1A, at: 40)
        let ingested = try ingester.ingest(RawArticle(bytes: bytes))
        #expect(ingested.charset == "windows-1252")
        #expect(ingested.text == Self.german)
    }
}
