import TextScanning

/// Reads the text dump of a newspaper archive page.
///
/// The page prints, one item per line: chrome (`Home > 검색목록 > 기사상세보기`, `타이틀`), the title,
/// the byline, `발행일 : 2024.04.03 / 종합 A1 면`, more chrome (`종이신문보기`), an optional subtitle,
/// the body paragraphs with `▲` photo captions between them, then labelled lines (`기고자 :`,
/// `본문자수 :`, `표/그림/사진 유무 :`) and closing chrome.
enum ArchivePageParser {
    /// The longest line still taken as a subtitle; body paragraphs are far longer.
    static let maxSubtitleLength = 120
    /// A byline line is short; anything longer between title and 발행일 is body text.
    static let maxBylineLength = 60

    private enum Line {
        case blank
        case chrome
        case caption
        case label(key: String, value: String)
        case content(String)
    }

    static func parse(_ text: String) -> ArticleFields {
        var fields = ArticleFields()
        var content: [String] = []
        var publishedLineIndex: Int?
        var contributor: String?
        for rawLine in TextCleanup.lines(text) {
            switch classify(rawLine) {
            case .blank, .chrome, .caption:
                continue
            case .content(let line):
                // Labelled trailer lines end the article; nothing after them is body.
                if contributor == nil && fields.declaredCharCount == nil && fields.hasMedia == nil {
                    content.append(line)
                }
            case .label(let key, let value):
                switch key {
                case "발행일":
                    if publishedLineIndex == nil {
                        publishedLineIndex = content.count
                        readPublishedLine(value, into: &fields)
                    }
                case "기고자":
                    contributor = value
                case "본문자수":
                    let digits = value.filter(\.isASCII).filter(\.isNumber)
                    if let count = Int(digits), digits.count < 10 {
                        fields.declaredCharCount = count
                        fields.provenance["declaredCharCount"] = "archive:char-count-line"
                    }
                case "표/그림/사진 유무":
                    if value.hasPrefix("있음") || value.hasPrefix("없음") {
                        fields.hasMedia = value.hasPrefix("있음")
                        fields.provenance["hasMedia"] = "archive:media-line"
                    }
                default:
                    continue
                }
            }
        }
        assignHeadAndBody(content, publishedLineIndex: publishedLineIndex, into: &fields)
        if fields.byline == nil, let contributor, let byline = BylineParser.parse(contributor) {
            fields.byline = byline
            fields.provenance["byline"] = "archive:contributor-line"
        }
        return fields
    }

    private static func assignHeadAndBody(_ content: [String], publishedLineIndex: Int?, into fields: inout ArticleFields) {
        guard let title = content.first else { return }
        fields.title = title
        fields.provenance["title"] = "archive:title-line"
        var bodyStart = 1
        let bylineLine: String?
        if let publishedLineIndex {
            bylineLine = publishedLineIndex >= 2 ? content[1] : nil
            bodyStart = max(publishedLineIndex, 1)
        } else {
            bylineLine = content.count > 1 && looksLikeByline(content[1]) ? content[1] : nil
            bodyStart = bylineLine == nil ? 1 : 2
        }
        if let bylineLine, let byline = BylineParser.parse(bylineLine) {
            fields.byline = byline
            fields.provenance["byline"] = "archive:byline-line"
        }
        var body = Array(content[bodyStart...])
        if body.count >= 2, isSubtitle(body[0]) {
            fields.subtitle = body.removeFirst()
            fields.provenance["subtitle"] = "archive:subtitle-line"
        }
        fields.paragraphs = body
        if !body.isEmpty {
            fields.provenance["paragraphs"] = "archive:body-lines"
        }
    }

    /// `2024.04.03 / 종합 A1 면`: the date, then the section and the page before `면`.
    private static func readPublishedLine(_ value: String, into fields: inout ArticleFields) {
        let parts = value.split(separator: "/", maxSplits: 1)
        if let date = parts.first {
            fields.setPublished(String(date), from: "archive:published-line")
        }
        guard parts.count == 2 else { return }
        var words = parts[1].split(separator: " ").map(String.init)
        if words.last == "면" {
            words.removeLast()
        } else if let last = words.last, last.hasSuffix("면"), last.count > 1 {
            words[words.count - 1] = String(last.dropLast())
        }
        if let last = words.last, isPageNumber(last) {
            fields.page = last
            fields.provenance["page"] = "archive:published-line"
            words.removeLast()
        }
        if !words.isEmpty {
            fields.section = words.joined(separator: " ")
            fields.provenance["section"] = "archive:published-line"
        }
    }

    /// `A1`, `B3`, `E3`, `27`: optional letters, then digits.
    private static func isPageNumber(_ word: String) -> Bool {
        let letters = word.prefix { $0.isASCII && $0.isLetter }
        let digits = word.dropFirst(letters.count)
        return !digits.isEmpty && digits.allSatisfy { $0.isASCII && $0.isNumber } && letters.count <= 2
    }

    private static func isSubtitle(_ line: String) -> Bool {
        // Cheap tests first: body lines end with a period, and a Character takes at most four UTF-8 bytes here.
        !line.hasSuffix(".") && !line.hasSuffix("。") && line.utf8.count <= maxSubtitleLength * 4
            && line.count <= maxSubtitleLength
    }

    private static func looksLikeByline(_ line: String) -> Bool {
        guard line.utf8.count <= maxBylineLength * 4, line.count <= maxBylineLength else { return false }
        return line.utf8.contains(UInt8(ascii: "=")) || line.hasPrefix("By ") || BylineParser.koreanRoles.contains { line.hasSuffix($0) }
    }

    private static func classify(_ rawLine: Substring) -> Line {
        guard let line = TextCleanup.trimmed(rawLine) else { return .blank }
        if line.hasPrefix("▲") {
            return line.hasSuffix("종이신문보기") ? .chrome : .caption
        }
        if line == "타이틀" || line == "종이신문보기" || line.hasPrefix("Home >") || line.containsText("기사상세보기")
            || line == "인쇄 라인 위로가기"
        {
            return .chrome
        }
        if let colon = line.utf8.firstIndex(of: UInt8(ascii: ":")) {
            let key = TextCleanup.collapse(line[..<colon])
            if ["발행일", "기고자", "본문자수", "표/그림/사진 유무", "웹편집"].contains(key) {
                let value = TextCleanup.trimmed(line[line.index(after: colon)...]) ?? ""
                return .label(key: key, value: value)
            }
        }
        return .content(TextCleanup.collapse(line))
    }
}
