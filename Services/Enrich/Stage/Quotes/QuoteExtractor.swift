import Morphology
import NewslineModels

/// Direct speech in the body paragraphs and who said it, per the golden conventions.
///
/// Double-quoted passages count unless they are short Korean terms; single-quoted ones only when they are
/// a clause followed by a reporting construction (`QuoteExtractor+SingleQuotes`); headline and subtitle
/// quotes are never passed in. A quote's speaker is the subject before it in its sentence (`올트먼은 "…"`),
/// else the subject after it (`"…"고 김 교수는 말했다`), else the previous quote's speaker. Subjects that
/// name an entity resolve to its canonical name; short references resolve to the article's
/// organization (`회사` → `오픈AI`, `박물관 측` → `국립고궁박물관`); unnamed sources are kept as printed
/// without the determiner `한`.
struct QuoteExtractor {
    let lexicon: Lexicon
    /// Canonical names of the article's people, first mentioned first.
    var personEntities: [String] = []
    /// The first person named `X` or `… X` (`샘 올트먼` for `올트먼` and `샘 올트먼`).
    var personByWordSuffix = FirstNameIndex([], keys: { _ in [] })
    /// The first person whose last word is `X`.
    private var personByLastWord = FirstNameIndex([], keys: { _ in [] })
    /// The first person whose name starts with the letter `X`.
    private var personByInitial = FirstNameIndex([], keys: { _ in [] })
    /// Organizations, most mentioned first, under their suffixes (`박물관` → `국립고궁박물관`) and names.
    private var organizationBySuffix = FirstNameIndex([], keys: { _ in [] })
    private var organizationNames: Set<String> = []
    /// Searches the body text, to check that a gazetteer name is really written in the article.
    private var bodyText = TextSearch("")

    init(lexicon: Lexicon) {
        self.lexicon = lexicon
    }

    /// Every mark that can open a quote, double or single.
    static let quoteMarks: Set<Unicode.Scalar> = ["\"", "\u{201C}", "'", "\u{2018}"]
    private static let subjectParticles: [[Unicode.Scalar]] = [["께", "서"], ["은"], ["는"], ["이"], ["가"]]
    private static let leadWords: Set<String> = [
        "후", "이날", "또", "이어", "한편", "특히", "당시", "그러면서", "이에", "다만", "또한", "앞서", "아울러", "반면",
        "그러나", "하지만", "이후", "이번", "최근", "현재", "대해", "관련해", "따르면", "내지", "혹은", "또는",
    ]
    /// `사이에서는`: the words before it name the group whose voices are quoted.
    private static let amongWords: Set<String> = ["사이에서는", "사이에선", "사이에서도", "사이에서"]
    private static let adverbialTopics = ["에는", "에서는", "로는", "에게는", "까지는", "부터는"]
    /// Heads of an institution written onto its name (`한국배터리정책연구소장`, `국립중앙박물관장`): the title list
    /// holds the bare titles, these end compounds of an institution and its head.
    private static let compoundTitleEnds = ["소장", "원장", "회장", "사장", "위원장", "실장", "청장", "관장", "총장"]
    private static let companyWords: Set<String> = ["회사", "업체", "기업", "사측", "당사"]
    private static let pronouns: Set<String> = ["그", "그녀", "그들"]
    /// The farthest a `(` is looked for before the `)` of `협회(SIA)는`, in scalars.
    static let bracketReach = 32

    /// A quote found in a paragraph, with where it sits.
    struct Found {
        var open: Int
        var close: Int
        var text: String
        /// Who the words are printed as belonging to, when the construction says (`'…'는 X의 지적`).
        var source: Range<Int>? = nil
        /// Single-quoted: already known to be a clause, so never a term.
        var isSingleQuoted = false
    }

    /// The quotes found, at most `limit`, and whether more were left out; and whether a search of the
    /// body for a known organization was refused by `EnrichBudget.textSearches`.
    struct Result {
        var quotes: [Quote]
        var truncated: Bool
        var searchesExhausted: Bool
    }

