/// A word of a class list or id, at most 16 bytes, packed into two integers.
///
/// The class and id vocabularies (`BoilerplateMarkers`, `HTMLVocabulary`) are looked up with it: a page reads
/// a few hundred class lists of two or three names each, and a `String` built and hashed for every word was
/// most of their reading. No vocabulary word is longer (`VocabularyWordTests` checks), so a longer word of a
/// page matches none and needs no key.
struct VocabularyWord: Hashable {
    static let maxBytes = 16

    private var low: UInt64 = 0
    private var high: UInt64 = 0
    private var count: UInt8 = 0

    /// The key of a word given as its bytes; nil when it is longer than any vocabulary word.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count <= Self.maxBytes else { return nil }
        for (index, byte) in bytes.enumerated() {
            if index < 8 {
                low |= UInt64(byte) << (8 * UInt64(index))
            } else {
                high |= UInt64(byte) << (8 * UInt64(index - 8))
            }
        }
        count = UInt8(bytes.count)
    }

    /// The key of a vocabulary word; nil when it is longer than 16 bytes.
    init?(_ word: String) {
        var word = word
        guard let key = word.withUTF8({ VocabularyWord($0) }) else { return nil }
        self = key
    }

    /// A vocabulary as keys, with what each word says.
    static func table<Value>(_ words: [String: Value]) -> [VocabularyWord: Value] {
        var table: [VocabularyWord: Value] = [:]
        for (word, value) in words {
            guard let key = VocabularyWord(word) else { continue }
            table[key] = value
        }
        return table
    }
}
