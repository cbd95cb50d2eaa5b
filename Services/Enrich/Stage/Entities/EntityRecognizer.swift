import NewslineModels

/// Finds person, organization and location names in Korean and English text.
///
/// Four sources, merged left to right with longer spans winning: the character tagger (trained on
/// KLUE news sentences, `newsline eval train`), the gazetteer, chains of one-syllable country
/// abbreviations (`한·미·일`) and names placed before a title (`기시다 후미오 일본 총리`).
/// The service and `newsline eval ner` both call `recognize`.
public struct EntityRecognizer: Sendable {
    let lexicon: Lexicon
    private let model: NERModel
    var options = Options()

    /// Which sources the recognizer merges, and how sure the tagger must be.
    struct Options {
        /// Gazetteer names become spans on their own only for one-character Hanja abbreviations (`日`);
        /// all other entries reach the tagger as features, which scored better on tuning-dev.
        var gazetteerSpans = true
        var titleRule = true
        var countryChains = true
        /// A tagger span is kept when its mean score margin over `O` reaches this. 15 was chosen on the
        /// tuning-dev split (precision 0.751 against 0.750 at 0, the same F1); see docs/EVALUATION.md.
        var minimumMargin: Float = 15
    }

    /// Longest text the tagger reads in one call; longer texts are cut into pieces at spaces.
    static let pieceLength = 4_096

    private static let chainCountries: [Unicode.Scalar: String] = [
        "한": "한국", "미": "미국", "일": "일본", "중": "중국", "북": "북한", "러": "러시아", "영": "영국",
        "독": "독일", "불": "프랑스", "호": "호주", "인": "인도",
    ]

    public init() throws {
        try self.init(lexicon: Lexicon(), model: NERModel(contentsOf: ResourceFile.url("ner-model.bin")))
    }

    init(lexicon: Lexicon, model: NERModel) {
        self.lexicon = lexicon
        self.model = model
    }

    /// Every entity mention in `text`, in order, non-overlapping.
    public func recognize(_ text: String) -> [EntityMention] {
        let scalars = Array(text.unicodeScalars)
        var mentions: [EntityMention] = []
        var start = 0
        while start < scalars.count {
            var end = min(start + EntityRecognizer.pieceLength, scalars.count)
            if end < scalars.count {
                // Cut at a space so no name is split; a piece with no space is cut where it is.
                var cut = end
                while cut > start + EntityRecognizer.pieceLength / 2, ScalarClass(scalars[cut]) != .space { cut -= 1 }
                if cut > start + EntityRecognizer.pieceLength / 2 { end = cut }
            }
            let piece = ScannedText(scalars: Array(scalars[start..<end]))
            for var mention in recognize(piece) {
                mention.start += start
                mention.end += start
                mentions.append(mention)
            }
            start = end
        }
        return mentions
    }

    func recognize(_ text: ScannedText) -> [EntityMention] {
        let matches = lexicon.matches(in: text)
        let keys = NERFeatures.extract(text, lexicon: lexicon, matches: matches)
        let (tags, emission) = model.decodeWithScores(keys: keys, count: text.count)

        var candidates: [Candidate] = []
        for span in NERLabel.spans(tags) {
            var margin: Float = 0
            for i in span.start..<span.end {
                margin += emission[i * NERLabel.count + tags[i]] - emission[i * NERLabel.count + NERLabel.outside]
            }
            guard margin / Float(span.end - span.start) >= options.minimumMargin else { continue }
            // A span that cuts a Latin word in two (`Gangn|am`) is the Korean-trained tagger misreading English.
            if span.start > 0, text.classes[span.start] == .latin, text.classes[span.start - 1] == .latin { continue }
            if span.end < text.count, text.classes[span.end] == .latin, text.classes[span.end - 1] == .latin { continue }
            var end = span.end
            if span.type == .organization { end = withoutTrailingTitle(text, span.start, end) }
            candidates.append(Candidate(start: span.start, end: end, type: span.type, priority: 1))
        }
        for match in matches where options.gazetteerSpans && !lexicon.entries[match.entry].isGeneric
            && lexicon.entries[match.entry].alwaysCanonical {
            let entry = lexicon.entries[match.entry]
            candidates.append(
                Candidate(
                    start: match.start, end: match.end, type: entry.type, priority: 2, alias: entry.canonical,
                    always: entry.alwaysCanonical))
        }
        if options.countryChains { candidates += countryChains(text) }
        if options.titleRule {
            let places = matches.filter { !lexicon.entries[$0.entry].isGeneric }.map { m in
                Candidate(start: m.start, end: m.end, type: lexicon.entries[m.entry].type, priority: 2)
            }
            candidates += namesBeforeTitles(text, known: candidates + places)
        }

        // Keep, in that order, what does not overlap a span already kept.
        candidates.sort { a, b in
            // Rules first (a name before its title beats a tagger span that swallowed it), then longer spans.
            if (a.priority == 3) != (b.priority == 3) { return a.priority == 3 }
            return a.end - a.start != b.end - b.start ? a.end - a.start > b.end - b.start : a.priority > b.priority
        }
        var taken = [Bool](repeating: false, count: text.count)
        var kept: [Candidate] = []
        for candidate in candidates where !(candidate.start..<candidate.end).contains(where: { taken[$0] }) {
            for i in candidate.start..<candidate.end { taken[i] = true }
            kept.append(candidate)
        }
        kept.sort { $0.start < $1.start }
        return kept.map { c in
            var alias = c.alias
            var always = c.always
            if alias == nil, let entry = lexicon.entry(text.scalars[c.start..<c.end]) {
                alias = lexicon.entries[entry].canonical
                always = lexicon.entries[entry].alwaysCanonical
            }
            return EntityMention(
                text: text.string(c.start, c.end), type: c.type, start: c.start, end: c.end, alias: alias,
                aliasAlwaysApplies: always)
        }
    }

