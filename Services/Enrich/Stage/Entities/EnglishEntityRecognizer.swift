import NewslineModels

/// Finds person, organization and location names in English text, by rule: runs of capitalized words,
/// typed by their last word (`Hanbit University`, `Gangnam Station`, `Jongno 5-ga`), by a place list,
/// or as people by a romanized Korean name (`Lee Soo-jin`), an honorific or a `said` next to them.
/// A run it cannot type is left out: the tagger is trained on Korean and never reads English text.
struct EnglishEntityRecognizer: Sendable {
    private let places: Set<String>
    private let organizationHeads: Set<String>
    private let placeHeads: Set<String>
    private let surnames: Set<String>
    private let honorifics: Set<String>
    private let common: Set<String>
    /// Words in the longest place name: a longer start of a run cannot be a known place.
    private let longestPlace: Int

    init() throws {
        var lists: [String: Set<String>] = [:]
        for row in try ResourceFile.rows("english-names.tsv") {
            guard row.count == 2 else { throw EnricherError.malformedResource("english-names.tsv") }
            lists[row[0], default: []].insert(row[1])
        }
        places = lists["LC"] ?? []
        organizationHeads = lists["og-head"] ?? []
        placeHeads = lists["lc-head"] ?? []
        surnames = lists["surname"] ?? []
        honorifics = lists["honorific"] ?? []
        common = lists["common"] ?? []
        longestPlace = places.map { $0.split(separator: " ").count }.max() ?? 0
    }

    /// Whether a text is English rather than Korean with English words in it: at least 20 Latin letters
    /// and ten for every Hangul, Han or Kana letter.
    static func isEnglish(_ counts: ScriptCounts) -> Bool {
        counts.latin >= 20 && counts.latin >= 10 * (counts.hangul + counts.han + counts.kana)
    }

    /// A word between spaces, without the punctuation around it.
    private struct Token {
        var start: Int
        var end: Int
        var text: String
        /// Punctuation after it (`,` `.` `"` `)`) ends any name it is part of.
        var closesPhrase: Bool
    }

    func recognize(_ scalars: [Unicode.Scalar]) -> [EntityMention] {
        let tokens = tokenize(scalars)
        var mentions: [EntityMention] = []
        var i = 0
        while i < tokens.count {
            guard isNamePart(tokens[i], first: true) else {
                i += 1
                continue
            }
            var end = i + 1
            while end < tokens.count, !tokens[end - 1].closesPhrase, isNamePart(tokens[end], first: false) { end += 1 }
            // `of` joins two capitalized parts (`Bank of Korea`), never ends a name.
            while end > i + 1, tokens[end - 1].text == "of" { end -= 1 }
            defer { i = end }
            var first = i
            var honorific = false
            while first < end,
                common.contains(tokens[first].text) || honorifics.contains(tokens[first].text) || tokens[first].text == "of"
            {
                honorific = honorific || honorifics.contains(tokens[first].text)
                first += 1
            }
            guard first < end else { continue }
            if let mention = typed(Array(tokens[first..<end]), honorific: honorific, before: first > 0 ? tokens[first - 1] : nil,
                after: end < tokens.count ? tokens[end] : nil, scalars: scalars)
            {
                mentions.append(mention)
            }
        }
        return mentions
    }

    private func typed(_ run: [Token], honorific: Bool, before: Token?, after: Token?, scalars: [Unicode.Scalar])
        -> EntityMention?
    {
        func mention(_ type: EntityType, _ words: ArraySlice<Token>) -> EntityMention {
            let start = words.first!.start, end = words.last!.end
            return EntityMention(
                text: String(String.UnicodeScalarView(scalars[start..<end])), type: type, start: start, end: end)
        }
        // The head is the last word, or the word before `of` (`Bank of Korea`, `University of Seoul`).
        let last = run.firstIndex { $0.text == "of" }.map { run[max($0 - 1, 0)].text } ?? run.last!.text
        let text = run.map(\.text).joined(separator: " ")
        if isPerson(run, honorific: honorific, before: before, after: after) { return mention(.person, run[...]) }
        if Self.hasPlaceSuffix(last) { return mention(.location, run[...]) }
        // A head alone (`City says …`, `University`) names nothing.
        if run.count > 1, placeHeads.contains(last) { return mention(.location, run[...]) }
        if run.count > 1, organizationHeads.contains(last) { return mention(.organization, run[...]) }
        if places.contains(text) { return mention(.location, run[...]) }
        // `Seoul Metropolitan Library`: a known place that begins an untyped run.
        // Only starts no longer than the longest place are joined and looked up: a run of thousands of
        // capitalized words would otherwise cost the square of its length.
        for length in stride(from: min(run.count - 1, longestPlace), through: 1, by: -1)
        where places.contains(run[..<length].map(\.text).joined(separator: " ")) {
            return mention(.location, run[..<length])
        }
        return nil
    }

