import NewslineModels

/// The entities of one article: every mention resolved to its canonical name, and the entity list.
///
/// Canonical names follow the golden conventions: the fullest form the article itself uses
/// (`MS` → `마이크로소프트` when it writes `마이크로소프트(MS)`, `올트먼` → `샘 올트먼`,
/// `손 회장` → `손정의`, `고궁박물관` → `국립고궁박물관`), one-character country abbreviations always
/// resolve (`日` → `일본`), `X 정부` is the country X, and anonymised people (`김모씨`, `A씨`) are dropped.
struct ArticleEntities {
    /// A mention with the text unit it came from and what it resolved to.
    struct Resolved {
        var unit: Int
        var start: Int
        var end: Int
        var type: EntityType
        var canonical: String
        var text: String
    }

    private(set) var mentions: [Resolved] = []
    private(set) var entities: [Entity] = []
    /// Whether names past `EnrichBudget.entities` were left out.
    private(set) var truncated = false

    /// Resolves the mentions found in each text unit (title, subtitle, paragraphs); `search` looks in the
    /// units joined by newlines.
    init(units: [ScannedText], found: [[EntityMention]], lexicon: Lexicon, search: TextSearch) {
        // `마이크로소프트(MS)`: the form in brackets is this article's alias for the name before them.
        var bracketAliases: [String: String] = [:]
        for (u, list) in found.enumerated() {
            let s = units[u].scalars
            for m in list where m.end < s.count && s[m.end] == "(" {
                var close = m.end + 1
                while close < s.count, close - m.end <= 12, s[close] != ")", s[close] != " " { close += 1 }
                if close < s.count, s[close] == ")", close > m.end + 1 {
                    bracketAliases[units[u].string(m.end + 1, close)] = m.text
                }
            }
        }

        var raw: [Resolved] = []
        // The tables below get room for every mention from the start: each doubling hashed every name again.
        let mentionCount = found.reduce(0) { $0 + $1.count }
        var canonicalNames = Set<String>(minimumCapacity: mentionCount)
        for (u, list) in found.enumerated() {
            let s = units[u].scalars
            for m in list.flatMap({ ArticleEntities.splitPlaces($0, lexicon: lexicon) }) {
                if m.type == .person, ArticleEntities.isAnonymised(m, s) { continue }
                var type = m.type
                var text = m.text
                if type == .organization, text.hasSuffix(" 정부") {
                    // `일본 정부` is the country.
                    text = String(text.dropLast(3))
                    type = .location
                }
                var canonical = text
                if let full = bracketAliases[text], full != text {
                    canonical = full
                } else if let alias = m.alias, m.aliasAlwaysApplies || search.contains(alias) {
                    canonical = alias
                }
                guard canonicalNames.contains(canonical) || canonicalNames.count < EnrichBudget.entities else {
                    truncated = true
                    continue
                }
                canonicalNames.insert(canonical)
                raw.append(Resolved(unit: u, start: m.start, end: m.end, type: type, canonical: canonical, text: m.text))
            }
        }

        // One type per canonical name: the one most of its mentions carry (persons win ties).
        var typeVotes = [String: TypeVotes](minimumCapacity: raw.count)
        for r in raw { typeVotes[r.canonical, default: TypeVotes()][r.type] += 1 }
        var types = [String: EntityType](minimumCapacity: typeVotes.count)
        for (name, votes) in typeVotes {
            types[name] = EntityType.allCases.max {
                (votes[$0], $0 == .person ? 1 : 0) < (votes[$1], $1 == .person ? 1 : 0)
            }!
        }
        let fullForm = ArticleEntities.fullerForms(types)

        for var r in raw {
            guard let full = fullForm[r.canonical] else { continue }
            if r.type == .person, full.unicodeScalars.count == 1 { continue }
            r.canonical = full
            r.type = types[full]!
            mentions.append(r)
        }
        // A lone surname or one-letter person that found no full name is no entity.
        mentions.removeAll { $0.type == .person && $0.canonical.unicodeScalars.count < 2 }

        mentions += ArticleEntities.repeatedMentions(units: units, known: mentions, lexicon: lexicon)
        mentions.sort { ($0.unit, $0.start) < ($1.unit, $1.start) }

        var order: [String] = []
        var byName: [String: Entity] = [:]
        for r in mentions {
            if byName[r.canonical] == nil {
                order.append(r.canonical)
                byName[r.canonical] = Entity(text: r.text, type: r.type, canonical: r.canonical, mentions: 0)
            }
            byName[r.canonical]!.mentions += 1
        }
        entities = order.map { byName[$0]! }
    }