    /// `paragraphs` are the body units and `morphemes` their analyses (one list a paragraph; missing ones
    /// leave single-quoted speech unread); `firstUnit` is their index in `entities`' unit numbering.
    /// `bodyText` is the paragraphs joined with newlines, when the caller has it already.
    func quotes(
        paragraphs: [ScannedText], morphemes: [[Morpheme]] = [], bodyText: String? = nil, firstUnit: Int,
        entities: ArticleEntities, limit: Int = EnrichBudget.quotes
    ) -> Result {
        // Most articles quote someone, but a brief without a quote mark needs none of the name indexes.
        guard paragraphs.contains(where: { $0.scalars.contains(where: Self.quoteMarks.contains) }) else {
            return Result(quotes: [], truncated: false, searchesExhausted: false)
        }
        let organizations = organizationsByMentions(entities)
        var extractor = self
        extractor.personEntities = entities.entities.filter { $0.type == .person }.map(\.canonical)
        extractor.personByWordSuffix = FirstNameIndex(extractor.personEntities, keys: FirstNameIndex.wordSuffixes)
        extractor.personByLastWord = FirstNameIndex(extractor.personEntities, keys: FirstNameIndex.lastWord)
        extractor.personByInitial = FirstNameIndex(extractor.personEntities) { $0.first.map { [String($0)] } ?? [] }
        extractor.organizationBySuffix = FirstNameIndex(organizations) { FirstNameIndex.properSuffixes(of: $0) }
        extractor.organizationNames = Set(organizations)
        extractor.bodyText = TextSearch(bodyText ?? paragraphs.map { $0.string(0, $0.count) }.joined(separator: "\n"))
        var result = extractor.quotesResolved(paragraphs: paragraphs, morphemes: morphemes, firstUnit: firstUnit,
                                              entities: entities, organizations: organizations, limit: limit)
        result.searchesExhausted = extractor.bodyText.exhausted
        return result
    }

    private func quotesResolved(
        paragraphs: [ScannedText], morphemes: [[Morpheme]], firstUnit: Int, entities: ArticleEntities,
        organizations: [String], limit: Int
    ) -> Result {
        var result: [Quote] = []
        var lastSpeaker: String?
        var lastPerson: String?
        // Mentions come sorted by unit and offset: each paragraph's are one contiguous run.
        var nextMention = 0
        let all = entities.mentions
        for (p, paragraph) in paragraphs.enumerated() {
            let unit = firstUnit + p
            while nextMention < all.count, all[nextMention].unit < unit { nextMention += 1 }
            var endMention = nextMention
            while endMention < all.count, all[endMention].unit == unit { endMention += 1 }
            let mentions = ParagraphMentions(all[nextMention..<endMention])
            nextMention = endMention
            var previousClose = -1
            let analysis = p < morphemes.count ? morphemes[p] : []
            for quote in quotesFound(in: paragraph, morphemes: analysis)
            where quote.isSingleQuoted || !Self.isKoreanTerm(quote.text) {
                guard result.count < limit else { return Result(quotes: result, truncated: true, searchesExhausted: false) }
                let s = paragraph.scalars
                let sentenceStart = sentenceStart(s, before: quote.open, notBefore: previousClose + 1)
                var speaker: String?
                let leading = trimmed(s, sentenceStart, quote.open)
                if let source = quote.source ?? sourceBefore(paragraph, quote: quote.open, from: sentenceStart) {
                    speaker = resolve(source, in: paragraph, mentions: mentions, organizations: organizations,
                                      lastPerson: lastPerson)
                } else if leading.isEmpty, previousClose >= 0 {
                    speaker = lastSpeaker
                } else if let subject = subject(in: paragraph, from: sentenceStart, to: quote.open, mentions: mentions,
                                                  morphemes: analysis)
                {
                    speaker = resolve(subject, in: paragraph, mentions: mentions, organizations: organizations,
                                      lastPerson: lastPerson)
                }
                if speaker == nil {
                    let end = sentenceEnd(s, after: quote.close)
                    if let subject = subject(in: paragraph, from: quote.close + 1, to: end, mentions: mentions,
                                             morphemes: analysis)
                    {
                        speaker = resolve(subject, in: paragraph, mentions: mentions, organizations: organizations,
                                          lastPerson: lastPerson)
                    }
                }
                if speaker == nil {
                    speaker = englishSpeaker(in: paragraph, quote: (quote.open, quote.close),
                                             sentenceStart: sentenceStart, mentions: mentions,
                                             lastSpeaker: lastSpeaker, lastPerson: lastPerson)
                }
                if speaker == nil { speaker = lastSpeaker }
                result.append(Quote(text: quote.text, speaker: speaker))
                lastSpeaker = speaker
                previousClose = quote.close
            }
            if let person = mentions.lastPerson(endingBy: .max) { lastPerson = person.canonical }
        }
        return Result(quotes: result, truncated: false, searchesExhausted: false)
    }

