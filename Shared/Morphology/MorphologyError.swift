/// Why the morphological analyzer could not start.
public enum MorphologyError: Error, CustomStringConvertible {
    /// No mecab-ko-dic folder was found where the settings point.
    case dictionaryNotFound(searched: [String])
    /// MeCab refused the dictionary (a damaged or incompatible `sys.dic`).
    case dictionaryRejected(path: String, message: String)

    public var description: String {
        switch self {
        case .dictionaryNotFound(let searched):
            return "mecab-ko-dic not found (looked in: \(searched.joined(separator: ", "))); install it with "
                + "`pip install python-mecab-ko-dic` (scripts/install-dependencies) or pass --mecab-dictionary / "
                + "set NEWSLINE_MECAB_DICTIONARY to the folder holding sys.dic"
        case .dictionaryRejected(let path, let message):
            return "MeCab cannot load the dictionary at \(path): \(message)"
        }
    }
}
