import NewslineModels
import Testing

@testable import IngestStage

/// Charsets a page declares: by header, `<meta charset>`, `<meta http-equiv>` and the XML declaration.
struct CharsetDeclarationTests {
    let ingester = Ingester()

    static let german = "Grüße aus Köln: Die Straßenbahn fährt wieder über die Brücke."
    static let polish = "Zażółć gęślą jaźń, powiedział rzecznik urzędu."
    static let russian = "Московский метрополитен открыл новую станцию в четверг."
    static let chinese = "新华社北京电 国务院新闻办公室今天举行发布会。"
    static let japanese = "東京都は今日、新しい交通計画を発表しました。"

    @Test(arguments: [
        ("ISO-8859-1", german, "CP1252", "windows-1252"),
        ("latin1", german, "CP1252", "windows-1252"),
        (" \"Windows-1252\" ", german, "CP1252", "windows-1252"),
        ("windows-1250", polish, "CP1250", "windows-1250"),
        ("koi8-r", russian, "KOI8-R", "koi8-r"),
        ("gb2312", chinese, "GBK", "gbk"),
        ("shift_jis", japanese, "CP932", "shift_jis"),
        ("euc-jp", japanese, "EUC-JP", "euc-jp"),
        ("ks_c_5601-1987", "서울시는 오늘 새 교통 계획을 발표했다.", "CP949", "euc-kr"),
        // A charset iconv knows outside the WHATWG table keeps its own name.
        ("IBM850", german, "CP850", "ibm850"),
    ])
    func decodesTheCharsetOfTheHeader(label: String, text: String, iconvName: String, reported: String) throws {
        let bytes = IconvEncoding.encode(text, to: iconvName)
        let ingested = try ingester.ingest(RawArticle(bytes: bytes, contentType: "text/plain; charset=\(label)"))
        #expect(ingested.charset == reported)
        #expect(ingested.text == text)
    }

    @Test func decodesTheCharsetOfMetaCharset() throws {
        let page = "<!doctype html><html><head><meta charset=\"iso-8859-2\"><title>t</title></head><body><p>\(Self.polish)</p>"
        let ingested = try ingester.ingest(RawArticle(bytes: IconvEncoding.encode(page, to: "ISO-8859-2")))
        #expect(ingested.charset == "iso-8859-2")
        #expect(ingested.text.contains(Self.polish))
    }

    @Test func decodesTheCharsetOfHTTPEquiv() throws {
        let page = """
            <html><head><meta http-equiv='Content-Type' content='text/html; charset=windows-1251'></head>
            <body><p>\(Self.russian)</p></body></html>
            """
        let ingested = try ingester.ingest(RawArticle(bytes: IconvEncoding.encode(page, to: "CP1251")))
        #expect(ingested.charset == "windows-1251")
        #expect(ingested.text.contains(Self.russian))
    }

    @Test func decodesTheEncodingOfTheXMLDeclaration() throws {
        let page = "<?xml version=\"1.0\" encoding=\"KOI8-R\"?>\n<html><body><p>\(Self.russian)</p></body></html>"
        let ingested = try ingester.ingest(RawArticle(bytes: IconvEncoding.encode(page, to: "KOI8-R")))
        #expect(ingested.charset == "koi8-r")
        #expect(ingested.text.contains(Self.russian))
    }

    @Test func readsTheDeclarationsOfAPageHead() {
        let head = """
            <?xml version='1.0' encoding='utf-8' ?><html><!-- <meta charset="big5"> --><head>
            <meta http-equiv="content-type" content="text/html; charset=euc-kr"><meta charset=gbk>
            """
        let found = HTMLHeadScanner.declarations(in: ArraySlice(head.utf8))
        #expect(found == .init(metaCharset: "gbk", httpEquivCharset: "euc-kr", xmlEncoding: "utf-8"))
    }

    @Test func theHeaderComesBeforeTheMarkupAndMetaCharsetBeforeHTTPEquiv() throws {
        let body = "<p>\(Self.russian)</p>"
        let headerFirst = "<meta charset=\"iso-8859-5\"><meta http-equiv=content-type content=\"text/html; charset=koi8-r\">" + body
        let bytes = IconvEncoding.encode(headerFirst, to: "CP1251")
        let byHeader = try ingester.ingest(RawArticle(bytes: bytes, contentType: "text/html; charset=cp1251"))
        #expect(byHeader.charset == "windows-1251")
        #expect(byHeader.text.contains(Self.russian))
        let byMeta = try ingester.ingest(RawArticle(bytes: IconvEncoding.encode(headerFirst, to: "ISO-8859-5")))
        #expect(byMeta.charset == "iso-8859-5")
        #expect(byMeta.text.contains(Self.russian))
    }

    @Test func asciiTakesTheNameOfItsDeclaration() throws {
        let page = Array("<html><head><meta charset=latin1></head><body><p>Plain news.</p>".utf8)
        #expect(try ingester.ingest(RawArticle(bytes: page)).charset == "windows-1252")
        #expect(try ingester.ingest(RawArticle(bytes: Array("Plain news.".utf8))).charset == "utf-8")
    }

    @Test func decodesDeclaredISO2022JPThoughItsBytesAreASCII() throws {
        let bytes = IconvEncoding.encode(Self.japanese, to: "ISO-2022-JP")
        #expect(bytes.allSatisfy { $0 < 0x80 })
        let ingested = try ingester.ingest(RawArticle(bytes: bytes, contentType: "text/plain; charset=iso-2022-jp"))
        #expect(ingested.charset == "iso-2022-jp")
        #expect(ingested.text == Self.japanese)
    }

    @Test(arguments: ["iso-8859-1", "latin1", "us-ascii", "ascii", "windows-1252", "cp819"])
    func latin1LabelsMeanWindows1252(label: String) throws {
        let encoding = try #require(TextEncoding(label: label))
        #expect(encoding == .windows1252)
        // 0x80 is € in windows-1252 and a C1 control in ISO-8859-1.
        let ingested = try ingester.ingest(RawArticle(bytes: Array("Preis: 5 ".utf8) + [0x80], contentType: "text/plain; charset=\(label)"))
        #expect(ingested.text == "Preis: 5 €")
    }

    @Test(arguments: ["x-no-such-charset", "utf-8//TRANSLIT", "", String(repeating: "a", count: 100)])
    func unknownLabelsAreNoEncoding(label: String) {
        #expect(TextEncoding(label: label) == nil)
    }
}
