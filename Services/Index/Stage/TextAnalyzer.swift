/// Turns text into the tokens of the search index, the same way for articles and for queries.
///
/// Text is NFC-normalized and split into words of letters, digits and marks. A Korean particle (조사)
/// at the end of a word is stripped. Within a word, runs of Hangul, Han and Kana become character
/// bigrams (a lone syllable stays a unigram), so a two-syllable query such as `도쿄` matches inside
/// `도쿄에서` or `신도쿄역`; runs of Latin letters and digits become one case-folded token each.
///
/// Articles keep the bigrams of the whole run, particle included, so a wrong guess about a particle
/// never hides a document; queries use the stem, so `도쿄에` finds `도쿄의` too. Tokens never hold
/// ASCII punctuation or whitespace, which is why they can be stored space-separated in FTS5 columns
/// under the `ascii` tokenizer and quoted in a MATCH expression without any escaping of user text.
public struct TextAnalyzer: Sendable {
    /// The analyzer's output depends on this; an index written by another version must be rebuilt.
    public static let version = 1

    /// Longer Latin or digit runs (a URL slug, an encoded blob) are cut here, in articles and queries alike.
    static let maximumTokenLength = 64

    public init() {}

    /// The tokens of an article field, space-separated, as stored in an FTS5 column.
    public func indexText(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 2)
        forEachWord(in: text) { word in
            let stem = Particles.stemLength(of: word)
            forEachRun(in: word, stemLength: stem, extendLastCJKRun: true) { run, kind in
                emit(run, kind: kind, into: &output)
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// Spellings highlighted for one query term (`도쿄에`, `도쿄의`, … all give the term `도쿄`): a query that
    /// repeats one stem with thousands of endings would otherwise re-sort a growing list for every word.
    static let maximumSurfaces = 16

    /// Tokens of one query word's phrase: FTS5 checks a phrase at every position of its first token, so a
    /// 2,000-syllable word against an article that repeats its bigram would cost billions of steps. A
    /// word longer than this (no real Korean word is) is looked for by its first part.
    static let maximumTokensPerTerm = 32

    /// The terms of a user query: one per word, each a phrase of its tokens, in order, without repeats.
    ///
    /// At most `limit` terms are kept, so a huge query costs no more than a long one.
    public func queryTerms(_ text: String, limit: Int = 32) -> [QueryTerm] {
        var terms: [QueryTerm] = []
        forEachWord(in: text) { word in
            let stem = Particles.stemLength(of: word)
            var output: [UInt8] = []
            var lastRunIsSingleCJK = false
            forEachRun(in: word, stemLength: stem, extendLastCJKRun: false) { run, kind in
                emit(run, kind: kind, into: &output)
                lastRunIsSingleCJK = kind == .cjk && run.count == 1
            }
            let tokens = String(decoding: output, as: UTF8.self).split(separator: " ")
                .prefix(Self.maximumTokensPerTerm).map(String.init)
            guard !tokens.isEmpty else { return }
            // Highlighting looks for the word as typed and for its stem: `손정의` is a name, not `손정` + `의`.
            let surfaces = Set([word, Array(word[0..<stem])]).map { String(String.UnicodeScalarView($0)) }
            if let same = terms.firstIndex(where: { $0.tokens == tokens && $0.matchesPrefix == lastRunIsSingleCJK }) {
                guard terms[same].surfaces.count < Self.maximumSurfaces else { return }
                terms[same].surfaces = Array(Set(terms[same].surfaces + surfaces)).sorted()
            } else if terms.count < limit {
                terms.append(QueryTerm(tokens: tokens, matchesPrefix: lastRunIsSingleCJK, surfaces: surfaces.sorted()))
            }
        }
        return terms
    }

    // MARK: Words and runs

    /// Calls `body` with each word of `text`, folded, as unicode scalars.
    func forEachWord(in text: String, _ body: ([Unicode.Scalar]) -> Void) {
        var word: [Unicode.Scalar] = []
        word.reserveCapacity(32)
        for scalar in NFC.normalize(text).unicodeScalars {
            if ScalarKind.of(scalar) == .separator {
                if !word.isEmpty {
                    body(word)
                    word.removeAll(keepingCapacity: true)
                }
            } else {
                word.append(ScalarKind.fold(scalar))
            }
        }
        if !word.isEmpty {
            body(word)
        }
    }

    /// Splits the stem of a word into runs of one kind; the last CJK run may take the particle back.
    private func forEachRun(
        in word: [Unicode.Scalar], stemLength: Int, extendLastCJKRun: Bool,
        _ body: (ArraySlice<Unicode.Scalar>, ScalarKind) -> Void
    ) {
        var start = 0
        while start < stemLength {
            let kind = ScalarKind.of(word[start])
            var end = start + 1
            while end < stemLength, ScalarKind.of(word[end]) == kind {
                end += 1
            }
            let isLast = end == stemLength
            if isLast, extendLastCJKRun, kind == .cjk, stemLength < word.count {
                body(word[start..<word.count], kind)
            } else {
                body(word[start..<end], kind)
            }
            start = end
        }
    }

    /// Appends the tokens of one run: the run itself, or its character bigrams for CJK.
    private func emit(_ run: ArraySlice<Unicode.Scalar>, kind: ScalarKind, into output: inout [UInt8]) {
        if kind == .cjk, run.count > 1 {
            var index = run.startIndex
            while index + 1 < run.endIndex {
                appendSeparator(&output)
                append(run[index], to: &output)
                append(run[index + 1], to: &output)
                index += 1
            }
        } else {
            appendSeparator(&output)
            for scalar in run.prefix(Self.maximumTokenLength) {
                append(scalar, to: &output)
            }
        }
    }

    private func appendSeparator(_ output: inout [UInt8]) {
        if !output.isEmpty {
            output.append(0x20)
        }
    }

    private func append(_ scalar: Unicode.Scalar, to output: inout [UInt8]) {
        for byte in UTF8.encode(scalar)! {
            output.append(byte)
        }
    }
}
