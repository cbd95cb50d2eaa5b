import Morphology

/// Reported speech in single marks (`'…'라고 밝혔다`, `'…'며`, `'…'는 글을 올려`, `‘…,’ he said`).
///
/// Korean papers print indirect and inner speech, written words and slogans in single marks; they print
/// emphasized terms, titles and names so too (`'한강의 기적'`, `'챗GPT'를`). A single-quoted passage is
/// speech only when it is a clause and a reporting construction follows it, both read from the
/// morphological analysis of the paragraph:
///
/// - the passage ends with a final or connective ending (`…한다'`, `…하자'`, `…맞느냐'`: MeCab's `EF`/`EC`) and
///   holds a predicate, so a noun phrase (`'한강의 기적'`, `'밑 빠진 독에 물 붓기'`) or a name is never speech,
///   and it has two words or more;
/// - right after the closing mark comes the quotative particle (`고`, `라고`, `이라고`: `JKQ`) followed by a
///   verb (`VV`, or a noun with the verb suffix `XSV`: `규정했다`, `응답한`) that is not a naming verb
///   (`'…'라고 부른다`); or the connective `며`/`면서` (or `라며`) that stands for `라고 하며`, after a question,
///   a command or a proposal (`'…맞느냐'며`, `'…입금하라'며`, `'…하자'며`): a declarative clause in marks before
///   `며` is as often a stated aim or motto (`'…만들겠다'며 출범했다`, the samples' convention) and is speech only
///   with the quotative particle; or the
///   modifier `는`/`라는` before a noun of speech or writing (`'…'는 글`, `'…'는 X의 지적`), whose
///   genitive, when printed, names the source.
///
/// English papers that print speech in single marks (`‘…,’ said Jane Doe`) are read by the English
/// attribution convention instead: a comma inside the closing mark, then a reporting verb.
extension QuoteExtractor {
    /// The most scalars a single-quoted passage spans: a mark with no close within this reach opens
    /// nothing, so a stray apostrophe costs at most this much scanning (past it the search moves on).
    static let singleQuoteReach = 400
    /// The most morphemes read after the quotative particle for its verb (`'…'고 법/적/으로 명시/돼`); past
    /// them, or at the first ending, the clause has no reporting verb.
    static let reportingVerbReach = 6
    /// The fewest words a single-quoted passage of speech has: a one-word clause in marks is a title or
    /// a slogan (`'살아있다'라는 영화`) more often than speech.
    static let singleQuotedMinimumWords = 2
    /// The fewest words of an English quote in single marks: shorter quoted phrases are terms and nicknames
    /// (`‘Mini Mike,’`) as often as speech.
    static let englishSingleQuotedMinimumWords = 3
    /// The most words after an English single-quoted passage among which its reporting verb stands
    /// (`,’ said Dr. Sobhi Skaik`, `,’ the director of the hospital said` is past it).
    static let englishSingleQuoteVerbReach = 4
    /// The most scalars after an English single-quoted passage read for its attribution: the four words
    /// never need more, and a run of spaces or punctuation after each of many passages costs no more than this.
    static let englishAttributionScalars = 160
    /// Endings that make a clause a question, a command or a proposal, by the ending morpheme MeCab reads
    /// (`맞/VV 느냐/EC`, `입금/NNG 하/XSV 라/EC`, `하/VV 자/EC`): words addressed to someone, which a clause in
    /// single marks before `며` only is when it is speech. Declarative endings (`다`, `ᆫ다`, `겠다`) are not here.
    static let addressedEndings: Set<String> = [
        "냐", "느냐", "으냐", "까", "ㄹ까", "을까", "ㅂ니까", "습니까", "나요", "ㄹ까요", "을까요",
        "라", "으라", "아라", "어라", "거라", "세요", "으세요", "십시오", "으십시오", "자", "ㅂ시다", "읍시다",
    ]
    /// The most words read after `'…'는` for the noun of speech (`스트레스테스트 민간검증단의 지적`).
    static let speechNounReach = 4

    /// Verbs that quote a name, not words said (`'…'라고 부른다`, `'…'라고 불리는`, `일컫는`), by their lemma.
    static let namingVerbs: Set<String> = ["부르", "불리", "일컫", "일컬"]
    /// Nouns that make naming verbs with `하` (`명명하다`, `칭하다`).
    static let namingNouns: Set<String> = ["명명", "칭"]
    /// Nouns a quoted clause is the content of (`'…'는 글을 올려`, `'…'는 사법당국의 방침`): speech, writing,
    /// promises and stances. `점`, `사실`, `생각` (a point, a fact, a thought) are not among them: `'…부족하다'는
    /// 점` is the writer's paraphrase, not a source's words.
    static let speechNouns: Set<String> = [
        "말", "글", "내용", "의사", "약속", "방침", "지적", "주장", "입장", "발언", "메시지", "의견", "비판", "요구",
        "목소리", "답변", "설명", "경고", "당부", "문구", "글귀", "댓글", "게시글", "게시물", "해명", "질문", "호소",
        "공약", "다짐", "제안", "조언", "충고", "논평", "성명", "증언", "진술", "전언", "문자", "편지", "답",
    ]

