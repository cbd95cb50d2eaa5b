import Morphology

/// What the tagger reads from one morpheme's dictionary entry: its leading tag's hash, whether it follows a
/// stem, and for a proper noun its semantic class. Read from the UTF-8 bytes of the tag and the feature.
///
/// `MorphemeTags` needs these for every morpheme of every unit; going through `Morpheme`'s `String` and
/// `Substring` properties (`leadingTag`, `semanticClass`, `hasPrefix`) copied the morpheme, built a
/// `String` for the class and compared Hangul strings by their canonical form, about a tenth of the
/// tagger's own time. mecab-ko-dic's tags are ASCII; a tag that is not takes the `String` path.
struct MorphemeEntryFacts: Equatable {
    /// `StableHash` of the leading tag's scalars (`VV` of `VV+EP`), as `MorphemeTags.tag` holds it.
    var tag: UInt32
    /// A particle, ending, suffix or copula: what follows a word's stem (`MorphemeTags.isTrailing`).
    var trailing: Bool
    /// The whole tag is `NNP`.
    var properNoun: Bool
    /// `StableHash` of a proper noun's semantic class (`인명`, `지명`); 0 for none or another tag.
    var semantic: UInt32
    /// A proper noun filed as a person's name (`NNP,인명`).
    var personName: Bool
}

extension MorphemeEntryFacts {
    /// The facts of an entry with this tag and feature CSV.
    init(tag: String, feature: String) {
        self.init(tag: tag)
        if properNoun { readSemanticClass(feature) }
    }

    /// The facts the tag gives; for a proper noun, `readSemanticClass` adds what its feature says. Only a
    /// proper noun's feature is read, so the feature string of any other morpheme is not touched.
    init(tag: String) {
        var h = StableHash.offset
        // `length` counts the leading tag's bytes (up to the first `+`), `whole` the whole tag's.
        var length = 0, whole = 0
        var b0: UInt8 = 0, b1: UInt8 = 0, b2: UInt8 = 0
        var ascii = true, leading = true
        for byte in tag.utf8 {
            if byte >= 0x80 {
                ascii = false
                break
            }
            whole += 1
            if byte == UInt8(ascii: "+") { leading = false }
            guard leading else { continue }
            switch length {
            case 0: b0 = byte
            case 1: b1 = byte
            case 2: b2 = byte
            default: break
            }
            h = StableHash.combine(h, UInt32(byte))
            length += 1
        }
        guard ascii else {
            self = Self.read(slowTag: tag)
            return
        }
        let isFunction = length > 0 && (b0 == UInt8(ascii: "J") || b0 == UInt8(ascii: "E"))
        let isSuffix = length >= 2 && b0 == UInt8(ascii: "X") && b1 == UInt8(ascii: "S")
        let isCopula = length == 3 && b0 == UInt8(ascii: "V") && b1 == UInt8(ascii: "C")
            && (b2 == UInt8(ascii: "P") || b2 == UInt8(ascii: "N"))
        let properNoun = whole == 3 && length == 3 && b0 == UInt8(ascii: "N") && b1 == UInt8(ascii: "N")
            && b2 == UInt8(ascii: "P")
        self.init(tag: UInt32(truncatingIfNeeded: h), trailing: isFunction || isSuffix || isCopula,
                  properNoun: properNoun, semantic: 0, personName: false)
    }

    /// Adds a proper noun's semantic class from its feature CSV.
    mutating func readSemanticClass(_ feature: String) {
        (semantic, personName) = Self.semanticClass(of: feature)
    }

    /// The facts as `Morpheme`'s `String` properties give them, for a tag that is not ASCII (and so not
    /// `NNP`: no semantic class is read).
    private static func read(slowTag tag: String) -> MorphemeEntryFacts {
        let m = Morpheme(start: 0, end: 0, utf8Start: 0, utf8End: 0, surface: "", tag: tag, feature: "",
                         isUnknown: false)
        let leading = m.leadingTag
        return MorphemeEntryFacts(
            tag: UInt32(truncatingIfNeeded: StableHash.scalars(leading.unicodeScalars)),
            trailing: MorphemeTags.isTrailing(leading), properNoun: tag == "NNP", semantic: 0, personName: false)
    }

    private static let personClass = Array("인명".utf8)

    /// The hash of the feature's second field (0 for `*` or none) and whether it is `인명`.
    private static func semanticClass(of feature: String) -> (UInt32, Bool) {
        let bytes = feature.utf8
        guard let comma = bytes.firstIndex(of: UInt8(ascii: ",")) else { return (0, false) }
        let start = bytes.index(after: comma)
        let end = bytes[start...].firstIndex(of: UInt8(ascii: ",")) ?? bytes.endIndex
        let field = bytes[start..<end]
        if field.elementsEqual("*".utf8) { return (0, false) }
        let scalars = Substring(field).unicodeScalars
        return (UInt32(truncatingIfNeeded: StableHash.scalars(scalars)), field.elementsEqual(personClass))
    }
}