    /// Later uses of a name the tagger found once but missed elsewhere: the full name, and a person's last
    /// name (`올트먼` for `샘 올트먼`), where they stand as a word of their own (particles allowed).
    private static func repeatedMentions(units: [ScannedText], known: [Resolved], lexicon: Lexicon) -> [Resolved] {
        var forms: [String: (canonical: String, type: EntityType)] = [:]
        for m in known {
            forms[m.text] = (m.canonical, m.type)
            if m.type == .person, let last = m.canonical.split(separator: " ").last, last.count >= 2,
                SingleScalarCharacters.containsSpace(m.canonical)
            {
                forms[String(last)] = (m.canonical, m.type)
            }
        }
        guard !forms.isEmpty else { return [] }
        var index = HashIndex(minimumCapacity: forms.count)
        var prefixes = HashIndex(minimumCapacity: 4 * forms.count)
        var entries: [(scalars: [Unicode.Scalar], canonical: String, type: EntityType)] = []
        for (form, value) in forms where (2...EnrichBudget.nameLength).contains(form.unicodeScalars.count) {
            let scalars = Array(form.unicodeScalars)
            index.set(Int32(entries.count), for: StableHash.scalars(scalars[...]))
            prefixes.setPrefixes(of: scalars)
            entries.append((scalars, value.canonical, value.type))
        }
        let longest = entries.map(\.scalars.count).max() ?? 0
        var taken = units.map { [Bool](repeating: false, count: $0.count) }
        for m in known {
            for i in m.start..<m.end { taken[m.unit][i] = true }
        }
        var added: [Resolved] = []
        for (u, text) in units.enumerated() {
            var i = 0
            while i < text.count {
                guard text.isWordStart(i), !taken[u][i] else {
                    i += 1
                    continue
                }
                var h = StableHash.offset
                var best: (end: Int, entry: Int)?
                var j = i
                while j < text.count, j - i < longest {
                    h = StableHash.combine(h, text.scalars[j].value)
                    // No form starts with these scalars, so none longer matches here either.
                    guard prefixes.value(for: h) != nil else { break }
                    j += 1
                    if let e = index.value(for: h), entries[Int(e)].scalars.elementsEqual(text.scalars[i..<j]),
                        lexicon.endsWord(text, at: j)
                    {
                        best = (j, Int(e))
                    }
                }
                if let best, !(i..<best.end).contains(where: { taken[u][$0] }) {
                    let e = entries[best.entry]
                    added.append(Resolved(unit: u, start: i, end: best.end, type: e.type, canonical: e.canonical,
                                          text: text.string(i, best.end)))
                    i = best.end
                } else {
                    i = text.wordEnd[i]
                }
            }
        }
        return added
    }

    /// `일본 도쿄` is two places here (the KLUE data labels it as one span, the goldens as two).
    private static func splitPlaces(_ m: EntityMention, lexicon: Lexicon) -> [EntityMention] {
        let scalars = Array(m.text.unicodeScalars)
        guard m.type == .location, let space = scalars.firstIndex(of: " "), space + 2 < scalars.count,
            !scalars[(space + 1)...].contains(" "),
            let entry = lexicon.entry(scalars[..<space]), lexicon.entries[entry].type == .location
        else { return [m] }
        var country = m
        country.text = String(String.UnicodeScalarView(scalars[..<space]))
        country.end = m.start + space
        country.alias = lexicon.entries[entry].canonical
        var place = m
        place.text = String(String.UnicodeScalarView(scalars[(space + 1)...]))
        place.start = m.start + space + 1
        place.alias = lexicon.entry(scalars[(space + 1)...]).flatMap { lexicon.entries[$0].canonical }
        return [country, place]
    }