    /// The single-quoted passages of `text` that are reported speech, outside the double-quoted `quotes`.
    func singleQuoted(in text: ScannedText, morphemes: [Morpheme], outside quotes: [Found]) -> [Found] {
        let s = text.scalars
        var found: [Found] = []
        var inside = 0
        var i = 0
        while i < s.count {
            guard s[i] == "'" || s[i] == "\u{2018}" else {
                i += 1
                continue
            }
            while inside < quotes.count, quotes[inside].close < i { inside += 1 }
            if inside < quotes.count, quotes[inside].open < i {
                i = quotes[inside].close + 1
                continue
            }
            var j = i + 1
            while j < s.count, j - i <= Self.singleQuoteReach, s[j] != "\"", s[j] != "\u{201C}" {
                // An apostrophe between Latin letters (`isn’t`, `O'Neill`) closes nothing.
                if s[j] == "'" || s[j] == "\u{2019}",
                    !(j + 1 < s.count && text.classes[j - 1] == .latin && text.classes[j + 1] == .latin)
                {
                    break
                }
                j += 1
            }
            guard j < s.count, j - i <= Self.singleQuoteReach, s[j] == "'" || s[j] == "\u{2019}" else {
                i = j
                continue
            }
            if var quote = reportedSpeech(in: text, open: i, close: j, morphemes: morphemes)
                ?? englishReportedSpeech(in: text, open: i, close: j)
            {
                var end = j
                while end > i + 1, s[end - 1] == "," || s[end - 1] == " " { end -= 1 }
                quote.text = text.string(i + 1, end)
                quote.isSingleQuoted = true
                found.append(quote)
                i = j + 1
            } else {
                // The closing mark may open the next passage (`'A' 'B'라고`).
                i = j
            }
        }
        return found
    }

    /// The passage `open...close` as a quote when it is a clause followed by a reporting construction.
    private func reportedSpeech(in text: ScannedText, open: Int, close: Int, morphemes: [Morpheme]) -> Found? {
        let s = text.scalars
        guard close > open + 1, close + 1 < s.count, text.classes[close + 1] == .hangul,
            text.classes[open + 1] != .space, text.classes[close - 1] != .space
        else { return nil }
        var words = 0
        for k in (open + 1)..<close where text.isWordStart(k) { words += 1 }
        guard words >= Self.singleQuotedMinimumWords else { return nil }
        var m = Self.firstMorpheme(morphemes, startingAtOrAfter: open + 1)
        let first = m
        var hasPredicate = false
        while m < morphemes.count, morphemes[m].end <= close {
            if Self.isPredicate(morphemes[m].tag) { hasPredicate = true }
            m += 1
        }
        // A final or connective ending (`EF`, `EC`) closes a clause; a nominalized one (`'…물 붓기'`, `ETN`) is a
        // noun phrase.
        guard hasPredicate, m > first, ["EF", "EC"].contains(Self.lastTag(morphemes[m - 1].tag)) else { return nil }
        let addressed = Self.isAddressed(morphemes[m - 1])
        // The morpheme right after the closing mark (MeCab reads the mark as a symbol of its own).
        if m < morphemes.count, morphemes[m].start == close { m += 1 }
        guard m < morphemes.count, morphemes[m].start == close + 1 else { return nil }
        let after = morphemes[m]
        var quote = Found(open: open, close: close, text: "")
        if after.tag == "JKQ" { return hasReportingVerb(morphemes, after: m) ? quote : nil }
        if after.tag == "EC", after.surface == "며" || after.surface == "면서" { return addressed ? quote : nil }
        if after.tag == "VCP+EC", after.surface.hasSuffix("라며") || after.surface.hasSuffix("라면서") {
            return addressed ? quote : nil
        }
        let modifier = after.tag == "JX" || after.tag == "ETM" || after.tag == "VCP+ETM"
        guard modifier, after.surface == "는" || after.surface.hasSuffix("라는"), after.end == text.wordEnd[close + 1],
            let source = speechNounPhrase(in: text, from: after.end)
        else { return nil }
        quote.source = source.isEmpty ? nil : source
        return quote
    }

