import Foundation
import Morphology

/// Turns text into the tokens of the search index, the same way for articles and for queries, in the
/// manner of Elasticsearch's nori analyzer (built from the same mecab-ko-dic).
///
/// Text is folded first: NFKC (full-width `ｔｏｋｙｏ` and `１５일` become `tokyo`, `15일`) and lowercase.
/// Then MeCab splits it into morphemes and keeps those that carry meaning, by part of speech: nouns,
/// verb and adjective stems (`만났다` → `만나`), adverbs, Latin, numbers and their units; particles,
/// endings, affixes and punctuation are dropped. Hanja the dictionary reads becomes its reading
/// (`金` → `김`). An article also gets, after each word's morphemes, the parts of its compound nouns
/// (`경기도` → `경기`, `도`: decompounding, nori's "mixed" mode) and the word as written when that differs
/// (`손정의` in `손정의 회장`, which MeCab reads as `손정` + `의` in context). A query keeps compounds whole,
/// so `경기도` does not match an article that only has `경기`, and `손정의` is not `손정민`.
///
/// A separate recall field (`gramsText`) keeps the old character bigrams of every Hangul, Han and Kana
/// run, for words the dictionary splits differently in the article and in the query.
///
/// Tokens never hold ASCII punctuation or whitespace, which is why they can be stored space-separated in
/// FTS5 columns under the `ascii` tokenizer and quoted in a MATCH expression without escaping user text.
public struct TextAnalyzer: Sendable {
    /// The analyzer's output depends on this; an index written by another version must be rebuilt.
    public static let version = 2

    /// Longer Latin or digit runs (a URL slug, an encoded blob) are cut here, in articles and queries alike.
    static let maximumTokenLength = 64

    let morphology: MorphemeAnalyzer

    public init(morphology: MorphemeAnalyzer) {
        self.morphology = morphology
    }

    /// Uses the process's shared analyzer. A service loads it at start-up from its settings
    /// (`MorphemeAnalyzer.shared(dictionary:)`) and refuses to start when the dictionary is missing,
    /// so this only fails in a process that never did: then it stops with the reason.
    public init() {
        do {
            self.init(morphology: try MorphemeAnalyzer.shared())
        } catch {
            fatalError("the search analyzer needs mecab-ko-dic: \(error)")
        }
    }

