import NewslineModels

/// The word lists the recognizers share: gazetteer, family names, person titles and particles.
struct Lexicon: Sendable {
    /// One gazetteer name.
    struct Entry: Sendable {
        var surface: [Unicode.Scalar]
        var type: EntityType
        /// The fuller form this name stands for, when it is an alias or abbreviation.
        var canonical: String?
        /// Hanja abbreviations (`日`, `對中`) resolve even when the article never writes the full form.
        var alwaysCanonical: Bool
        /// A generic word (`경찰`, `정부`): a hint for the tagger, never a name on its own.
        var isGeneric = false
    }

    /// A gazetteer name found in a text.
    struct Match {
        var start: Int
        var end: Int
        var entry: Int
    }

    let entries: [Entry]
    private let entryIndex: HashIndex
    /// The hash of every prefix of every entry's surface: a longest match stops extending at the first
    /// length no entry starts with, instead of looking up every length up to `maxLength`.
    private let prefixIndex: HashIndex
    private let maxLength: Int
    let surnames: Set<String>
    /// One-syllable family names by scalar value: checked for every character the tagger reads.
    private let surnameScalars: Set<UInt32>
    private let titleIndex: HashIndex
    private let particleIndex: HashIndex
    private let particleMaxLength: Int
    /// Gazetteer organizations (not generic words) filed under every suffix shorter than them, in
    /// gazetteer order: what a quote's short reference (`박물관`) may stand for.
    private let organizationsBySuffix: [String: [String]]

    init() throws {
        var entries: [Entry] = []
        for row in try ResourceFile.rows("gazetteer.tsv") {
            guard row.count >= 2 else { throw EnricherError.malformedResource("gazetteer.tsv") }
            let type: EntityType
            switch row[0].uppercased() {
            case "PS": type = .person
            case "OG": type = .organization
            case "LC": type = .location
            default: throw EnricherError.malformedResource("gazetteer.tsv")
            }
            let generic = row[0] != row[0].uppercased()
            let surface = Array(row[1].unicodeScalars)
            let canonical = row.count > 2 ? row[2] : nil
            let always = surface.allSatisfy { ScalarClass($0) == .han }
            entries.append(
                Entry(surface: surface, type: type, canonical: canonical, alwaysCanonical: always, isGeneric: generic))
        }
        self.init(
            entries: entries,
            surnames: Set(try ResourceFile.words("surnames.txt")),
            titles: try ResourceFile.words("person-titles.txt"),
            particles: try ResourceFile.words("particles.txt"))
    }

    init(entries: [Entry], surnames: Set<String>, titles: [String], particles: [String]) {
        self.entries = entries
        var index = HashIndex(minimumCapacity: entries.count)
        var prefixes = HashIndex(minimumCapacity: 4 * entries.count)
        var maxLength = 1
        for (i, entry) in entries.enumerated() {
            index.set(Int32(i), for: StableHash.scalars(entry.surface[...]))
            maxLength = max(maxLength, entry.surface.count)
            prefixes.setPrefixes(of: entry.surface)
        }
        self.entryIndex = index
        self.prefixIndex = prefixes
        self.maxLength = maxLength
        self.surnames = surnames
        self.surnameScalars = Set(surnames.compactMap { $0.unicodeScalars.count == 1 ? $0.unicodeScalars.first!.value : nil })
        self.titleIndex = Lexicon.index(titles)
        self.particleIndex = Lexicon.index(particles)
        self.particleMaxLength = particles.map { $0.unicodeScalars.count }.max() ?? 1
        var bySuffix: [String: [String]] = [:]
        for entry in entries where entry.type == .organization && !entry.isGeneric {
            let name = String(String.UnicodeScalarView(entry.surface))
            for suffix in FirstNameIndex.properSuffixes(of: name) { bySuffix[suffix, default: []].append(name) }
        }
        self.organizationsBySuffix = bySuffix
    }

