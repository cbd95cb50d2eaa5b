/// Why the article index could not do what was asked.
public enum IndexError: Error, Equatable, CustomStringConvertible {
    /// The database file was written by an analyzer this build does not match; rebuild the index.
    case analyzerMismatch(found: String, expected: Int)
    /// A search or read found no index file at the path.
    case missingIndex(path: String)

    public var description: String {
        switch self {
        case .analyzerMismatch(let found, let expected):
            "the index was built with analyzer version \(found), this build uses \(expected); rebuild it"
        case .missingIndex(let path):
            "no search index at \(path)"
        }
    }
}
