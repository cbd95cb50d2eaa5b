/// The features the character tagger sees at each scalar, as 64-bit keys.
///
/// Every position gets exactly `templateCount` keys, so the keys of position `i` are
/// `keys[i * templateCount ..< (i + 1) * templateCount]`. Changing a template changes the keys,
/// so the model must be retrained (`newsline eval train`).
enum NERFeatures {
    static let templateCount = 42

    private static let before: UInt32 = 0x11_0000
    private static let after: UInt32 = 0x11_0001

    /// A feature key: three multiply-xor rounds, much cheaper than byte-wise FNV on this hot path.
    @inline(__always)
    private static func key(_ template: UInt32, _ a: UInt32, _ b: UInt32 = 0, _ c: UInt32 = 0) -> UInt64 {
        var h = (UInt64(template) &+ 1) &* 0x9e37_79b9_7f4a_7c15
        h = (h ^ UInt64(a)) &* 0xff51_afd7_ed55_8ccd
        h = (h ^ (h >> 29) ^ UInt64(b)) &* 0xc4ce_b9fe_1a85_ec53
        h = (h ^ (h >> 32) ^ UInt64(c)) &* 0x9e37_79b9_7f4a_7c15
        return h ^ (h >> 31)
    }

    static func extract(
        _ text: ScannedText, lexicon: Lexicon, matches: [Lexicon.Match], morphemes m: MorphemeTags
    ) -> [UInt64] {
        let n = text.count
        var keys = [UInt64](repeating: 0, count: n * templateCount)
        guard n > 0 else { return keys }

        var gazetteer = [UInt32](repeating: 0, count: n)
        for match in matches {
            let type = lexicon.entries[match.entry].type
            let base: UInt32 = type == .person ? 1 : (type == .organization ? 3 : 5)
            gazetteer[match.start] = base
            for i in (match.start + 1)..<match.end { gazetteer[i] = base + 1 }
        }

        // Word-level facts, computed once per word and shared by its scalars.
        var nextIsTitle = [Bool](repeating: false, count: n)
        var nextHead = [UInt32](repeating: after, count: n)
        var nextHead2 = [UInt32](repeating: after, count: n)
        var stemHash = [UInt32](repeating: 0, count: n)
        var stemEnds = [Int](repeating: 0, count: n)
        var prevTail = [UInt32](repeating: before, count: n)
        var nextStemHash = [UInt32](repeating: after, count: n)
        var prevStemHash = [UInt32](repeating: before, count: n)
        var lastStem: UInt32 = before
        var start = 0
        while start < n {
            let end = text.wordEnd[start]
            if text.classes[start].isWordPart {
                let stemEnd = m.stemEnd[start]
                let stem = UInt32(truncatingIfNeeded: StableHash.scalars(text.scalars[start..<stemEnd]))
                var isTitle = false
                var nextStemKey: UInt32 = after
                var head: UInt32 = after
                var head2: UInt32 = after
                if let next = text.nextWordStart(after: start) {
                    let nextEnd = text.wordEnd[next]
                    let nextStem = m.stemEnd[next]
                    isTitle = lexicon.isTitle(text.scalars[next..<nextStem])
                    nextStemKey = UInt32(truncatingIfNeeded: StableHash.scalars(text.scalars[next..<nextStem]))
                    head = text.scalars[next].value
                    head2 = nextEnd - next > 1 ? text.scalars[next + 1].value : after
                }
                var tail: UInt32 = before
                if let previous = text.previousWordStart(before: start) {
                    tail = text.scalars[text.wordEnd[previous] - 1].value
                }
                for k in start..<end {
                    nextIsTitle[k] = isTitle
                    nextHead[k] = head
                    nextHead2[k] = head2
                    stemHash[k] = stem
                    stemEnds[k] = stemEnd
                    prevTail[k] = tail
                    nextStemHash[k] = nextStemKey
                    prevStemHash[k] = lastStem
                }
                lastStem = stem
            }
            start = end
        }

        @inline(__always) func c(_ i: Int) -> UInt32 { i < 0 ? before : (i >= n ? after : text.scalars[i].value) }
        @inline(__always) func k(_ i: Int) -> UInt32 {
            i < 0 ? 100 : (i >= n ? 101 : UInt32(text.classes[i].rawValue))
        }

        for i in 0..<n {
            let base = i * templateCount
            let c0 = c(i), p1 = c(i - 1), p2 = c(i - 2), n1 = c(i + 1), n2 = c(i + 2)
            let fromStart = UInt32(min(i - text.wordStart[i], 4))
            let toEnd = UInt32(min(text.wordEnd[i] - i - 1, 4))
            let inStem: UInt32 = i < stemEnds[i] ? 1 : 0
            let toStemEnd = UInt32(max(min(stemEnds[i] - i - 1, 4), -1) + 1)
            let wordLength = UInt32(min(text.wordEnd[i] - text.wordStart[i], 8))
            let title: UInt32 = nextIsTitle[i] ? 1 : 0
            let g = gazetteer[i]
            keys[base + 0] = key(0, 0)
            keys[base + 1] = key(1, c0)
            keys[base + 2] = key(2, p1)
            keys[base + 3] = key(3, n1)
            keys[base + 4] = key(4, p2)
            keys[base + 5] = key(5, n2)
            keys[base + 6] = key(6, p1, c0)
            keys[base + 7] = key(7, c0, n1)
            keys[base + 8] = key(8, p2, p1)
            keys[base + 9] = key(9, n1, n2)
            keys[base + 10] = key(10, p1, c0, n1)
            keys[base + 11] = key(11, k(i - 1), k(i), k(i + 1))
            keys[base + 12] = key(12, fromStart, toEnd, inStem)
            keys[base + 13] = key(13, stemHash[i], fromStart)
            keys[base + 14] = key(14, nextHead[i], nextHead2[i], inStem)
            keys[base + 15] = key(15, title, toStemEnd, fromStart)
            keys[base + 16] = key(16, prevTail[i], fromStart)
            keys[base + 17] = key(17, g)
            keys[base + 18] = key(18, g, c0)
            keys[base + 19] = key(19, m.semantic[i], fromStart, wordLength)
            keys[base + 20] = key(20, c0, toStemEnd, inStem)
            keys[base + 21] = key(21, title, c0)
            keys[base + 22] = key(22, nextHead[i], c0)
            keys[base + 23] = key(23, wordLength, toStemEnd, k(i))
            // The analyzer's reading: part of speech, the dictionary's semantic class, neighbouring morphemes.
            keys[base + 24] = key(24, m.tag[i], m.position[i])
            keys[base + 25] = key(25, m.tag[i], m.position[i], c0)
            keys[base + 26] = key(26, m.semantic[i], m.position[i])
            keys[base + 27] = key(27, m.previousTag[i], m.tag[i], m.nextTag[i])
            keys[base + 28] = key(28, m.nextSurface[i], m.position[i])
            keys[base + 29] = key(29, m.surface[i], m.position[i])
            keys[base + 30] = key(30, m.previousSurface[i], m.position[i])
            keys[base + 31] = key(31, m.semantic[i], m.nextSurface[i])
            keys[base + 32] = key(32, m.tag[i], fromStart, m.nextTag[i])
            keys[base + 33] = key(33, m.surface[i], m.nextSurface[i], m.position[i])
            keys[base + 34] = key(34, m.previousSurface[i], m.surface[i], m.position[i])
            keys[base + 35] = key(35, m.surface[i], m.nextTag[i], m.position[i])
            keys[base + 36] = key(36, m.previousTag[i], m.surface[i], m.position[i])
            // The head of the word: how its stem ends (`위원회`, `구단`, `은행`), seen from every scalar.
            let stemLast = stemEnds[i] > text.wordStart[i] ? text.scalars[stemEnds[i] - 1].value : before
            let stemLast2 = stemEnds[i] - 1 > text.wordStart[i] ? text.scalars[stemEnds[i] - 2].value : before
            keys[base + 37] = key(37, stemLast, fromStart, inStem)
            keys[base + 38] = key(38, stemLast2, stemLast, inStem)
            keys[base + 39] = key(39, m.unknown[i], m.tag[i], m.position[i])
            keys[base + 40] = key(40, nextStemHash[i], inStem)
            keys[base + 41] = key(41, prevStemHash[i], fromStart)
        }
        return keys
    }
}