    /// The tokens of an article field, space-separated, as stored in an FTS5 column.
    public func indexText(_ text: String) -> String {
        var output: [UInt8] = []
        output.reserveCapacity(text.utf8.count * 2)
        forEachWord(in: Self.fold(text)) { word in
            var tokens: [String] = []
            var extra: [String] = []
            for m in word.morphemes {
                tokens += Self.tokens(of: m)
                for part in m.compoundParts where Self.keeps(Substring(part.tag)) && part.surface != m.surface {
                    extra.append(part.surface)
                }
            }
            let written = Self.sanitized(word.surface)
            if tokens.count != 1 || tokens.first != word.surface, written.count == 1, !tokens.contains(written[0]) {
                extra += written
            }
            for token in tokens + extra { append(token, to: &output) }
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

    /// The terms of a user query: one per word, each a phrase of its morpheme tokens, in order, without
    /// repeats. At most `limit` terms are kept, so a huge query costs no more than a long one.
    public func queryTerms(_ text: String, limit: Int = 32) -> [QueryTerm] {
        var terms: [QueryTerm] = []
        forEachQueryWord(in: Self.fold(text), stopWhen: { terms.count >= limit }) { word in
            let tokens = Array(word.morphemes.flatMap(Self.tokens(of:)).prefix(Self.maximumTokensPerTerm))
            guard !tokens.isEmpty else { return }
            // A lone syllable also matches the words that start with it (`북` in `북한`).
            let prefix = word.surface.unicodeScalars.count == 1 && ScalarKind.of(word.surface.unicodeScalars.first!) == .cjk
            let grams = Array(Self.grams(of: tokens.joined()).prefix(Self.maximumTokensPerTerm))
            // Highlighting looks for the word as typed and for its stem.
            let stem = word.morphemes.filter { !PartOfSpeech.isFunction($0.leadingTag) }.map(\.surface).joined()
            let surfaces = Set([word.surface, stem].filter { !$0.isEmpty }).sorted()
            if let same = terms.firstIndex(where: { $0.tokens == tokens && $0.matchesPrefix == prefix }) {
                guard terms[same].surfaces.count < Self.maximumSurfaces else { return }
                terms[same].surfaces = Array(Set(terms[same].surfaces + surfaces)).sorted()
            } else if terms.count < limit {
                terms.append(QueryTerm(tokens: tokens, matchesPrefix: prefix, surfaces: surfaces, grams: grams))
            }
        }
        return terms
    }

    /// The whole FTS5 MATCH expression of a query: every term, each found by its morphemes or, failing
    /// that, by its bigrams in the recall column (`QueryTerm.recallExpression`).
    public func matchExpression(_ terms: [QueryTerm]) -> String {
        terms.map(\.matchOrRecallExpression).joined(separator: " AND ")
    }

    /// The recall column of an article field: character bigrams of Hangul, Han and Kana runs (a lone
    /// syllable stays a unigram), and each other letter or digit run as one token.
    public func gramsText(_ text: String) -> String {
        Self.grams(of: Self.fold(text)).joined(separator: " ")
    }

    // MARK: Folding and tokens

    /// NFKC and lowercase: `ｔｏｋｙｏ` → `tokyo`, `１５일` → `15일`, `OpenAI` → `openai`.
    static func fold(_ text: String) -> String {
        let nfc = NFC.normalize(text)
        guard nfc.unicodeScalars.contains(where: hasCompatibilityForm) else { return nfc.lowercased() }
        // One at a time (`NFC.foundationLock`); only needed for the rare text with full-width, circled
        // or compatibility characters.
        let mapped = NFC.foundationLock.withLock { NFC.streamSafe(nfc).precomposedStringWithCompatibilityMapping }
        return mapped.lowercased()
    }

    /// Blocks with characters NFKC changes: Latin-1 (`²`, no-break space), letterlike and enclosed
    /// symbols and CJK compatibility (`①`, `㎞`), and compatibility ideographs and full- and half-width
    /// forms (`ｔｏｋｙｏ`, `１５`).
    private static func hasCompatibilityForm(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0xA0...0xFF, 0x2000...0x33FF, 0xF900...0xFAFF, 0xFB00...0xFB4F, 0xFE30...0xFFEF: return true
        default: return false
        }
    }

    /// The tags whose morphemes are index tokens: the content tags plus units (`일` of `15일`).
    static func keeps(_ tag: Substring) -> Bool {
        PartOfSpeech.isContent(tag) || tag == "NNBC"
    }

    /// What one morpheme contributes: its stem, its reading for Hanja, nothing for a particle or ending.
    static func tokens(of m: Morpheme) -> [String] {
        guard keeps(m.leadingTag) || (m.isUnknown && !m.tag.hasPrefix("S")) else { return [] }
        var surface = m.surface
        if m.tag.contains("+"), let first = m.expressionParts.first, keeps(Substring(first.tag)) {
            surface = first.surface  // `만났` → `만나`
        }
        if surface.unicodeScalars.contains(where: { (0x4E00...0x9FFF).contains($0.value) || (0xF900...0xFAFF).contains($0.value) }),
            let reading = m.reading, reading.unicodeScalars.allSatisfy({ (0xAC00...0xD7A3).contains($0.value) })
        {
            surface = reading  // `金` → `김`
        }
        return sanitized(surface)
    }

    /// Splits a surface at anything that is no letter, digit or mark, and cuts over-long runs.
    static func sanitized(_ surface: String) -> [String] {
        var result: [String] = []
        var run: [Unicode.Scalar] = []
        for scalar in surface.unicodeScalars {
            if ScalarKind.of(scalar) == .separator {
                if !run.isEmpty { result.append(cut(run)) }
                run.removeAll(keepingCapacity: true)
            } else {
                run.append(scalar)
            }
        }
        if !run.isEmpty { result.append(cut(run)) }
        return result
    }

    private static func cut(_ run: [Unicode.Scalar]) -> String {
        String(String.UnicodeScalarView(run.prefix(maximumTokenLength)))
    }

    /// Character bigrams of the CJK runs of `text` (a lone scalar stays a unigram), other runs whole.
    static func grams(of text: String) -> [String] {
        var result: [String] = []
        var run: [Unicode.Scalar] = []
        var kind = ScalarKind.separator
        func flush() {
            if kind == .cjk, run.count > 1 {
                for i in 0..<(run.count - 1) { result.append(String(String.UnicodeScalarView(run[i...(i + 1)]))) }
            } else if !run.isEmpty {
                result.append(cut(run))
            }
            run.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let k = ScalarKind.of(scalar)
            if k != kind { flush() }
            kind = k
            if k != .separator { run.append(scalar) }
        }
        flush()
        return result
    }

    // MARK: Words

    /// One whitespace-separated word of folded text with its morphemes.
    struct Word {
        var surface: String
        var morphemes: [Morpheme]
    }

    /// Analyzes `text` once and calls `body` with each word (a run without whitespace) and its morphemes.
    func forEachWord(in text: String, _ body: (Word) -> Void) {
        let morphemes = morphology.analyze(text)
        let bytes = Array(text.utf8)
        var k = 0
        var start = 0
        while start < bytes.count {
            guard !Self.isSpace(bytes[start]) else {
                start += 1
                continue
            }
            var end = start
            while end < bytes.count, !Self.isSpace(bytes[end]) { end += 1 }
            while k < morphemes.count, morphemes[k].utf8End <= start { k += 1 }
            var j = k
            while j < morphemes.count, morphemes[j].utf8Start < end { j += 1 }
            body(Word(surface: String(decoding: bytes[start..<end], as: UTF8.self), morphemes: Array(morphemes[k..<j])))
            k = j
            start = end
        }
    }

    /// Query words are split like the recall field, at every scalar that is no letter, digit or mark
    /// (`<b>mark</b>` is `b`, `mark`, `b`), and each is analyzed on its own; a query is short.
    private func forEachQueryWord(in text: String, stopWhen done: () -> Bool, _ body: (Word) -> Void) {
        var run: [Unicode.Scalar] = []
        func flush() {
            guard !run.isEmpty else { return }
            let surface = String(String.UnicodeScalarView(run))
            run.removeAll(keepingCapacity: true)
            body(Word(surface: surface, morphemes: morphology.analyze(surface)))
        }
        for scalar in text.unicodeScalars {
            if ScalarKind.of(scalar) == .separator {
                flush()
                if done() { return }
            } else {
                run.append(scalar)
            }
        }
        flush()
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || (0x09...0x0D).contains(byte)
    }

    private func append(_ token: String, to output: inout [UInt8]) {
        guard !token.isEmpty else { return }
        if !output.isEmpty { output.append(0x20) }
        output.append(contentsOf: token.utf8)
    }
}