    /// A gazetteer organization the article writes out that ends with `reference` (`박물관` → `국립고궁박물관`),
    /// for when the tagger missed the full name.
    private func knownOrganization(endingWith reference: String) -> String? {
        lexicon.organizations(endingWith: reference).first { bodyText.contains($0) }
    }

    private func organizationsByMentions(_ entities: ArticleEntities) -> [String] {
        entities.entities.filter { $0.type == .organization }.sorted { $0.mentions > $1.mentions }.map(\.canonical)
    }

    /// The double- and single-quoted passages of a paragraph, in text order.
    private func quotesFound(in text: ScannedText, morphemes: [Morpheme]) -> [Found] {
        let double = find(in: text)
        guard !morphemes.isEmpty else { return double }
        let single = singleQuoted(in: text, morphemes: morphemes, outside: double)
        guard !single.isEmpty else { return double }
        return (double + single).sorted { $0.open < $1.open }
    }

    /// `X로부터 "…"`, `남성으로부터'…'`: the word right before the quote names where the words came from.
    private func sourceBefore(_ text: ScannedText, quote open: Int, from start: Int) -> Range<Int>? {
        var end = open
        while end > start, text.classes[end - 1] == .space { end -= 1 }
        guard end > start, text.classes[end - 1] == .hangul else { return nil }
        let word = text.wordStart[end - 1]
        let particle = Self.sourceParticles.first { p in
            end - word > p.count + 1 && text.scalars[(end - p.count)..<end].elementsEqual(p)
        }
        guard let particle else { return nil }
        return word..<(end - particle.count)
    }

    /// `로부터`/`으로부터` ("from"): a source particle.
    private static let sourceParticles: [[Unicode.Scalar]] = [["으", "로", "부", "터"], ["로", "부", "터"]]

    private func find(in text: ScannedText) -> [Found] {
        var found: [Found] = []
        let s = text.scalars
        var i = 0
        while i < s.count {
            let c = s[i]
            guard c == "\"" || c == "\u{201C}" else {
                i += 1
                continue
            }
            // Either double mark closes either opening one: pages and wire copy mix them (`"…”`).
            var j = i + 1
            while j < s.count, s[j] != "\"", s[j] != "\u{201D}" { j += 1 }
            guard j < s.count else { break }
            var end = j
            while end > i + 1, s[end - 1] == "," || s[end - 1] == "." || s[end - 1] == " " { end -= 1 }
            if end > i + 1 { found.append(Found(open: i, close: j, text: text.string(i + 1, end))) }
            i = j + 1
        }
        return found
    }

    /// Syllables that end a Korean sentence (`…다`, `…요`, `…까`, `…네`, `…해`): direct speech ends in one.
    static let finalEndings: Set<Character> = ["다", "요", "까", "냐", "니", "자", "라", "죠", "네", "지", "군", "나", "해",
        "야", "어", "아", "게", "래", "데", "걸", "오"]
    /// The most words a quoted Korean term or title has (`"비밀" 드라마`, `"이건 연기"라는 느낌`).
    static let termWords = 3

    /// Whether a double-quoted Korean passage is a term or a title rather than speech: a few words with no
    /// sentence punctuation, not ending in a sentence-final syllable. English scare quotes and speech
    /// fragments cannot be told apart so, and stay quotes.
    static func isKoreanTerm(_ text: String) -> Bool {
        if SingleScalarCharacters.all(text.unicodeScalars) { return isKoreanTerm(scalars: text.unicodeScalars) }
        guard text.unicodeScalars.contains(where: { ScalarClass($0) == .hangul }),
            !text.contains(where: { ".?!,…".contains($0) }),
            text.split(separator: " ").count <= termWords,
            let last = text.last(where: { $0.unicodeScalars.allSatisfy { ScalarClass($0) == .hangul } })
        else { return false }
        return !finalEndings.contains(last)
    }

    /// `finalEndings` as scalars: each is one precomposed syllable.
    private static let finalEndingScalars = Set(finalEndings.flatMap(\.unicodeScalars))
    private static let sentencePunctuation: Set<Unicode.Scalar> = [".", "?", "!", ",", "…"]

    /// `isKoreanTerm` for a text whose scalars are each a `Character` (`SingleScalarCharacters`): the same
    /// tests on the scalars.
    private static func isKoreanTerm(scalars: String.UnicodeScalarView) -> Bool {
        guard scalars.contains(where: { ScalarClass($0) == .hangul }),
            !scalars.contains(where: sentencePunctuation.contains)
        else { return false }
        var words = 0
        var inWord = false
        for s in scalars {
            if s == " " {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
            }
        }
        guard words <= termWords, let last = scalars.last(where: { ScalarClass($0) == .hangul }) else { return false }
        return !finalEndingScalars.contains(last)
    }

