/// The first name of a list filed under each of its keys (a last word, a suffix, an initial), so that
/// "the first name that ends with X" is one lookup rather than a scan of every name for every question.
struct FirstNameIndex {
    private var first: [String: String] = [:]

    init(_ names: [String], keys: (String) -> [String]) {
        for name in names {
            for key in keys(name) where first[key] == nil { first[key] = name }
        }
    }

    subscript(key: String) -> String? { first[key] }

    /// The suffixes of `name` shorter than it and at least `minimum` characters long; none for a name
    /// longer than `EnrichBudget.nameLength`, which no real name is.
    static func properSuffixes(of name: String, minimum: Int = 1) -> [String] {
        if SingleScalarCharacters.all(name.unicodeScalars) {
            // Each scalar a `Character`: the same suffixes cut from the scalars, without grapheme breaking.
            let scalars = Array(name.unicodeScalars)
            guard scalars.count <= EnrichBudget.nameLength, scalars.count > minimum else { return [] }
            return (1...(scalars.count - minimum)).map { String(String.UnicodeScalarView(scalars[$0...])) }
        }
        let characters = Array(name)
        guard characters.count <= EnrichBudget.nameLength, characters.count > minimum else { return [] }
        return (1...(characters.count - minimum)).map { String(characters[$0...]) }
    }

    /// `name` itself and every part of it after a space: the names `X` for which `name == X` or
    /// `name.hasSuffix(" " + X)`.
    static func wordSuffixes(of name: String) -> [String] {
        let characters = Array(name)
        guard characters.count <= EnrichBudget.nameLength else { return [name] }
        return [name] + characters.indices.filter { characters[$0] == " " }.map { String(characters[($0 + 1)...]) }
    }

    /// The last space-separated word of `name`.
    static func lastWord(of name: String) -> [String] {
        name.split(separator: " ").last.map { [String($0)] } ?? []
    }
}
