/// Speakers of quotes in English text, by the attribution patterns of English news writing.
///
/// After the quote: `"…," said Leigh Sears`, `"…," Zabaleta said`, `"…," Dr. Sobhi Skaik, the director …,
/// said`, `"…," she said`, `"…," said one person`. Before it, in its sentence: `Begala said the mayor will
/// need "…"`, `Cuomo said he took "solace"`. A quote with no attribution in its sentence (`Mr. Barrios said.
/// "…"`) is the last person the paragraph named before it. A pronoun (`he said`) is the last person the
/// paragraph named before the quote, else the previous quote's speaker, else the last person named.
extension QuoteExtractor {
    /// Verbs that attribute speech or writing.
    static let reportingVerbs: Set<String> = [
        "said", "says", "say", "told", "tells", "added", "adds", "asked", "asks", "explained", "explains", "declared",
        "wrote", "writes", "noted", "notes", "continued", "recalled", "stated", "argued", "argues", "insisted",
        "replied", "responded", "warned", "warns", "admitted", "acknowledged", "cautioned", "concluded", "remarked",
        "estimated", "indicated", "pledged", "urged", "claimed", "claims", "announced", "testified", "sighed",
        "suggested", "recounted", "went",
    ]
    /// Titles written as abbreviations before a name; their point does not end a sentence.
    static let titleAbbreviations: Set<String> = [
        "Dr", "Mr", "Mrs", "Ms", "Mx", "Sen", "Rep", "Gov", "Prof", "Gen", "Lt", "Sgt", "Capt", "Col", "Rev", "St",
        "Hon", "Supt", "Det", "Cpl", "Adm", "Maj", "Jr", "Sr",
    ]
    /// Lowercase words inside personal names (`Laurence des Cars`, `Bill de Blasio`, `Ludwig van Beethoven`).
    static let nameParticles: Set<String> = ["de", "des", "du", "da", "di", "del", "della", "van", "von", "der", "den",
        "al", "el", "bin", "ibn", "le", "la"]
    static let englishPronouns: Set<String> = ["he", "she", "they", "He", "She", "They"]
    /// Words that open an unnamed source after a reporting verb (`said one person`, `said a dispatcher`).
    static let unnamedOpeners: Set<String> = ["a", "an", "one", "another", "someone", "somebody", "the"]
    /// Words that end an unnamed source's phrase (`a dispatcher on …`, `someone at the meeting`).
    static let phraseEnders: Set<String> = ["on", "in", "at", "of", "during", "from", "for", "with", "who", "which",
        "that", "to", "and", "but", "when", "while", "after", "before", "about"]
    /// The farthest an attribution is looked for after a quote, in words.
    static let attributionReach = 40
    /// A name of more words than this carries titles before it (`Miami-Dade Police Detective Alvaro Zabaleta`);
    /// its last two words are the name.
    static let longestName = 3

    /// A word of English text: its range and whether a sentence ends right after it.
    struct EnglishWord {
        var start: Int
        var end: Int
        var endsSentence: Bool
        var endsWithComma: Bool
    }

    /// The speaker of the quote at `quote` in `text`, or nil when no English attribution is found.
    func englishSpeaker(
        in text: ScannedText, quote: (open: Int, close: Int), sentenceStart: Int, mentions: ParagraphMentions,
        lastSpeaker: String?, lastPerson: String?
    ) -> String? {
        func pronoun() -> String? {
            mentions.lastPerson(endingBy: quote.open)?.canonical ?? lastSpeaker ?? lastPerson
        }
        let after = englishWords(in: text, from: quote.close + 1, limit: Self.attributionReach)
        let before = englishWords(in: text, from: sentenceStart, to: quote.open)
        // Only English sentences: a Korean sentence's speaker is its subject, found by the Korean rules.
        let around = before + after
        guard around.contains(where: { text.classes[$0.start] == .latin }),
            !around.contains(where: { text.classes[$0.start] == .hangul })
        else { return nil }
        // `asked last week "…"`, `said, "…"`: a verb just before the quote introduces it.
        if let verb = before.lastIndex(where: { Self.reportingVerbs.contains(word(text, $0)) }), before.count - verb <= 3,
            let found = attribution(before: before, in: text, pronoun: pronoun)
        {
            return found
        }
        if let found = attribution(after: after, in: text, pronoun: pronoun) { return found }
        if let found = attribution(before: before, in: text, pronoun: pronoun) { return found }
        // No attribution in the sentence: a quote in the paragraph of the person it just named.
        let attributed = after.first.map { !$0.endsSentence || Self.reportingVerbs.contains(word(text, $0)) } ?? false
        if !attributed, before.allSatisfy({ !Self.reportingVerbs.contains(word(text, $0)) }),
            let person = mentions.lastPerson(endingBy: quote.open)
        {
            return person.canonical
        }
        return nil
    }