    private func trimmed(_ s: [Unicode.Scalar], _ start: Int, _ end: Int) -> ArraySlice<Unicode.Scalar> {
        var a = start, b = end
        while a < b, ScalarClass(s[a]) == .space || s[a] == "," { a += 1 }
        while b > a, ScalarClass(s[b - 1]) == .space || s[b - 1] == "," { b -= 1 }
        return s[a..<b]
    }

    private func s0(_ text: ScannedText, _ i: Int) -> Unicode.Scalar? { i < text.count ? text.scalars[i] : nil }

    /// The start of the sentence holding `offset`: after the last `. ` (or `? `, `! `) before it that is not
    /// the point of an abbreviation (`Dr. `, `J. `).
    private func sentenceStart(_ s: [Unicode.Scalar], before offset: Int, notBefore floor: Int) -> Int {
        var i = offset - 1
        while i > floor {
            if (s[i] == "." || s[i] == "?" || s[i] == "!"), i + 1 < s.count, ScalarClass(s[i + 1]) == .space,
                s[i] != "." || !Self.isAbbreviation(s, pointAt: i)
            {
                return i + 1
            }
            // `맡겨졌다.영화속`: a Korean sentence ending in `다.` ends there even without a space after it.
            if s[i] == ".", i > 0, s[i - 1] == "다", i + 1 < s.count, ScalarClass(s[i + 1]) == .hangul { return i + 1 }
            i -= 1
        }
        return max(floor, 0)
    }

    private func sentenceEnd(_ s: [Unicode.Scalar], after offset: Int) -> Int {
        var i = offset + 1
        while i < s.count {
            if s[i] == "\"" || s[i] == "\u{201C}" { return i }
            if s[i] == "." || s[i] == "?" || s[i] == "!" { return i }
            i += 1
        }
        return s.count
    }

    /// The subject phrase between `start` and `end`: the last word marked with a subject particle,
    /// with the noun words printed before it. Returns its scalar range (particle excluded).
    private func subject(
        in text: ScannedText, from start: Int, to end: Int, mentions: ParagraphMentions, morphemes: [Morpheme]
    ) -> Range<Int>? {
        var words: [Int] = []
        var i = start
        while i < end {
            if text.isWordStart(i) {
                words.append(i)
                i = text.wordEnd[i]
            } else {
                i += 1
            }
        }
        let s = text.scalars
        // `아나운서의 "…"`: a genitive printed right before the quote names whose words they are.
        if let last = words.last, text.wordEnd[last] + 1 == end || text.wordEnd[last] == end,
            text.wordEnd[last] - last >= 3, s[text.wordEnd[last] - 1] == "의", end < s.count,
            s[end] == "\"" || s[end] == "\u{201C}"
        {
            return phrase(in: text, words: words, subjectIndex: words.count - 1, subjectStart: last,
                          stemEnd: text.wordEnd[last] - 1, mentions: mentions, morphemes: morphemes)
        }
        var w = words.count
        while w > 0 {
            w -= 1
            var word = words[w]
            let wordEnd = min(text.wordEnd[word], end)
            // `협회(SIA)는`, `최고재무책임자(CFO)는`: the particle after a bracket marks the word before it.
            if wordEnd - word == 1, QuoteExtractor.subjectParticles.contains([s[word]]), word > 0, s[word - 1] == ")" {
                // As far back as a bracketed abbreviation reaches: a `)` with no `(` near it is no bracket.
                var open = word - 1
                while open > 0, s[open] != "(", word - open <= QuoteExtractor.bracketReach { open -= 1 }
                if open > 0, s[open] == "(", text.classes[open - 1].isWordPart {
                    word = text.wordStart[open - 1]
                    while w > 0, words[w] > word { w -= 1 }
                    let stemEnd = open
                    return phrase(in: text, words: words, subjectIndex: w, subjectStart: word, stemEnd: stemEnd,
                                  mentions: mentions, morphemes: morphemes)
                }
            }
            let word2 = text.string(word, wordEnd)
            // `가맹점주들 사이에서는 "…"`: what is said among a group is the group's.
            if QuoteExtractor.amongWords.contains(word2), w > 0, text.wordEnd[words[w - 1]] + 1 == word,
                s[word - 1] == " "
            {
                let group = words[w - 1]
                return phrase(in: text, words: words, subjectIndex: w - 1, subjectStart: group, stemEnd: text.wordEnd[group],
                              mentions: mentions, morphemes: morphemes)
            }
            guard let particle = QuoteExtractor.subjectParticles.first(where: { p in
                wordEnd - word > p.count && s[(wordEnd - p.count)..<wordEnd].elementsEqual(p)
            }) else { continue }
            // `질문에는`, `업계에서는`: a topic on an adverbial, not the one who speaks.
            if QuoteExtractor.adverbialTopics.contains(where: { word2.hasSuffix($0) }) { continue }
            // A closing bracket right after the word (`(52)씨는`) belongs to it; any other punctuation ends it.
            if wordEnd < end, ScalarClass(s[wordEnd]) == .punctuation, s[wordEnd] != ")" { continue }
            let stemEnd = wordEnd - particle.count
            let stem = text.string(word, stemEnd)
            if QuoteExtractor.leadWords.contains(stem) { continue }
            // `기억하는`, `생각되는`: a stem in 하/되 before 는 is a verb modifying the next word, not a subject.
            if particle == ["는"], let last = stem.last, last == "하" || last == "되" { continue }
            // `임대받은 후`, `남아 있는`: where the analyzer reads the `은`/`는` as a verb's modifier ending, the word
            // modifies the next one.
            if Self.isModifierEnding(morphemes, endingAt: wordEnd) { continue }
            // `묻는`: a one-syllable stem before 는 is a verb modifying the next word, not a subject (`씨는`, `측은`
            // and `그는` are).
            if stemEnd - word == 1, !QuoteExtractor.pronouns.contains(stem), stem != "측",
                !lexicon.isTitle(text.scalars[word..<stemEnd])
            {
                continue
            }
            return phrase(in: text, words: words, subjectIndex: w, subjectStart: word, stemEnd: stemEnd,
                          mentions: mentions, morphemes: morphemes)
        }
        return nil
    }