    /// The passage `open...close` as an English quote in single marks (`‘We ran out of fuel,’ he said`): three
    /// words or more in Latin script, opened at a word start, closed after the comma, question or exclamation
    /// mark that English puts before an attribution, and followed by a reporting verb within
    /// `englishSingleQuoteVerbReach` words of its sentence. A term (`the ‘quiet quitting’ trend`) or a title
    /// has no such comma and verb.
    private func englishReportedSpeech(in text: ScannedText, open: Int, close: Int) -> Found? {
        let s = text.scalars
        guard close > open + 1, close + 1 < s.count, text.classes[close + 1] == .space,
            open == 0 || text.classes[open - 1] == .space || s[open - 1] == "(" || s[open - 1] == ":",
            ",?!".unicodeScalars.contains(s[close - 1])
        else { return nil }
        var words = 0
        for k in (open + 1)..<close {
            if text.classes[k] == .hangul { return nil }
            if text.isWordStart(k), text.classes[k] == .latin { words += 1 }
        }
        guard words >= Self.englishSingleQuotedMinimumWords else { return nil }
        let reach = min(text.count, close + 1 + Self.englishAttributionScalars)
        let after = englishWords(in: text, from: close + 1, to: reach, limit: Self.englishSingleQuoteVerbReach)
        for word in after {
            if Self.reportingVerbs.contains(text.string(word.start, word.end)) {
                return Found(open: open, close: close, text: "")
            }
            if word.endsSentence { break }
        }
        return nil
    }

    /// Whether a verb that is not a naming verb follows the quotative particle at `particle` within the
    /// clause.
    private func hasReportingVerb(_ morphemes: [Morpheme], after particle: Int) -> Bool {
        var k = particle + 1
        while k < morphemes.count, k - particle <= Self.reportingVerbReach {
            let morpheme = morphemes[k]
            let tag = morpheme.leadingTag
            if tag.hasPrefix("S") || tag.hasPrefix("E") { return false }
            if tag == "VV" {
                return !Self.namingVerbs.contains(morpheme.expressionParts.first?.surface ?? morpheme.surface)
            }
            if tag == "XSV" { return k == particle + 1 || !Self.namingNouns.contains(morphemes[k - 1].surface) }
            k += 1
        }
        return false
    }

    /// After `'…'는 `: a noun of speech as the next word (an empty range: no source printed), or a
    /// genitive phrase and then such a noun (`스트레스테스트 민간검증단의 지적`: the range of the phrase before
    /// `의`). Nil when no noun of speech follows.
    private func speechNounPhrase(in text: ScannedText, from end: Int) -> Range<Int>? {
        let s = text.scalars
        var i = end
        var first: Int?
        var owner: Int?
        var words = 0
        // Single-spaced words: particle-free nouns, at most one genitive, then the noun of speech.
        while words < Self.speechNounReach, i + 1 < s.count, s[i] == " ", text.isWordStart(i + 1) {
            let word = i + 1
            let wordEnd = text.wordEnd[word]
            let stemEnd = lexicon.stemEnd(text, start: word, end: wordEnd)
            if Self.speechNouns.contains(text.string(word, stemEnd)) {
                guard let first else { return word..<word }
                guard let owner else { return nil }
                return first..<owner
            }
            if owner != nil { return nil }
            if first == nil { first = word }
            if s[wordEnd - 1] == "의", wordEnd - word >= 2 {
                owner = wordEnd - 1
            } else if stemEnd != wordEnd {
                return nil
            }
            words += 1
            i = wordEnd
        }
        return nil
    }

    private static func isPredicate(_ tag: String) -> Bool {
        tag.split(separator: "+").contains { ["VV", "VA", "VX", "VCP", "VCN", "XSV", "XSA"].contains($0) }
    }

    /// Whether the ending that closes a passage (a morpheme of its own, or the last part of a merged
    /// `XSV+EC`-like one) asks, commands or proposes.
    private static func isAddressed(_ ending: Morpheme) -> Bool {
        let surface = ending.tag.contains("+") ? ending.expressionParts.last?.surface ?? ending.surface : ending.surface
        return addressedEndings.contains(surface)
    }

    private static func lastTag(_ tag: String) -> Substring {
        tag.split(separator: "+").last ?? tag[...]
    }

    /// The first morpheme that starts at or after `offset` (morphemes are in text order).
    static func firstMorpheme(_ morphemes: [Morpheme], startingAtOrAfter offset: Int) -> Int {
        var low = 0, high = morphemes.count
        while low < high {
            let middle = (low + high) / 2
            if morphemes[middle].start >= offset { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