    /// `said X`, `X said`, `X, apposition, said`, `he said`, `said one person` right after the quote.
    private func attribution(after words: [EnglishWord], in text: ScannedText, pronoun: () -> String?) -> String? {
        guard let first = words.first else { return nil }
        let firstWord = word(text, first)
        if Self.reportingVerbs.contains(firstWord), !first.endsSentence, words.count > 1 {
            return object(of: 0, in: words, text: text, pronoun: pronoun)
        }
        if Self.englishPronouns.contains(firstWord), words.count > 1, Self.reportingVerbs.contains(word(text, words[1])) {
            return pronoun()
        }
        // `Zabaleta said`, `Dr. Sobhi Skaik, the director …, said`: a name, then the verb in the same sentence.
        let chain = nameChain(words, in: text)
        if chain > 0 {
            for (k, w) in words[chain...].enumerated() where Self.reportingVerbs.contains(word(text, w)) {
                if k == 0 || words[chain - 1].endsWithComma { return name(Array(words[..<chain]), in: text) }
                break
            }
        }
        // `"…" if you have blackouts, Mr. Powers said.`, `"…" in Iowa, said Pat Rynard`: the attribution closes
        // the sentence after a comma.
        guard let verb = words.firstIndex(where: { Self.reportingVerbs.contains(word(text, $0)) }), verb > 0,
            words[verb - 1].endsWithComma || isNameWord(text, words[verb - 1])
        else { return nil }
        if words[verb - 1].endsWithComma, !words[verb].endsSentence, verb + 1 < words.count {
            return object(of: verb, in: words, text: text, pronoun: pronoun)
        }
        return attribution(before: Array(words[...verb]), in: text, pronoun: pronoun)
    }

    /// Who follows the reporting verb at `verb`: `said Leigh Sears`, `said lead author Josh Leipheimer`, `said
    /// a skeptical Robert Wolfarth`, `said one person`, `said he`.
    private func object(of verb: Int, in words: [EnglishWord], text: ScannedText, pronoun: () -> String?) -> String? {
        let rest = Array(words[(verb + 1)...])
        guard let next = rest.first else { return nil }
        if Self.englishPronouns.contains(word(text, next)) { return pronoun() }
        // A name after at most three describing words (`lead author`, `a skeptical`); a capitalized word
        // followed by a common noun is a modifier (`one GOP operative`), not a name.
        for k in 0..<min(4, rest.count) {
            if isNameWord(text, rest[k]), !Self.unnamedOpeners.contains(word(text, rest[k]).lowercased()) {
                let chain = nameChain(Array(rest[k...]), in: text)
                let after = k + chain
                let last = rest[after - 1]
                if after == rest.count || last.endsWithComma || last.endsSentence
                    || Self.phraseEnders.contains(word(text, rest[after]))
                {
                    return name(Array(rest[k...]), in: text)
                }
                break
            }
            let string = word(text, rest[k])
            if Self.phraseEnders.contains(string) || rest[k].endsWithComma || rest[k].endsSentence { break }
        }
        if Self.unnamedOpeners.contains(word(text, next)) { return unnamedSource(rest, in: text) }
        return nil
    }

    /// `Begala said the former mayor will need "…"`: the subject of the last reporting verb before the quote.
    private func attribution(before words: [EnglishWord], in text: ScannedText, pronoun: () -> String?) -> String? {
        guard let verb = words.lastIndex(where: { Self.reportingVerbs.contains(word(text, $0)) }), verb > 0 else {
            return nil
        }
        var end = verb
        // `quickly accused`: one adverb between the subject and its verb.
        if word(text, words[end - 1]).hasSuffix("ly"), end > 1 { end -= 1 }
        let subject = word(text, words[end - 1])
        if Self.englishPronouns.contains(subject) { return pronoun() }
        // `Dr Anthony Fauci, a key member of the task force, told …`: the name that opens the sentence.
        if words[end - 1].endsWithComma {
            let chain = nameChain(words, in: text)
            guard chain > 0, chain < end, words[chain - 1].endsWithComma else { return nil }
            return name(Array(words[..<chain]), in: text)
        }
        var start = end
        while start > 0, isNameWord(text, words[start - 1]) || isParticleBetweenNames(text, words, start - 1) {
            if words[start - 1].endsSentence || words[start - 1].endsWithComma, start < end { break }
            start -= 1
        }
        guard start < end else { return nil }
        return name(Array(words[start..<end]), in: text)
    }

    /// `one person`, `a dispatcher`, `one GOP operative`: the unnamed source up to a preposition or a comma.
    private func unnamedSource(_ words: [EnglishWord], in text: ScannedText) -> String? {
        var phrase: [String] = []
        for w in words.prefix(5) {
            let string = word(text, w)
            if !phrase.isEmpty, Self.phraseEnders.contains(string) { break }
            phrase.append(string)
            if w.endsSentence || w.endsWithComma { break }
        }
        guard phrase.count >= 1 else { return nil }
        return phrase.joined(separator: " ")
    }

