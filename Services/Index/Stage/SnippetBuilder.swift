/// Cuts the passage of an article that best shows why it matched, and marks the matching words.
///
/// It works on the original text, so the snippet shows what the paper printed; matching compares
/// folded scalars one to one with the original, so positions never drift.
struct SnippetBuilder {
    /// The passage length in unicode scalars.
    var width = 160
    /// How much text to keep before the first match.
    var lead = 40

    /// Scalars of an article a snippet is looked for in: the first part of an enormous article is
    /// enough to show why it matched, and cutting a passage from the whole of every hit of every search
    /// would make search time grow with the longest articles rather than with the passage.
    static let maximumScannedScalars = 100_000

    func snippet(of text: String, terms: [QueryTerm]) -> Snippet {
        let source = text.unicodeScalars.count > Self.maximumScannedScalars
            ? String(String.UnicodeScalarView(text.unicodeScalars.prefix(Self.maximumScannedScalars))) : text
        let scalars = Array(NFC.normalize(source).unicodeScalars)
        let folded = scalars.map(ScalarKind.fold)
        let matches = findMatches(in: folded, terms: terms)
        let start = snapStart(windowStart(matches: matches, count: scalars.count), in: scalars, matches: matches)
        var end = min(scalars.count, start + width)
        end = snapEnd(end, in: scalars)

        var parts: [Snippet.Part] = []
        if start > 0 {
            parts.append(.init(text: "…", isMatch: false))
        }
        var cursor = start
        for match in matches where match.upperBound > start && match.lowerBound < end {
            let lower = max(match.lowerBound, cursor)
            let upper = min(match.upperBound, end)
            guard lower < upper else { continue }
            if cursor < lower {
                parts.append(.init(text: string(scalars[cursor..<lower]), isMatch: false))
            }
            parts.append(.init(text: string(scalars[lower..<upper]), isMatch: true))
            cursor = upper
        }
        if cursor < end {
            parts.append(.init(text: string(scalars[cursor..<end]), isMatch: false))
        }
        if end < scalars.count {
            parts.append(.init(text: "…", isMatch: false))
        }
        return Snippet(parts: parts)
    }

    /// The passage of the first text that holds a match, or of the first text when none does.
    func snippet(ofFirstMatchIn texts: [String], terms: [QueryTerm]) -> Snippet {
        for text in texts {
            let snippet = snippet(of: text, terms: terms)
            if snippet.parts.contains(where: \.isMatch) {
                return snippet
            }
        }
        return snippet(of: texts.first ?? "", terms: terms)
    }

    /// A short text (a title) whole, with the matches marked: a title is shown in full, never cut.
    func marked(_ text: String, terms: [QueryTerm]) -> Snippet {
        var whole = self
        whole.width = max(1, min(text.unicodeScalars.count, Self.maximumScannedScalars))
        whole.lead = 0
        return whole.snippet(of: text, terms: terms)
    }

    /// Every occurrence of a term's surface, sorted and merged where they overlap.
    ///
    /// Each surface is found with Knuth–Morris–Pratt, so a long query word over a text that repeats its
    /// first letters (`가가가…`) costs the text's length, not the text's length times the word's.
    func findMatches(in folded: [Unicode.Scalar], terms: [QueryTerm]) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for surface in Set(terms.flatMap(\.surfaces)) {
            let needle = Array(surface.unicodeScalars)
            guard let first = needle.first, needle.count <= folded.count else { continue }
            let needsLeftBoundary = ScalarKind.of(first) == .other
            let needsRightBoundary = ScalarKind.of(needle[needle.count - 1]) == .other
            Self.forEachOccurrence(of: needle, in: folded) { index in
                // Latin words match whole, as the index matches them: `ai` is not inside `said`.
                if needsLeftBoundary, index > 0, ScalarKind.of(folded[index - 1]) == .other { return }
                let after = index + needle.count
                if needsRightBoundary, after < folded.count, ScalarKind.of(folded[after]) == .other { return }
                ranges.append(index..<after)
            }
        }
        ranges.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for range in ranges {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// The start of the window holding the most matches, a little before its first one.
    private func windowStart(matches: [Range<Int>], count: Int) -> Int {
        guard !matches.isEmpty else { return 0 }
        var best = 0
        var bestCount = 0
        var upper = 0
        for lower in matches.indices {
            while upper < matches.count, matches[upper].upperBound <= matches[lower].lowerBound + width - lead {
                upper += 1
            }
            if upper - lower > bestCount {
                bestCount = upper - lower
                best = lower
            }
        }
        let start = max(0, matches[best].lowerBound - lead)
        // Keep the window full when the matches sit near the end of the text.
        return max(0, min(start, count - width))
    }

    /// Starts the passage at a word rather than inside one, when a space is near and no match is skipped.
    private func snapStart(_ start: Int, in scalars: [Unicode.Scalar], matches: [Range<Int>]) -> Int {
        guard start > 0 else { return start }
        let limit = min(start + 20, scalars.count, matches.first { $0.lowerBound >= start }?.lowerBound ?? .max)
        var index = start
        while index <= limit {
            if scalars[index - 1].properties.isWhitespace { return index }
            index += 1
        }
        return start
    }

    /// Ends the passage after a word rather than inside one, when a space is near.
    private func snapEnd(_ end: Int, in scalars: [Unicode.Scalar]) -> Int {
        guard end < scalars.count else { return end }
        var index = end
        while index > end - 20, index > 0 {
            if scalars[index].properties.isWhitespace { return index }
            index -= 1
        }
        return end
    }

    /// Calls `body` with the start of every occurrence of `needle` in `text`, overlapping ones included.
    static func forEachOccurrence(of needle: [Unicode.Scalar], in text: [Unicode.Scalar], _ body: (Int) -> Void) {
        // failure[i]: the length of the longest proper prefix of needle[0...i] that is also its suffix.
        var failure = [Int](repeating: 0, count: needle.count)
        var length = 0
        for i in needle.indices.dropFirst() {
            while length > 0, needle[i] != needle[length] { length = failure[length - 1] }
            if needle[i] == needle[length] { length += 1 }
            failure[i] = length
        }
        var matched = 0
        for (index, scalar) in text.enumerated() {
            while matched > 0, scalar != needle[matched] { matched = failure[matched - 1] }
            if scalar == needle[matched] { matched += 1 }
            if matched == needle.count {
                body(index + 1 - needle.count)
                matched = failure[matched - 1]
            }
        }
    }

    private func string(_ slice: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: slice)
        return String(view)
    }
}