    /// `김모(52)씨`, `김모씨`, `A씨`: people the paper itself keeps anonymous.
    private static func isAnonymised(_ m: EntityMention, _ s: [Unicode.Scalar]) -> Bool {
        let length = m.end - m.start
        if length == 1, ScalarClass(s[m.start]) == .latin { return true }
        if m.end < s.count, s[m.end] == "모" { return true }
        return length <= 1 && m.end < s.count && (s[m.end] == "씨" || (s[m.end] == " " && m.end + 1 < s.count && s[m.end + 1] == "씨"))
    }

    /// For every name, the fullest name in the article it is a short form of, or the name itself.
    ///
    /// A person's last name (`올트먼`) stands for the longest full name ending with it (`샘 올트먼`); a lone
    /// family name (`손`) for the one two-to-four-letter name starting with it (`손정의`), and for none when
    /// two such names share it (two people). An organization or place (`고궁박물관`) stands for the longest
    /// name of its type ending with it (`국립고궁박물관`). Equal lengths go to the alphabetically first, so the
    /// answer never depends on hashing order. Names are filed under their last words, initials and
    /// suffixes once, so this is linear in the names rather than a comparison of every pair.
    private static func fullerForms(_ types: [String: EntityType]) -> [String: String] {
        func better(_ a: String, than b: String?) -> Bool {
            guard let b else { return true }
            let (countA, countB) = (SingleScalarCharacters.characterCount(a), SingleScalarCharacters.characterCount(b))
            return countA != countB ? countA > countB : a < b
        }
        var byLastWord: [String: String] = [:]
        var byInitial: [Character: (name: String, count: Int)] = [:]
        var bySuffix: [EntityType: [String: String]] = [:]
        for (other, type) in types {
            switch type {
            case .person:
                let words = other.split(separator: " ")
                if words.count > 1, let last = words.last.map(String.init), better(other, than: byLastWord[last]) {
                    byLastWord[last] = other
                }
                if !SingleScalarCharacters.containsSpace(other), (2...4).contains(SingleScalarCharacters.characterCount(other)), let initial = other.first {
                    let known = byInitial[initial]
                    byInitial[initial] = (better(other, than: known?.name) ? other : known!.name, (known?.count ?? 0) + 1)
                }
            case .organization, .location:
                for suffix in FirstNameIndex.properSuffixes(of: other, minimum: 2)
                where better(other, than: bySuffix[type]?[suffix]) {
                    bySuffix[type, default: [:]][suffix] = other
                }
            }
        }
        var result = [String: String](minimumCapacity: types.count)
        for (name, type) in types {
            var best: String?
            switch type {
            case .person:
                if let other = byLastWord[name] { best = other }
                if name.unicodeScalars.count == 1, let first = name.first, let surname = byInitial[first],
                    surname.name.count > name.count
                {
                    // Two different people share this short form: leave it unresolved.
                    if surname.count > 1 { best = nil; break }
                    if better(surname.name, than: best) { best = surname.name }
                }
            case .organization, .location:
                best = bySuffix[type]?[name]
            }
            result[name] = best ?? name
        }
        return result
    }

    /// How many mentions of one name carry each type: three counts in place, where a dictionary per name
    /// was an allocation and a hash per mention.
    private struct TypeVotes {
        private var person = 0, organization = 0, location = 0

        subscript(type: EntityType) -> Int {
            get {
                switch type {
                case .person: person
                case .organization: organization
                case .location: location
                }
            }
            set {
                switch type {
                case .person: person = newValue
                case .organization: organization = newValue
                case .location: location = newValue
                }
            }
        }
    }
}