    private func isPerson(_ run: [Token], honorific: Bool, before: Token?, after: Token?) -> Bool {
        let last = run.last!.text
        guard run.count <= 3, !run.contains(where: { $0.text == "of" }), !organizationHeads.contains(last),
            !placeHeads.contains(last), !Self.isAcronym(last)
        else { return false }
        // `Lee Soo-jin`: a romanized family name and a hyphenated given name.
        if run.count >= 2, surnames.contains(run[0].text), Self.isHyphenatedGivenName(run[1].text) { return true }
        if honorific { return true }
        guard run.count >= 2, !places.contains(run.map(\.text).joined(separator: " ")) else { return false }
        // `said Jane Doe`, `Jane Doe said`, `Jane Doe, a professor`.
        if let before, ["said", "says", "told"].contains(before.text), !before.closesPhrase { return true }
        if let after, !run.last!.closesPhrase, ["said", "says"].contains(after.text) { return true }
        if let after, run.last!.closesPhrase, ["a", "an", "the", "who"].contains(after.text) { return true }
        return false
    }

    /// `AI`, `IBM`, `NBC`: two or more capital letters and nothing else. A family name is written in mixed
    /// case, so a run ending in an acronym (`Determined AI, a startup`) names an organization or a product.
    static func isAcronym(_ word: String) -> Bool {
        word.unicodeScalars.count >= 2 && word.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }

    private func isNamePart(_ token: Token, first: Bool) -> Bool {
        guard let head = token.text.unicodeScalars.first else { return false }
        if ("A"..."Z").contains(head) { return true }
        if first { return false }
        // `Jongno 5-ga`, `Bank of Korea`.
        return token.text == "of" || (ScalarClass(head) == .digit && token.text.contains("-"))
    }

    private static func isHyphenatedGivenName(_ word: String) -> Bool {
        let parts = word.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, let first = parts[0].first, first.isUppercase else { return false }
        return parts.allSatisfy { part in part.count >= 2 && part.dropFirst().allSatisfy(\.isLowercase) }
            && parts[1].first!.isLowercase
    }

    /// Korean address units as romanized: `5-ga`, `Mapo-gu`, `Sinsa-dong`, `Sejong-ro`.
    private static func hasPlaceSuffix(_ word: String) -> Bool {
        ["-ga", "-gu", "-dong", "-ro", "-gil", "-si", "-gun", "-eup", "-myeon"].contains { word.hasSuffix($0) }
    }

    private func tokenize(_ scalars: [Unicode.Scalar]) -> [Token] {
        var tokens: [Token] = []
        var i = 0
        let n = scalars.count
        while i < n {
            guard ScalarClass(scalars[i]) != .space else {
                i += 1
                continue
            }
            var end = i
            while end < n, ScalarClass(scalars[end]) != .space { end += 1 }
            var start = i
            while start < end, !ScalarClass(scalars[start]).isWordPart { start += 1 }
            var stop = end
            while stop > start, !ScalarClass(scalars[stop - 1]).isWordPart { stop -= 1 }
            let trailing = Array(scalars[stop..<end])
            var text = String(String.UnicodeScalarView(scalars[start..<stop]))
            // `Corp.`, `Mr.`, `U.S.`: the period belongs to the word.
            if trailing.first == ".", honorifics.contains(text + ".") || organizationHeads.contains(text + ".")
                || common.contains(text + ".") || places.contains(text + ".")
            {
                text += "."
                stop += 1
            }
            // `Seoul's`: the possessive is not part of the name.
            for possessive in ["'s", "’s"] where text.hasSuffix(possessive) && text.count > 2 {
                text.removeLast(2)
                stop -= 2
            }
            if start < stop { tokens.append(Token(start: start, end: stop, text: text, closesPhrase: stop < end)) }
            i = end
        }
        return tokens
    }
}