    struct Candidate {
        var start: Int
        var end: Int
        var type: EntityType
        /// Breaks ties between spans of equal length: rules 3, gazetteer 2, tagger 1.
        var priority: Int
        var alias: String? = nil
        var always = false
    }

    /// `한·미·일`, `韓·美·日`: one-syllable country abbreviations joined by middle dots.
    private func countryChains(_ text: ScannedText) -> [Candidate] {
        var result: [Candidate] = []
        var i = 0
        let n = text.count
        while i < n {
            guard text.isWordStart(i), text.scalars[i].value != 0xb7 else {
                i += 1
                continue
            }
            // Collect words separated by single middle dots.
            var chain: [Int] = [i]
            var j = text.wordEnd[i]
            while j + 1 < n, text.scalars[j] == "·" || text.scalars[j] == "・", text.isWordStart(j + 1) {
                chain.append(j + 1)
                j = text.wordEnd[j + 1]
            }
            if chain.count >= 2 {
                var elements: [Candidate] = []
                for start in chain {
                    let scalar = text.scalars[start]
                    let rest = text.scalars[(start + 1)..<text.wordEnd[start]]
                    guard let country = EntityRecognizer.chainCountries[scalar], lexicon.isParticle(rest) else {
                        elements = []
                        break
                    }
                    elements.append(
                        Candidate(
                            start: start, end: start + 1, type: .location, priority: 3, alias: country, always: true))
                }
                result += elements
            }
            i = j
        }
        return result
    }

    /// Names written before a title, with organizations or places in between:
    /// `손정의 소프트뱅크 회장`, `기시다 후미오 일본 총리`, `샘 올트먼 오픈AI 최고경영자(CEO)`.
    private func namesBeforeTitles(_ text: ScannedText, known: [Candidate]) -> [Candidate] {
        var covered = [EntityType?](repeating: nil, count: text.count)
        for c in known where c.type != .person {
            for i in c.start..<c.end { covered[i] = c.type }
        }
        var result: [Candidate] = []
        var word = 0
        while word < text.count {
            guard text.isWordStart(word) else {
                word += 1
                continue
            }
            let end = text.wordEnd[word]
            defer { word = end }
            let stemEnd = lexicon.stemEnd(text, start: word, end: end)
            guard text.classes[word] != .digit,
                lexicon.isTitle(text.scalars[word..<stemEnd]) || hasGluedTitle(text, word, stemEnd)
            else { continue }
            // Step back over up to three organization, place, Latin or modifier words (`오픈AI`, `일본`, `BIS`, `전`).
            var previous = text.previousWordStart(before: word)
            var skipped = 0
            while let p = previous, skipped < 3,
                covered[p] != nil || text.classes[p] == .latin || isOrganizationLike(text, p)
                    || EntityRecognizer.titleModifiers.contains(text.string(p, text.wordEnd[p]))
            {
                previous = text.previousWordStart(before: p)
                skipped += 1
            }
            guard let last = previous, isNameWord(text, last), separatedBySpace(text, last, then: word, skipped)
            else { continue }
            var first = last
            let lastLength = text.wordEnd[last] - last
            let final = text.scalars[text.wordEnd[last] - 1]
            // `손정의`, `박소은` end like particles and are still names; with words in between, `X은` is not.
            let koreanName = (2...3).contains(lastLength) && lexicon.isSurname(text.scalars[last])
                && (skipped == 0 || !EntityRecognizer.particleEndings.contains(final))
            if !koreanName {
                guard !EntityRecognizer.clauseEndings.contains(final) else { continue }
                // A foreign name is two words, and only trusted with an organization or place before the title
                // (`샘 올트먼 오픈AI 최고경영자`): bare `X Y 씨` is too often a phrase, not a name.
                guard skipped > 0, lastLength >= 2, let before = text.previousWordStart(before: last),
                    isNameWord(text, before, foreign: true), text.wordEnd[before] + 1 == last,
                    text.scalars[text.wordEnd[before]] == " ",
                    !EntityRecognizer.adnominalEndings.contains(text.scalars[text.wordEnd[before] - 1])
                else { continue }
                first = before
            }
            result.append(Candidate(start: first, end: text.wordEnd[last], type: .person, priority: 3))
        }
        return result
    }