    /// Whether the morpheme that ends a word at `end` is a modifier ending (`ETM`, `XSV+ETM`).
    private static func isModifierEnding(_ morphemes: [Morpheme], endingAt end: Int) -> Bool {
        let m = firstMorpheme(morphemes, startingAtOrAfter: end) - 1
        return m >= 0 && morphemes[m].end == end && morphemes[m].tag.hasSuffix("ETM")
    }

    /// The subject word with the noun words printed before it (`테크 업계 관계자`), up to five words.
    private func phrase(
        in text: ScannedText, words: [Int], subjectIndex w: Int, subjectStart word: Int, stemEnd: Int,
        mentions: ParagraphMentions, morphemes: [Morpheme]
    ) -> Range<Int> {
        let s = text.scalars
        do {
            var first = word
            var k = w - 1
            while k >= 0, w - k <= 4 {
                let previous = words[k]
                let previousEnd = text.wordEnd[previous]
                // Only a single space between the words of one phrase.
                guard previousEnd + 1 == first, s[previousEnd] == " " || s[previousEnd] == "·" else { break }
                let string = text.string(previous, previousEnd)
                if QuoteExtractor.leadWords.contains(string) { break }
                // `개정된 공직선거법`, `응답한 자녀`: a verb's modifier (read so by the analyzer) is no part of the name.
                if Self.isModifierEnding(morphemes, endingAt: previousEnd) { break }
                // A word with a particle ends the phrase, unless it is a name as a whole (`남부경찰서`, not `…에서`).
                if lexicon.stemEnd(text, start: previous, end: previousEnd) != previousEnd, string != "한",
                    !mentions.within(previous, previousEnd).contains(where: { $0.start == previous && $0.end == previousEnd })
                {
                    break
                }
                // `3국 북핵 수석대표들` keeps its count; `13일`, `2시` and bare numbers end the phrase.
                if text.classes[previous] == .digit,
                    !(text.classes[previousEnd - 1] == .hangul && !"일월년시분명".unicodeScalars.contains(s[previousEnd - 1]))
                {
                    break
                }
                first = previous
                k -= 1
            }
            return first..<stemEnd
        }
    }