    /// The gazetteer organizations longer than `reference` that end with it, in gazetteer order.
    func organizations(endingWith reference: String) -> [String] { organizationsBySuffix[reference] ?? [] }

    private static func index(_ words: [String]) -> HashIndex {
        var index = HashIndex(minimumCapacity: words.count)
        for word in words { index.set(1, for: StableHash.scalars(Array(word.unicodeScalars)[...])) }
        return index
    }

    /// The gazetteer entry spelled exactly `scalars`, if any.
    func entry(_ scalars: ArraySlice<Unicode.Scalar>) -> Int? {
        guard let found = entryIndex.value(for: StableHash.scalars(scalars)) else { return nil }
        return entries[Int(found)].surface.elementsEqual(scalars) ? Int(found) : nil
    }

    func isTitle(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        titleIndex.value(for: StableHash.scalars(scalars)) != nil
    }

    func isParticle(_ scalars: ArraySlice<Unicode.Scalar>) -> Bool {
        scalars.isEmpty || particleIndex.value(for: StableHash.scalars(scalars)) != nil
    }

    func isSurname(_ scalar: Unicode.Scalar) -> Bool { surnameScalars.contains(scalar.value) }

    /// The word from `start` to `end` without a trailing particle (the longest one that leaves a stem).
    func stemEnd(_ text: ScannedText, start: Int, end: Int) -> Int {
        let longest = min(particleMaxLength, end - start - 1)
        if longest >= 1 {
            for length in stride(from: longest, through: 1, by: -1)
            where particleIndex.value(for: StableHash.scalars(text.scalars[(end - length)..<end])) != nil {
                return end - length
            }
        }
        return end
    }

    /// Whether an entity ending at `end` is followed only by particles up to the end of its word.
    func endsWord(_ text: ScannedText, at end: Int) -> Bool {
        guard end > 0, end < text.count, text.classes[end].isWordPart, text.classes[end - 1].isWordPart else {
            return true
        }
        let wordEnd = text.wordEnd[end]
        guard wordEnd - end <= particleMaxLength else { return false }
        return isParticle(text.scalars[end..<wordEnd])
    }

    /// The longest gazetteer names that start a word and end one (before any particles), left to right.
    func matches(in text: ScannedText) -> [Match] {
        var result: [Match] = []
        var i = 0
        let n = text.count
        while i < n {
            guard text.isWordStart(i) else {
                i += 1
                continue
            }
            var found = longestMatch(in: text, at: i)
            // `對中`: the abbreviation after the Hanja prefix 對 ("against") is the name.
            if found == nil, text.scalars[i] == "對", i + 1 < n { found = longestMatch(in: text, at: i + 1) }
            if let match = found {
                result.append(match)
                i = match.end
            } else {
                i = text.wordEnd[i]
            }
        }
        return result
    }

    /// The longest entry that starts at `start` and ends a word. It runs at every word start of every
    /// unit, so the prefix hashes go to a buffer on the stack instead of a new array each time, and stop
    /// at the first prefix no entry has (a hash collision only lets the scan go on: lengths are still
    /// checked against the entry itself).
    private func longestMatch(in text: ScannedText, at start: Int) -> Match? {
        let longest = min(maxLength, text.count - start)
        guard longest > 0 else { return nil }
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: longest) { hashes -> Match? in
            var h = StableHash.offset
            var viable = 0
            while viable < longest {
                h = StableHash.combine(h, text.scalars[start + viable].value)
                guard prefixIndex.value(for: h) != nil else { break }
                hashes[viable] = h
                viable += 1
            }
            for length in stride(from: viable, through: 1, by: -1) {
                let end = start + length
                guard let found = entryIndex.value(for: hashes[length - 1]) else { continue }
                guard entries[Int(found)].surface.count == length,
                    text.scalars[start..<end].elementsEqual(entries[Int(found)].surface)
                else { continue }
                if endsWord(text, at: end) { return Match(start: start, end: end, entry: Int(found)) }
            }
            return nil
        }
    }
}