    /// Endings of organization names (`한국모빌리티산업연구원`, `피해자대책위원회`, `한빛대`).
    private static let organizationEndings: [[Unicode.Scalar]] = [
        "연구소", "연구원", "위원회", "협회", "기술원", "대학교", "공사", "은행", "증권", "솔루션", "그룹", "전자", "재단",
        "센터", "병원", "법원", "검찰청", "대학", "학회", "연합회", "조합", "공단", "박물관", "미술관", "학과", "국", "부",
        "청", "처",
    ].map { Array($0.unicodeScalars) }

    /// Titles written glued to the organization: `한국배터리정책연구소장`.
    private static let gluedTitles: [[Unicode.Scalar]] = ["소장", "원장", "회장", "사장", "위원장", "실장", "청장", "관장", "총장"]
        .map { Array($0.unicodeScalars) }

    /// An organization span the tagger ran on into its member's title (`…연구소 수석연구원`, `…연구소장`)
    /// ends before the title.
    private func withoutTrailingTitle(_ text: ScannedText, _ start: Int, _ end: Int) -> Int {
        let lastWord = text.wordStart[end - 1]
        if lastWord > start, lexicon.isTitle(text.scalars[lastWord..<end]) {
            var cut = lastWord
            while cut > start, !text.classes[cut - 1].isWordPart { cut -= 1 }
            return cut
        }
        for t in EntityRecognizer.gluedTitles where end - start >= t.count + 3
            && text.scalars[(end - t.count)..<end].elementsEqual(t) {
            return end - t.count
        }
        return end
    }

    private func isOrganizationLike(_ text: ScannedText, _ start: Int) -> Bool {
        let end = text.wordEnd[start]
        return EntityRecognizer.organizationEndings.contains { e in
            end - start > e.count && text.scalars[(end - e.count)..<end].elementsEqual(e)
        }
    }

    private func hasGluedTitle(_ text: ScannedText, _ start: Int, _ end: Int) -> Bool {
        EntityRecognizer.gluedTitles.contains { t in
            end - start >= t.count + 3 && text.scalars[(end - t.count)..<end].elementsEqual(t)
        }
    }

    /// Words between a name and its title that are part of neither: `박 전 차관`, `이원복 신임 총장`.
    private static let titleModifiers: Set<String> = ["전", "前", "현", "신임", "초대", "당시", "명예", "차기", "직전", "수석", "공동"]

    /// Final syllables that are a particle glued to a noun.
    private static let particleEndings: Set<Unicode.Scalar> = ["는", "은", "을", "를", "에", "와", "과", "도", "로", "가", "만"]

    /// Final syllables of a word that modifies or is glued to the next one, so no name's first word
    /// (`기시다` may end in 다: a sentence-final verb would be followed by a period, not a name).
    private static let adnominalEndings: Set<Unicode.Scalar> = [
        "는", "은", "을", "를", "에", "와", "과", "도", "로", "가", "만", "의", "한", "던", "된", "인", "할", "될", "진",
        "난", "간", "고", "며", "서", "게", "지", "면", "요", "해",
    ]

    /// Final syllables that end a verb, an adverb or a noun with a particle rather than a name.
    private static let clauseEndings: Set<Unicode.Scalar> = [
        "다", "는", "은", "을", "를", "의", "에", "고", "며", "서", "로", "와", "과", "도", "만", "면", "게", "지", "요",
        "해", "한", "된", "던", "진", "인", "할", "될", "난", "간", "이", "가",
    ]

    /// A word that can be (part of) a name: up to four Hangul syllables; one syllable only for a family
    /// name, or as the first word of a foreign name (`샘 올트먼`).
    private func isNameWord(_ text: ScannedText, _ start: Int, foreign: Bool = false) -> Bool {
        let end = text.wordEnd[start]
        guard end - start <= 4 else { return false }
        if end - start == 1, !foreign, !lexicon.isSurname(text.scalars[start]) { return false }
        return (start..<end).allSatisfy { text.classes[$0] == .hangul }
    }

    private func separatedBySpace(_ text: ScannedText, _ name: Int, then title: Int, _ skipped: Int) -> Bool {
        let gap = text.scalars[text.wordEnd[name]..<(skipped == 0 ? title : text.wordEnd[name] + 1)]
        return gap.count == 1 && gap.first == " "
    }
}
