/// Groups of mecab-ko-dic's part-of-speech tags (the Sejong tag set) that callers filter on.
public enum PartOfSpeech {
    /// Tags of words that carry meaning, as a search index keeps them: nouns (not dependent nouns),
    /// pronouns, numerals, verb and adjective stems, adverbs, determiners, interjections, roots,
    /// Latin and Hanja runs, numbers and unknown words (`UNKNOWN`). Particles (`J…`), endings (`E…`),
    /// affixes (`X…` except the root `XR`), dependent nouns and punctuation (`S…`) are left out.
    public static func isContent(_ tag: Substring) -> Bool {
        switch tag {
        case "NNG", "NNP", "NP", "NR", "VV", "VA", "MAG", "MM", "IC", "XR", "SL", "SH", "SN", "UNKNOWN":
            return true
        default:
            return false
        }
    }

    /// Particles (조사) and endings (어미), which never stand for a word of their own.
    public static func isFunction(_ tag: Substring) -> Bool {
        tag.hasPrefix("J") || tag.hasPrefix("E")
    }
}
