import Morphology
import NewslineModels

/// Finds person, organization and location names in Korean and English text.
///
/// Four sources, merged left to right with longer spans winning: the character tagger (trained on
/// KLUE news sentences, `newsline eval train`), the gazetteer, chains of one-syllable country
/// abbreviations (`한·미·일`) and names placed before a title (`기시다 후미오 일본 총리`).
/// English text (a paragraph of mostly Latin letters) goes to `EnglishEntityRecognizer` instead.
/// The service and `newsline eval ner` both call `recognize`.
public struct EntityRecognizer: Sendable {
    let lexicon: Lexicon
    let analyzer: MorphemeAnalyzer
    private let model: NERModel
    private let english: EnglishEntityRecognizer
    var options = Options()

    /// Which sources the recognizer merges, and how sure the tagger must be.
    struct Options {
        /// One-character Hanja abbreviations in the gazetteer (`日`) are always spans of their own.
        var gazetteerSpans = true
        /// Other gazetteer names (also tagger features) are spans when the tagger gives them at least this
        /// probability as their gazetteer type: a known name needs less certainty than an unknown one.
        var gazetteerMinimumProbability: Float = 0.3
        var titleRule = true
        /// A name the title rule finds is kept when the tagger gives at least this probability to a person
        /// starting where it starts (wherever it ends: `손정의` may read as `손정` + `의`), so common nouns
        /// before a title (`사건 경위`, `이날 씨`) are not read as names; a name followed by an age
        /// (`쏨차이 분마(41)씨`) needs no such support.
        var titleRuleMinimumProbability: Float = 0.05
        var countryChains = true
        /// Where the tagger is sure (`minimumProbability`) that a gazetteer name is an entity but reads it as
        /// another type, the gazetteer's type is taken: `중국` is a country whether it is visited or plays.
        var gazetteerTypes = true
        /// An organization span that ends in an organization's head noun (`…위원회`, `…연구소`, `…은행`) is
        /// kept from this probability on: the head noun says more about the span than the tagger's
        /// certainty of its first word.
        var organizationEndings = true
        var organizationEndingMinimumProbability: Float = 0.3
        /// A tagger span is kept when the tagger gives it at least this probability (`NERModel.Lattice`).
        /// Chosen by cross-validation on the tuning split for precision; see docs/EVALUATION.md.
        var minimumProbability: Float = 0.6
    }

    /// Longest text the tagger reads in one call; longer texts are cut into pieces at spaces.
    static let pieceLength = 4_096

    private static let chainCountries: [Unicode.Scalar: String] = [
        "한": "한국", "미": "미국", "일": "일본", "중": "중국", "북": "북한", "러": "러시아", "영": "영국",
        "독": "독일", "불": "프랑스", "호": "호주", "인": "인도",
    ]

    /// Loads the bundled word lists and weights; `analyzer` defaults to the process's shared one.
    public init(analyzer: MorphemeAnalyzer? = nil) throws {
        try self.init(
            lexicon: Lexicon(), analyzer: analyzer ?? MorphemeAnalyzer.shared(),
            model: NERModel(contentsOf: ResourceFile.url("ner-model.bin")), english: EnglishEntityRecognizer())
    }

    init(lexicon: Lexicon, analyzer: MorphemeAnalyzer, model: NERModel, english: EnglishEntityRecognizer) {
        self.lexicon = lexicon
        self.analyzer = analyzer
        self.english = english
        self.model = model
    }

    /// Every entity mention in `text`, in order, non-overlapping.
    public func recognize(_ text: String) -> [EntityMention] { recognize(ScannedText(text)) }

