/// How many letters of each script a text has: what the language detector and the choice between the
/// Korean tagger and the English rules both go by.
struct ScriptCounts {
    var hangul = 0, kana = 0, han = 0, latin = 0

    init(_ classes: [ScalarClass]) {
        for c in classes {
            switch c {
            case .hangul: hangul += 1
            case .kana: kana += 1
            case .han: han += 1
            case .latin: latin += 1
            default: break
            }
        }
    }

    var letters: Int { hangul + kana + han + latin }
}
