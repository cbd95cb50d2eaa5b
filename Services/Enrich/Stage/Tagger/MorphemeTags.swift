import Morphology

/// What the morphological analyzer says about every scalar of a text, as the tagger's features read it:
/// the part of speech and semantic class (`NNP,인명`, `NNP,지명`) of the morpheme holding it, where in
/// that morpheme it stands, and the morphemes around it.
///
/// Values are 32-bit hashes (0 where no morpheme covers the scalar: spaces), so feature keys stay cheap.
struct MorphemeTags {
    /// Hash of the morpheme's leading tag (`NNP`, `JKS`, `VV` of `VV+EP`).
    var tag: [UInt32]
    /// Hash of the semantic class of a proper noun (`인명`, `지명`); 0 for none.
    var semantic: [UInt32]
    /// 1 begin, 2 inside, 3 end, 4 a one-scalar morpheme; 0 outside any.
    var position: [UInt32]
    /// Hash of the morpheme's own surface, of the previous and of the next morpheme's surface.
    var surface: [UInt32]
    var previousSurface: [UInt32]
    var nextSurface: [UInt32]
    /// 1 where the dictionary did not know the morpheme and MeCab guessed it (foreign names, new brands).
    var unknown: [UInt32]
    /// Tags of the morphemes before and after.
    var previousTag: [UInt32]
    var nextTag: [UInt32]
    /// For every scalar of a word, where the word's stem ends: after its last morpheme that is not a
    /// particle, ending, suffix or copula (`발표했다` → `발표`, `판문점에서` → `판문점`).
    var stemEnd: [Int]
    /// For every scalar, whether the morpheme starting there is a proper noun the dictionary files as a
    /// person's name (`NNP,인명`: `김`, `클린턴`, `손정` of `손정의`).
    var startsPersonName: [Bool]
    /// For every scalar, whether a proper noun (`NNP`) starts there.
    var startsProperNoun: [Bool]
    /// The morphemes themselves, in scalar offsets of the text.
    let morphemes: [Morpheme]

    init(_ text: ScannedText, analyzer: MorphemeAnalyzer) {
        self.init(text, morphemes: analyzer.analyze(text.string(0, text.count)))
    }

    init(_ text: ScannedText, morphemes: [Morpheme]) {
        let n = text.count
        self.morphemes = morphemes
        tag = [UInt32](repeating: 0, count: n)
        semantic = tag
        position = tag
        surface = tag
        previousSurface = tag
        nextSurface = tag
        previousTag = tag
        nextTag = tag
        unknown = tag
        startsPersonName = [Bool](repeating: false, count: n)
        startsProperNoun = startsPersonName
        stemEnd = text.wordEnd
        // What each morpheme's entry says, read once from its bytes: its tag, whether it ends a stem, and
        // for a proper noun its semantic class.
        var tags = [UInt32](repeating: 0, count: morphemes.count)
        var trailing = [Bool](repeating: false, count: morphemes.count)
        var semantics = [UInt32](repeating: 0, count: morphemes.count)
        for k in morphemes.indices {
            var facts = MorphemeEntryFacts(tag: morphemes[k].tag)
            tags[k] = facts.tag
            trailing[k] = facts.trailing
            guard facts.properNoun else { continue }
            facts.readSemanticClass(morphemes[k].feature)
            semantics[k] = facts.semantic
            let start = morphemes[k].start
            guard start < n else { continue }
            startsProperNoun[start] = true
            if facts.personName { startsPersonName[start] = true }
        }
        // Stem ends: walk each word's morphemes and keep the end of the last one that carries meaning.
        var k = 0
        var wordStart = 0
        while wordStart < n {
            let wordEnd = text.wordEnd[wordStart]
            guard text.classes[wordStart].isWordPart else {
                wordStart = wordEnd
                continue
            }
            while k < morphemes.count, morphemes[k].end <= wordStart { k += 1 }
            var end = wordStart
            var j = k
            while j < morphemes.count, morphemes[j].start < wordEnd {
                if !trailing[j] { end = min(morphemes[j].end, wordEnd) }
                j += 1
            }
            if end <= wordStart { end = wordEnd }
            for i in wordStart..<wordEnd { stemEnd[i] = end }
            wordStart = wordEnd
        }
        let surfaces = morphemes.indices.map { k in
            UInt32(truncatingIfNeeded: StableHash.scalars(text.scalars[morphemes[k].start..<min(morphemes[k].end, n)]))
        }
        for k in morphemes.indices where morphemes[k].start < morphemes[k].end && morphemes[k].end <= n {
            let m = (start: morphemes[k].start, end: morphemes[k].end, isUnknown: morphemes[k].isUnknown)
            let sem = semantics[k]
            let before = k > 0 ? surfaces[k - 1] : MorphemeTags.edge
            let after = k + 1 < morphemes.count ? surfaces[k + 1] : MorphemeTags.edge
            let beforeTag = k > 0 ? tags[k - 1] : MorphemeTags.edge
            let afterTag = k + 1 < morphemes.count ? tags[k + 1] : MorphemeTags.edge
            for i in m.start..<m.end {
                tag[i] = tags[k]
                semantic[i] = sem
                position[i] = m.end - m.start == 1 ? 4 : (i == m.start ? 1 : (i == m.end - 1 ? 3 : 2))
                surface[i] = surfaces[k]
                previousSurface[i] = before
                nextSurface[i] = after
                previousTag[i] = beforeTag
                nextTag[i] = afterTag
                unknown[i] = m.isUnknown ? 1 : 0
            }
        }
    }

    /// Whether the morpheme ending at `end` is a particle or an ending (`일본의`, `말했다`): no name's last
    /// syllable. Where no morpheme ends there (the analyzer split the word otherwise) it is not.
    func endsInFunction(_ end: Int) -> Bool {
        morpheme(endingAt: end).map { PartOfSpeech.isFunction($0.leadingTag) } ?? false
    }

    /// Whether the morpheme ending at `end` is a particle, which closes a noun phrase (`이번엔 올트먼`).
    func endsInParticle(_ end: Int) -> Bool {
        morpheme(endingAt: end)?.leadingTag.hasPrefix("J") == true
    }

    /// The morpheme that ends exactly at `end`, by binary search.
    func morpheme(endingAt end: Int) -> Morpheme? {
        var low = 0, high = morphemes.count
        while low < high {
            let mid = (low + high) / 2
            if morphemes[mid].end < end { low = mid + 1 } else { high = mid }
        }
        return low < morphemes.count && morphemes[low].end == end ? morphemes[low] : nil
    }

    /// Tags that follow a word's stem: particles, endings, suffixes and the copula.
    static func isTrailing(_ tag: Substring) -> Bool {
        PartOfSpeech.isFunction(tag) || tag.hasPrefix("XS") || tag == "VCP" || tag == "VCN"
    }

    /// Stands for the sentence edge where there is no morpheme before or after.
    private static let edge: UInt32 = 0xffff_fff0
}