    /// Every entity mention in a text the caller has already scanned (the enricher's text units), and
    /// perhaps analyzed (`morphemes` of the whole text, in its scalar offsets).
    func recognize(_ text: ScannedText, morphemes: [Morpheme]? = nil) -> [EntityMention] {
        if EnglishEntityRecognizer.isEnglish(ScriptCounts(text.classes)) { return english.recognize(text.scalars) }
        guard text.count > EntityRecognizer.pieceLength else {
            return recognize(piece: text, morphemes: MorphemeTags(text, morphemes: morphemes ?? analyzer.analyze(text.string(0, text.count))))
        }
        let scalars = text.scalars
        var mentions: [EntityMention] = []
        var start = 0
        while start < scalars.count {
            var end = min(start + EntityRecognizer.pieceLength, scalars.count)
            if end < scalars.count {
                // Cut at a space so no name is split; a piece with no space is cut where it is.
                var cut = end
                while cut > start + EntityRecognizer.pieceLength / 2, text.classes[cut] != .space { cut -= 1 }
                if cut > start + EntityRecognizer.pieceLength / 2 { end = cut }
            }
            let piece = ScannedText(scalars: Array(scalars[start..<end]))
            let tags: MorphemeTags
            if let morphemes {
                // The morphemes inside the piece, moved to its offsets.
                let inside = morphemes.filter { $0.start >= start && $0.end <= end }.map { m in
                    var moved = m
                    moved.start -= start
                    moved.end -= start
                    return moved
                }
                tags = MorphemeTags(piece, morphemes: inside)
            } else {
                tags = MorphemeTags(piece, analyzer: analyzer)
            }
            for var mention in recognize(piece: piece, morphemes: tags) {
                mention.start += start
                mention.end += start
                mentions.append(mention)
            }
            start = end
        }
        return mentions
    }