    private func resolve(
        _ range: Range<Int>, in text: ScannedText, mentions: ParagraphMentions, organizations: [String],
        lastPerson: String?
    ) -> String? {
        var start = range.lowerBound
        // `한 부장판사`, `박 교수`: a family name and a title stand for the person the article introduced with
        // that name and title (`한정민 부장판사`). This is checked first: `한` is also the determiner "a" (`한
        // 교수는`, a professor), which the printed introduction tells apart.
        let bare = text.string(start, range.upperBound).split(separator: " ")
        if bare.count == 2, bare[0].count == 1, lexicon.isTitle(Array(bare[1].unicodeScalars)[...]),
            let person = personEntities.first(where: { $0.hasPrefix(bare[0]) && bodyText.contains("\($0) \(bare[1])") })
        {
            return person
        }
        // The determiner `한` ("one") before an unnamed source is not part of it.
        if text.string(start, min(start + 2, range.upperBound)) == "한 " { start += 2 }
        let phrase = text.string(start, range.upperBound)
        guard !phrase.isEmpty else { return nil }
        let inPhrase = mentions.within(start, range.upperBound)
        let lastWordStart = text.wordStart[range.upperBound - 1]

        if QuoteExtractor.pronouns.contains(phrase) { return lastPerson }
        let endsWithTitle = lexicon.isTitle(text.scalars[lastWordStart..<range.upperBound])
            || QuoteExtractor.compoundTitleEnds.contains { phrase.hasSuffix($0) }
        // `김태수 기상청 통보관`, `윤정기 남부경찰서 형사과장`: a person named first, then the affiliation and the
        // post, is that person, whatever the tagger made of the words after the name (`X 측`, X's camp, is
        // resolved below). Only a post ends it (a title, or a word ending with one of two or more letters:
        // `형사과장`): in `테크 업계 관계자` (an unnamed source) a first word the
        // tagger took for a name is not the speaker.
        let endsWithPost = endsWithTitle
            || (lastWordStart..<(range.upperBound - 1)).contains { lexicon.isTitle(text.scalars[$0..<range.upperBound]) }
        if endsWithPost, let person = inPhrase.first, person.type == .person, person.start == start,
            person.end < range.upperBound, s0(text, person.end) == " ",
            inPhrase.filter({ $0.type == .person }).count == 1, !phrase.hasSuffix(" 측")
        {
            return person.canonical
        }
        if let mention = inPhrase.last(where: { $0.end == range.upperBound }), !endsWithTitle || mention.type == .person {
            return mention.canonical
        }
        // `이수민 남해대 해양공학과 교수`, `김소연(34)씨`, `박철민 한국배터리정책연구소장`: the person named a few
        // words before the title, with nothing but names, brackets and spaces in between.
        if endsWithTitle, let person = mentions.lastPerson(endingBy: lastWordStart),
            lastWordStart - person.end <= 40,
            !text.scalars[person.end..<lastWordStart].contains(where: { ",.\"'“”·".unicodeScalars.contains($0) })
        {
            return person.canonical
        }
        // `박 교수` with no `박XX 교수` printed: the article's first person of that family name.
        let words = phrase.split(separator: " ")
        if words.count == 2, words[0].count == 1, lexicon.isTitle(Array(words[1].unicodeScalars)[...]),
            let person = personByInitial[String(words[0])]
        {
            return person
        }
        let isTitle = lexicon.isTitle(text.scalars[lastWordStart..<range.upperBound])
        if isTitle, let person = inPhrase.last(where: { $0.type == .person }) { return person.canonical }
        if QuoteExtractor.companyWords.contains(phrase), let first = organizations.first { return first }
        // `에밀리 카터 대표` where the tagger missed the name: the name words before the title.
        let nameWords = phrase.split(separator: " ").dropLast()
        if endsWithTitle, inPhrase.isEmpty, (1...2).contains(nameWords.count),
            nameWords.allSatisfy({ w in w.count >= 2 && w.count <= 4 && w.unicodeScalars.allSatisfy { ScalarClass($0) == .hangul } })
        {
            let name = nameWords.joined(separator: " ")
            return personByWordSuffix[name] ?? name
        }
        // `박물관 측`, `연구원`: a short reference to an organization whose name ends with it.
        var reference = phrase
        if reference.hasSuffix(" 측") { reference = String(reference.dropLast(2)) }
        if !reference.contains(" "), reference.count >= 2,
            let organization = organizationBySuffix[reference] ?? knownOrganization(endingWith: reference)
                ?? (organizationNames.contains(reference) ? reference : nil)
        {
            return organization
        }
        // `올트먼`, `하딩` where the tagger missed this mention: the person whose name ends with it.
        if !phrase.contains(" "), phrase.count >= 2,
            let person = personByLastWord[phrase]
        {
            return person
        }
        return phrase
    }
}