    /// The capitalized name at the start of `words`, without title abbreviations, resolved to the article's
    /// person of that name when there is one.
    private func name(_ words: [EnglishWord], in text: ScannedText) -> String? {
        var chain = Array(words.prefix(nameChain(words, in: text)))
        while let first = chain.first, Self.titleAbbreviations.contains(word(text, first)) { chain.removeFirst() }
        guard !chain.isEmpty else { return nil }
        var capitalized = chain.indices.filter { isNameWord(text, chain[$0]) }
        if capitalized.count > Self.longestName {
            capitalized = Array(capitalized.suffix(2))
            chain = Array(chain[capitalized[0]...])
        }
        let string = text.string(chain.first!.start, chain.last!.end)
        // `Governor Andrew Cuomo`: the article's person named by the longest tail of the chain.
        for k in chain.indices {
            if let person = personByWordSuffix[text.string(chain[k].start, chain.last!.end)] { return person }
        }
        return string
    }

    /// How many words at the start of `words` form a name: capitalized words, title abbreviations and
    /// name particles between capitalized words, ending at the first comma or sentence end.
    private func nameChain(_ words: [EnglishWord], in text: ScannedText) -> Int {
        var count = 0
        while count < words.count {
            let w = words[count]
            guard isNameWord(text, w) || isParticleBetweenNames(text, words, count) else { break }
            count += 1
            if (w.endsWithComma || w.endsSentence) && !Self.titleAbbreviations.contains(word(text, w)) { break }
        }
        return count
    }

    private func isNameWord(_ text: ScannedText, _ w: EnglishWord) -> Bool {
        text.classes[w.start] == .latin && text.scalars[w.start].properties.isUppercase
            && !Self.englishPronouns.contains(word(text, w)) && !Self.reportingVerbs.contains(word(text, w).lowercased())
    }

    private func isParticleBetweenNames(_ text: ScannedText, _ words: [EnglishWord], _ k: Int) -> Bool {
        k > 0 && k + 1 < words.count && Self.nameParticles.contains(word(text, words[k]))
            && isNameWord(text, words[k - 1]) && isNameWord(text, words[k + 1])
    }

    func word(_ text: ScannedText, _ w: EnglishWord) -> String { text.string(w.start, w.end) }

    /// The words from `start`, up to `end` or `limit` words, stopping after a sentence end and at a quote
    /// mark. A hyphen or apostrophe inside a word joins it (`Soo-jin`, `Al-Hams`, `O'Neil`).
    func englishWords(in text: ScannedText, from start: Int, to end: Int? = nil, limit: Int = .max) -> [EnglishWord] {
        let s = text.scalars
        let stop = min(end ?? text.count, text.count)
        var words: [EnglishWord] = []
        var i = max(start, 0)
        while i < stop, words.count < limit {
            if s[i] == "\"" || s[i] == "\u{201C}" || s[i] == "\u{201D}" { break }
            guard text.isWordStart(i) else {
                i += 1
                continue
            }
            var wordEnd = text.wordEnd[i]
            while wordEnd + 1 < stop, s[wordEnd] == "-" || s[wordEnd] == "'" || s[wordEnd] == "\u{2019}",
                text.classes[wordEnd + 1].isWordPart
            {
                wordEnd = text.wordEnd[wordEnd + 1]
            }
            var k = wordEnd
            var endsSentence = false, endsWithComma = false
            while k < stop, ScalarClass(s[k]) != .space, !text.classes[k].isWordPart,
                s[k] != "\"", s[k] != "\u{201C}", s[k] != "\u{201D}"
            {
                if s[k] == "," { endsWithComma = true }
                if s[k] == "." || s[k] == "?" || s[k] == "!" { endsSentence = true }
                k += 1
            }
            if endsSentence, s[wordEnd] == ".", Self.isAbbreviation(s, pointAt: wordEnd) { endsSentence = false }
            words.append(EnglishWord(start: i, end: wordEnd, endsSentence: endsSentence, endsWithComma: endsWithComma))
            if endsSentence { break }
            i = k
        }
        return words
    }

    /// Whether the `.` at `point` closes an abbreviation (`Dr.`, `Mr.`) or an initial (`J.`), not a sentence.
    static func isAbbreviation(_ s: [Unicode.Scalar], pointAt point: Int) -> Bool {
        var start = point
        while start > 0, s[start - 1].properties.isAlphabetic, s[start - 1].isASCII { start -= 1 }
        guard start < point else { return false }
        if point - start == 1, s[start].properties.isUppercase { return true }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: s[start..<point])
        return titleAbbreviations.contains(String(view))
    }
}