    private func recognize(piece text: ScannedText, morphemes: MorphemeTags) -> [EntityMention] {
        let matches = lexicon.matches(in: text)
        let keys = NERFeatures.extract(text, lexicon: lexicon, matches: matches, morphemes: morphemes)
        let (tags, emission) = model.decodeWithScores(keys: keys, count: text.count)

        let lattice = NERModel.Lattice(emission: emission, transitions: model.transitions, count: text.count)
        var candidates: [Candidate] = []
        for span in NERLabel.spans(tags)
        where lattice.probability(start: span.start, end: span.end, type: span.type)
            >= (span.type == .organization && options.organizationEndings && endsLikeOrganization(text, span.end)
                ? options.organizationEndingMinimumProbability : options.minimumProbability) {
            // A span that cuts a Latin word in two (`Gangn|am`) is the Korean-trained tagger misreading English.
            if span.start > 0, text.classes[span.start] == .latin, text.classes[span.start - 1] == .latin { continue }
            if span.end < text.count, text.classes[span.end] == .latin, text.classes[span.end - 1] == .latin { continue }
            var start = span.start, end = span.end
            if span.type == .organization { end = withoutTrailingTitle(text, start, end) }
            if span.type == .person {
                start = afterLeadingParticlePhrases(text, start, end, morphemes)
                // A title is never a name (`최고경영자`, `연구사`).
                if lexicon.isTitle(text.scalars[start..<end]) { continue }
            }
            candidates.append(Candidate(start: start, end: end, type: span.type, priority: 1))
        }
        for match in matches where options.gazetteerSpans && !lexicon.entries[match.entry].isGeneric {
            let entry = lexicon.entries[match.entry]
            guard entry.alwaysCanonical
                || lattice.probability(start: match.start, end: match.end, type: entry.type)
                    >= options.gazetteerMinimumProbability
                || options.gazetteerTypes && anyType(lattice, match.start, match.end) >= options.minimumProbability
            else { continue }
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
            candidates += namesBeforeTitles(text, known: candidates + places, lattice: lattice, morphemes: morphemes)
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
        return kept.map { candidate in
            var c = candidate
            // `김모 씨`, `안모(57)씨`: `모` hides the given name; KLUE and the enricher take the family name
            // alone. The analyzer files only some family names as `NNP,인명` on their own (not `안`, `천`).
            if c.type == .person, c.end - c.start == 2, text.scalars[c.start + 1] == "모",
                morphemes.startsPersonName[c.start] || lexicon.isSurname(text.scalars[c.start])
            {
                c.end -= 1
            }
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

    /// The probability that `start..<end` is exactly one entity of any type.
    private func anyType(_ lattice: NERModel.Lattice, _ start: Int, _ end: Int) -> Float {
        [EntityType.person, .organization, .location].reduce(0) { sum, type in
            sum + lattice.probability(start: start, end: end, type: type)
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
    private func namesBeforeTitles(
        _ text: ScannedText, known: [Candidate], lattice: NERModel.Lattice, morphemes: MorphemeTags
    ) -> [Candidate] {
        let personProbability = { (start: Int, end: Int) in lattice.probability(start: start, end: end, type: .person) }
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
            let stemEnd = morphemes.stemEnd[word]
            guard text.classes[word] != .digit,
                lexicon.isTitle(text.scalars[word..<stemEnd]) || hasGluedTitle(text, word, stemEnd)
            else { continue }
            let age = ageInParentheses(before: word, in: text)
            guard
                let name = name(
                    before: word, age: age, in: text, morphemes: morphemes, covered: covered,
                    personProbability: personProbability)
                    ?? koreanName(beforeAffiliation: word, in: text, morphemes: morphemes)
            else { continue }
            // An affiliation between a one-word name and its title (`천웨이 신에너지차산업연구소 수석연구원`)
            // is evidence enough, like an age; a bare `X 씨` or a two-word name needs the tagger's support.
            let oneWord = text.wordEnd[name.start] == name.end
            let affiliated = oneWord && (text.nextWordStart(after: name.start).map { $0 < word } ?? false)
            guard age != nil || affiliated || lattice.startMarginal(name.start, .person) >= options.titleRuleMinimumProbability
            else { continue }
            result.append(name)
        }
        return result
    }

    /// The name before the title word at `title`, stepping back over up to three organization, place,
    /// Latin or modifier words (`오픈AI`, `일본`, `BIS`, `전`), or right before an age (`쏨차이 분마(41)씨`).
    /// Where a foreign given name may come first (`레이철 하딩`), the tagger's likelier reading wins.
    private func name(
        before title: Int, age: Int?, in text: ScannedText, morphemes: MorphemeTags, covered: [EntityType?],
        personProbability: (Int, Int) -> Float
    ) -> Candidate? {
        var previous = text.previousWordStart(before: age ?? title)
        var skipped = 0
        while age == nil, let p = previous, skipped < 3,
            covered[p] != nil || text.classes[p] == .latin || isOrganizationLike(text, p, morphemes)
                || EntityRecognizer.titleModifiers.contains(text.string(p, text.wordEnd[p]))
        {
            previous = text.previousWordStart(before: p)
            skipped += 1
        }
        guard let last = previous, isNameWord(text, last, morphemes) else { return nil }
        if let age {
            guard text.wordEnd[last] == age else { return nil }
        } else {
            guard separatedBySpace(text, last, then: title, skipped) else { return nil }
        }
        let lastLength = text.wordEnd[last] - last
        // `손정의`, `고미란` may read as a name plus a particle (`손정` + `의`) and are still names; with words
        // in between, a word that ends in a particle is a name only where the tagger finds the whole word
        // likelier a name than its stem.
        let stemEnd = morphemes.stemEnd[last]
        let lastIsBare = stemEnd == text.wordEnd[last]
            || personProbability(last, text.wordEnd[last]) >= personProbability(last, stemEnd)
        // Most Korean names are three syllables, so a three-syllable word that starts like one keeps its
        // last syllable even where the analyzer reads it as a particle (`고미란` as `고미` + `란`).
        let koreanName = (2...3).contains(lastLength) && looksLikeKoreanName(text, last, morphemes)
            && (skipped == 0 || lastIsBare || lastLength == 3)
        guard koreanName || !morphemes.endsInFunction(text.wordEnd[last]) else { return nil }
        // A foreign name is two words, and only trusted with an organization, place or age between it and
        // the title (`샘 올트먼 오픈AI 최고경영자`), or as two proper nouns: bare `X Y 씨` is too often a
        // phrase, not a name.
        var foreignName: Candidate?
        // Bare `X Y 대표` is trusted too where the analyzer reads both words as proper nouns, the first a
        // person's given name (`에밀리 카터 대표`).
        let properPair = text.previousWordStart(before: last).map {
            morphemes.startsPersonName[$0] && morphemes.startsProperNoun[last]
        } ?? false
        if skipped > 0 || age != nil || properPair, lastLength >= 2, let before = text.previousWordStart(before: last),
            isNameWord(text, before, morphemes, foreign: true), text.wordEnd[before] + 1 == last,
            text.scalars[text.wordEnd[before]] == " ",
            !morphemes.endsInFunction(text.wordEnd[before])
        {
            foreignName = Candidate(start: before, end: text.wordEnd[last], type: .person, priority: 3)
        }
        let single = Candidate(start: last, end: text.wordEnd[last], type: .person, priority: 3)
        switch (koreanName, foreignName) {
        case (true, let foreign?):
            // Korean names are written as one word, so two words the dictionary files whole as personal
            // names are one foreign name (`기시다 후미오`), whatever the tagger prefers.
            if isWholePersonName(text, foreign.start, morphemes) && isWholePersonName(text, last, morphemes) {
                return foreign
            }
            return personProbability(foreign.start, foreign.end) > personProbability(single.start, single.end)
                ? foreign : single
        case (true, nil): return single
        case (false, let foreign): return foreign
        }
    }

    /// Where `(41)` starts when the text right before `title` is an age in parentheses glued to a word.
    private func ageInParentheses(before title: Int, in text: ScannedText) -> Int? {
        var i = title - 1
        guard i > 0, text.scalars[i] == ")" else { return nil }
        i -= 1
        let digitsEnd = i
        while i >= 0, text.classes[i] == .digit { i -= 1 }
        guard i < digitsEnd, (1...3).contains(digitsEnd - i), i > 0, text.scalars[i] == "(",
            text.classes[i - 1].isWordPart
        else { return nil }
        return i
    }

    /// `최동석 하이랜더스 감독`: a Korean name, then one affiliation word no list knows, then the title.
    private func koreanName(beforeAffiliation title: Int, in text: ScannedText, morphemes: MorphemeTags) -> Candidate? {
        guard let affiliation = text.previousWordStart(before: title),
            let name = text.previousWordStart(before: affiliation)
        else { return nil }
        let affiliationEnd = text.wordEnd[affiliation], nameEnd = text.wordEnd[name]
        guard affiliationEnd - affiliation >= 2, affiliationEnd + 1 == title, nameEnd + 1 == affiliation,
            text.scalars[nameEnd] == " ", text.scalars[affiliationEnd] == " ",
            morphemes.stemEnd[affiliation] == affiliationEnd,
            (affiliation..<affiliationEnd).allSatisfy({ text.classes[$0] == .hangul || text.classes[$0] == .latin }),
            (2...3).contains(nameEnd - name), isNameWord(text, name, morphemes), looksLikeKoreanName(text, name, morphemes),
            morphemes.stemEnd[name] == nameEnd
        else { return nil }
        return Candidate(start: name, end: nameEnd, type: .person, priority: 3)
    }

    /// Endings of organization names (`한국모빌리티산업연구원`, `피해자대책위원회`, `한빛대`); the
    /// one-syllable ones only where the analyzer splits them off (`isOrganizationLike`).
    private static let organizationEndings: [[Unicode.Scalar]] = [
        "연구소", "연구원", "위원회", "협회", "기술원", "대학교", "공사", "은행", "증권", "솔루션", "그룹", "전자", "재단",
        "센터", "병원", "법원", "검찰청", "대학", "학회", "연합회", "조합", "공단", "박물관", "미술관", "학과", "국", "부",
        "청", "처", "대",
    ].map { Array($0.unicodeScalars) }

    /// Whether a span ending at `end` ends in an organization ending of two or more syllables, after at
    /// least one more scalar (`피해자대책위원회`, not `위원회` alone).
    private func endsLikeOrganization(_ text: ScannedText, _ end: Int) -> Bool {
        let start = text.wordStart[end - 1]
        return EntityRecognizer.organizationEndings.contains { e in
            e.count > 1 && end - start > e.count && text.scalars[(end - e.count)..<end].elementsEqual(e)
        }
    }

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

    /// A person span the tagger began on a word that ends in a particle (`이번엔 올트먼`) starts after it:
    /// a particle closes its noun phrase, so no name runs on past it.
    private func afterLeadingParticlePhrases(
        _ text: ScannedText, _ start: Int, _ end: Int, _ morphemes: MorphemeTags
    ) -> Int {
        var start = start
        var wordEnd = text.wordEnd[start]
        while wordEnd < end, morphemes.endsInParticle(wordEnd),
            let next = text.nextWordStart(after: start), next < end
        {
            start = next
            wordEnd = text.wordEnd[start]
        }
        return start
    }

    private func isOrganizationLike(_ text: ScannedText, _ start: Int, _ morphemes: MorphemeTags) -> Bool {
        let end = text.wordEnd[start]
        return EntityRecognizer.organizationEndings.contains { e in
            guard end - start > e.count, text.scalars[(end - e.count)..<end].elementsEqual(e) else { return false }
            // A one-syllable ending counts only as a morpheme of its own (`경찰청`, `한빛대`), or as the last
            // part of a compound the dictionary decomposes (`서강대` = `서강` + `대`), not as the end of a
            // longer word (`시대`, `세대`, `반대`, `중국`).
            guard e.count == 1, let last = morphemes.morpheme(endingAt: end) else { return e.count > 1 }
            return last.start == end - 1
                || (last.start < end - 1 && last.expressionParts.last?.surface.unicodeScalars.elementsEqual(e) == true)
        }
    }

    private func hasGluedTitle(_ text: ScannedText, _ start: Int, _ end: Int) -> Bool {
        EntityRecognizer.gluedTitles.contains { t in
            end - start >= t.count + 3 && text.scalars[(end - t.count)..<end].elementsEqual(t)
        }
    }

    /// Words between a name and its title that are part of neither: `박 전 차관`, `이원복 신임 총장`.
    private static let titleModifiers: Set<String> = ["전", "前", "현", "신임", "초대", "당시", "명예", "차기", "직전", "수석", "공동"]




    /// A word that can be (part of) a name: up to four Hangul syllables; one syllable only for a family
    /// name, or as the first word of a foreign name (`샘 올트먼`).
    private func isNameWord(_ text: ScannedText, _ start: Int, _ morphemes: MorphemeTags, foreign: Bool = false) -> Bool {
        let end = text.wordEnd[start]
        guard end - start <= 4 else { return false }
        // One syllable is a family name only where the analyzer reads it so: `김 교수`, not `한 교수` ("a").
        if end - start == 1, !foreign, !morphemes.startsPersonName[start] { return false }
        return (start..<end).allSatisfy { text.classes[$0] == .hangul }
    }

    /// A word right before a title that reads as a Korean name: the analyzer files it as a person's name,
    /// or (for names its dictionary lacks, `조은비`, `고미란`) it starts with a family name.
    private func looksLikeKoreanName(_ text: ScannedText, _ start: Int, _ morphemes: MorphemeTags) -> Bool {
        morphemes.startsPersonName[start] || lexicon.isSurname(text.scalars[start])
    }

    /// Whether the word at `start` is one morpheme the dictionary files as a person's name (`NNP,인명`).
    private func isWholePersonName(_ text: ScannedText, _ start: Int, _ morphemes: MorphemeTags) -> Bool {
        guard morphemes.startsPersonName[start], let m = morphemes.morpheme(endingAt: text.wordEnd[start]) else {
            return false
        }
        return m.start == start
    }

    private func separatedBySpace(_ text: ScannedText, _ name: Int, then title: Int, _ skipped: Int) -> Bool {
        let gap = text.scalars[text.wordEnd[name]..<(skipped == 0 ? title : text.wordEnd[name] + 1)]
        return gap.count == 1 && gap.first == " "
    }
}
