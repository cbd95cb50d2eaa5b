import Foundation
import NewslineModels

/// Reads a printed byline: the dateline before `=`, the names and their roles.
///
/// Handles `실리콘밸리=오로라 특파원`, a shared role (`김철수·이영희 기자`), one role per name
/// (`정하늘 기자, 윤도현 기자`), credits that are not places (`글·사진=서지현 기자`) and English
/// bylines (`By Kim Min-ji, Staff Reporter`).
enum BylineParser {
    /// Korean roles as printed, longest first so `논설위원` wins over `위원`.
    static let koreanRoles = [
        "선임기자", "전문기자", "사진기자", "인턴기자", "수습기자", "객원기자", "기자", "특파원", "논설위원", "논설실장",
        "편집위원", "전문위원", "위원", "통신원", "칼럼니스트", "에디터", "기자·특파원",
    ]
    /// Words that make a comma-separated English segment a role rather than a name.
    static let englishRoleWords = ["reporter", "correspondent", "writer", "editor", "columnist", "staff", "contributor"]
    /// What may stand before `=` without being a place: photo and text credits.
    static let creditWords: Set<String> = ["글", "사진", "그림", "영상", "그래픽", "정리", "취재", "편집", "글과 사진"]

    static func parse(_ printed: String) -> Byline? {
        guard let raw = TextCleanup.trimmed(TextCleanup.collapse(printed)) else { return nil }
        var rest = Substring(raw)
        var dateline: String?
        if let equals = rest.firstIndex(where: { $0 == "=" || $0 == "＝" }) {
            let before = TextCleanup.collapse(rest[..<equals])
            if !isCredit(before), !before.isEmpty {
                dateline = before
            }
            rest = rest[rest.index(after: equals)...]
        }
        let authors = isEnglish(rest) ? englishAuthors(rest) : koreanAuthors(rest)
        return Byline(raw: raw, dateline: dateline, authors: authors)
    }

    /// Builds a byline from separately given names and roles, as JSON-LD gives them.
    static func byline(from authors: [Author]) -> Byline? {
        guard !authors.isEmpty else { return nil }
        let raw = authors.map { [$0.name, $0.role].compactMap { $0 }.joined(separator: " ") }.joined(separator: ", ")
        return Byline(raw: raw, dateline: nil, authors: authors)
    }

    private static func isCredit(_ text: String) -> Bool {
        let parts = text.split(whereSeparator: { "·ㆍ・/,".contains($0) || $0 == " " })
        return !parts.isEmpty && parts.allSatisfy { creditWords.contains(String($0)) }
    }

    /// A byline with no Hangul or Han characters is read by the English rules.
    private static func isEnglish(_ text: Substring) -> Bool {
        !text.unicodeScalars.contains { (0x1100...0x11FF).contains($0.value) || (0x3130...0x318F).contains($0.value)
            || (0xAC00...0xD7A3).contains($0.value) || (0x4E00...0x9FFF).contains($0.value) }
    }

    private static func englishAuthors(_ text: Substring) -> [Author] {
        var body = TextCleanup.collapse(text)
        if body.lowercased().hasPrefix("by ") {
            body.removeFirst(3)
        }
        var names: [String] = []
        var role: String?
        for segment in body.split(separator: ",") {
            let part = TextCleanup.collapse(segment)
            let lowered = part.lowercased()
            if part.isEmpty || part.contains("@") { continue }
            if englishRoleWords.contains(where: { lowered.contains($0) }) {
                role = role ?? part
            } else {
                names += part.components(separatedBy: " and ").compactMap { TextCleanup.trimmed($0) }
            }
        }
        return names.map { Author(name: $0, role: role) }
    }

    private static func koreanAuthors(_ text: Substring) -> [Author] {
        // Groups are separated by commas; names inside a group by middle dots and share its role.
        var groups: [(names: [String], role: String?)] = []
        for segment in text.split(whereSeparator: { $0 == "," || $0 == "，" || $0 == "/" }) {
            var words = segment.split(separator: " ").map(String.init).filter { !$0.contains("@") }
            var role: String?
            if let last = words.last {
                if let match = koreanRoles.first(where: { $0 == last }) {
                    role = match
                    words.removeLast()
                } else if let match = koreanRoles.first(where: { last.hasSuffix($0) && last.count > $0.count }),
                    words.count == 1
                {
                    // `오로라특파원` printed without a space.
                    role = match
                    words[0] = String(last.dropLast(match.count))
                }
            }
            let names = words.joined(separator: " ")
                .split(whereSeparator: { "·ㆍ・".contains($0) })
                .compactMap { TextCleanup.trimmed($0) }
            if !names.isEmpty {
                groups.append((names, role))
            }
        }
        // A group printed without a role takes the next printed one: `김철수, 이영희 기자`.
        var authors: [Author] = []
        for (index, group) in groups.enumerated() {
            let role = group.role ?? groups[index...].first { $0.role != nil }?.role
            authors += group.names.map { Author(name: $0, role: role) }
        }
        return authors
    }
}
