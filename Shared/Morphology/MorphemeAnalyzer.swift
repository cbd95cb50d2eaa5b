import CMeCab
import Foundation

/// Korean morphological analysis with MeCab and mecab-ko-dic (the dictionary Elasticsearch's nori
/// analyzer is built from), shared by enrich and index.
///
/// One MeCab model per process, loaded once (the dictionary is memory-mapped); every concurrent call
/// borrows a tagger and lattice of its own from a pool (created from the model, which shares the
/// dictionary), so no MeCab object but the model is ever used by two threads at once. Input is a Swift `String`, so it is always valid
/// UTF-8 by construction: invalid bytes never reach MeCab.
///
/// `@unchecked Sendable` is safe: the model is only read after `init`, every access to `idle` holds
/// `lock`, and a borrowed tagger and lattice belong to one call until it gives them back.
public final class MorphemeAnalyzer: @unchecked Sendable {
    /// Bytes MeCab reads in one lattice. Its lattice grows with the sentence, so longer text is cut at
    /// the last whitespace and analyzed piece by piece.
    public static let maximumChunkBytes = 8_192

    public let dictionaryPath: String
    private let model: OpaquePointer
    private let lock = NSLock()
    /// Idle taggers with their lattices and feature caches.
    private var idle: [Worker] = []

    /// Most feature strings one tagger keeps; past it the cache starts over. mecab-ko-dic has about
    /// 800,000 entries but news text uses a few tens of thousands, so this bounds memory (a few MB per
    /// tagger) without evicting what a stream of articles keeps reading.
    static let maximumCachedFeatures = 65_536

    /// A tagger and lattice one call borrows, and the feature strings it has already read.
    ///
    /// MeCab's node features point into the memory-mapped dictionary, one address per entry, so the
    /// `String` (and tag) of an entry is built once per tagger instead of once per morpheme: that was
    /// an allocation, a `strlen` and a UTF-8 check for every morpheme of every article. The cache is an
    /// open-addressing table on the address (a multiply picks the slot) that holds the strings in the
    /// slot itself and grows with what is read: `Dictionary` hashed every address with SipHash, and a
    /// table of the largest size from the start would spread a few thousand entries over megabytes, so
    /// that nearly every lookup missed the cache (docs/BENCHMARKS.md).
    private final class Worker {
        let tagger: OpaquePointer
        let lattice: OpaquePointer
        /// The address each slot holds (0: empty) with its feature and tag; a power of two.
        private var slots = [(address: UInt, feature: String, tag: String)](repeating: (0, "", ""), count: 1_024)
        private var used = 0

        init(tagger: OpaquePointer, lattice: OpaquePointer) {
            self.tagger = tagger
            self.lattice = lattice
        }

        /// Where `address` is or would go in `slots`.
        @inline(__always)
        private func slot(of address: UInt) -> Int {
            let mask = slots.count - 1
            var i = Int(truncatingIfNeeded: (address &* 0x9e37_79b9_7f4a_7c15) >> UInt(UInt.bitWidth - mask.nonzeroBitCount))
            while slots[i].address != 0 && slots[i].address != address { i = (i + 1) & mask }
            return i
        }

        func feature(_ pointer: UnsafePointer<CChar>) -> (feature: String, tag: String) {
            let address = UInt(bitPattern: pointer)
            var i = slot(of: address)
            if slots[i].address == address { return (slots[i].feature, slots[i].tag) }
            let feature = String(cString: pointer)
            let prefix = feature.utf8.firstIndex(of: UInt8(ascii: ",")).map { feature[..<$0] } ?? feature[...]
            let tag = prefix == "UNKNOWN" || prefix.isEmpty ? "UNKNOWN" : String(prefix)
            if (used + 1) * 2 > slots.count {
                // Half full: twice the slots, or past the budget a new empty table.
                let old = slots
                let grown = used < MorphemeAnalyzer.maximumCachedFeatures
                slots = Array(repeating: (0, "", ""), count: grown ? old.count * 2 : old.count)
                used = 0
                for entry in old where grown && entry.address != 0 {
                    slots[slot(of: entry.address)] = entry
                    used += 1
                }
                i = slot(of: address)
            }
            slots[i] = (address, feature, tag)
            used += 1
            return (feature, tag)
        }
    }

    /// Loads the dictionary in `path` (see `MorphologyDictionary.locate`).
    public init(dictionary path: String) throws {
        guard MorphologyDictionary.isDictionary(path) else {
            throw MorphologyError.dictionaryNotFound(searched: [path])
        }
        // `-r /dev/null`: no mecabrc is needed or read; the dictionary's own dicrc applies.
        let arguments: [UnsafeMutablePointer<CChar>?] = ["newsline", "-r", "/dev/null", "-d", path].map { (argument: String) in argument.withCString { strdup($0) } }
        defer { arguments.forEach { free($0) } }
        var argv = arguments
        let loaded = argv.withUnsafeMutableBufferPointer { mecab_model_new(Int32($0.count), $0.baseAddress) }
        guard let model = loaded else {
            throw MorphologyError.dictionaryRejected(path: path, message: String(cString: mecab_strerror(nil)))
        }
        guard let tagger = mecab_model_new_tagger(model), let lattice = mecab_model_new_lattice(model) else {
            mecab_model_destroy(model)
            throw MorphologyError.dictionaryRejected(path: path, message: "no tagger")
        }
        self.model = model
        self.idle = [Worker(tagger: tagger, lattice: lattice)]
        self.dictionaryPath = path
    }

    deinit {
        for worker in idle {
            mecab_lattice_destroy(worker.lattice)
            mecab_destroy(worker.tagger)
        }
        mecab_model_destroy(model)
    }

    private static let sharedLock = NSLock()
    nonisolated(unsafe) private static var sharedInstances: [String: MorphemeAnalyzer] = [:]
    nonisolated(unsafe) private static var defaultInstance: MorphemeAnalyzer?

    /// One analyzer per dictionary folder for the whole process, loaded on first use. The first one
    /// loaded becomes the default that later calls without a folder get, so a service that loads the
    /// folder its settings name at start-up (and refuses to start when that fails) is what every
    /// component then uses; without one, `MorphologyDictionary.locate()` picks the folder.
    public static func shared(dictionary path: String? = nil) throws -> MorphemeAnalyzer {
        try sharedLock.withLock {
            if path == nil, let known = defaultInstance { return known }
            let folder = try path ?? MorphologyDictionary.locate()
            let analyzer = try sharedInstances[folder] ?? MorphemeAnalyzer(dictionary: folder)
            sharedInstances[folder] = analyzer
            if defaultInstance == nil { defaultInstance = analyzer }
            return analyzer
        }
    }

    /// The morphemes of `text`, in order; whitespace belongs to none.
    public func analyze(_ text: String) -> [Morpheme] {
        var bytes = Array(text.utf8)
        // MeCab reads a NUL as the end of the text; a space keeps every offset where it was.
        for i in bytes.indices where bytes[i] == 0 { bytes[i] = 0x20 }
        var result: [Morpheme] = []
        result.reserveCapacity(bytes.count / 3)
        var start = 0
        var scalarStart = 0
        while start < bytes.count {
            let end = Self.chunkEnd(bytes, from: start)
            scalarStart = analyze(bytes, start..<end, firstScalar: scalarStart, into: &result)
            start = end
        }
        return result
    }

    /// Bytes of one run without whitespace that MeCab reads as one piece. MeCab tries every length of an
    /// unknown run at every start, so its cost grows with the cube of a run's length: 300,000 `가` in a
    /// row took minutes. A longer run (no Korean word is 80 syllables) is analyzed in pieces of this size.
    public static let maximumRunBytes = 240

    /// Where the chunk that starts at `start` ends: at most `maximumChunkBytes` on, after the last
    /// whitespace before that; or inside a run without whitespace that reaches `maximumRunBytes`,
    /// at the start of a character.
    static func chunkEnd(_ bytes: [UInt8], from start: Int) -> Int {
        var lastSpace = -1
        var runStart = start
        var i = start
        while i < bytes.count {
            if bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x09 || bytes[i] == 0x0D {
                lastSpace = i
                runStart = i + 1
            } else if i - runStart >= maximumRunBytes {
                // A run this long is cut right here, after any text before it.
                if lastSpace >= start { return lastSpace + 1 }
                var cut = i
                while cut > start + 1, bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
                return cut
            }
            if i - start >= maximumChunkBytes { return lastSpace >= start ? lastSpace + 1 : i }
            i += 1
        }
        return bytes.count
    }

    /// Analyzes one chunk and returns the scalar offset of its end.
    ///
    /// The chunk is copied with a NUL after it: MeCab reads a run of unknown characters past the length
    /// it is given up to a character of another kind, and a run cut in the middle then made it write
    /// past its lattice (heap corruption). Offsets are turned back into offsets of the whole text.
    private func analyze(_ bytes: [UInt8], _ range: Range<Int>, firstScalar: Int, into result: inout [Morpheme]) -> Int {
        var chunk = Array(bytes[range])
        chunk.append(0)
        let offset = range.lowerBound
        let worker = lock.withLock {
            idle.popLast() ?? Worker(tagger: mecab_model_new_tagger(model)!, lattice: mecab_model_new_lattice(model)!)
        }
        let tagger = worker.tagger, lattice = worker.lattice
        defer {
            mecab_lattice_clear(lattice)
            lock.withLock { idle.append(worker) }
        }
        return chunk.withUnsafeBufferPointer { buffer -> Int in
            let base = buffer.baseAddress!
            let length = buffer.count - 1
            // Scalar offsets by counting the bytes that start a UTF-8 sequence.
            var scalar = firstScalar
            var counted = 0
            func scalarOffset(_ byte: Int) -> Int {
                while counted < byte {
                    if base[counted] & 0xC0 != 0x80 { scalar += 1 }
                    counted += 1
                }
                return scalar
            }
            let parsed: Bool = base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { chars in
                mecab_lattice_set_sentence2(lattice, chars, length)
                return mecab_parse_lattice(tagger, lattice) != 0
            }
            guard parsed, var node = mecab_lattice_get_bos_node(lattice)?.pointee.next else {
                // MeCab only fails when out of memory; the chunk then stands as one unknown word.
                let start = scalarOffset(0)
                result.append(
                    Morpheme(
                        start: start, end: scalarOffset(length), utf8Start: offset, utf8End: offset + length,
                        surface: String(decoding: buffer[0..<length], as: UTF8.self), tag: "UNKNOWN",
                        feature: "UNKNOWN", isUnknown: true))
                return scalar
            }
            while Int(node.pointee.stat) != Int(MECAB_EOS_NODE) {
                let n = node.pointee
                let utf8Start = n.surface.withMemoryRebound(to: UInt8.self, capacity: 1) { $0 - base }
                let utf8End = min(utf8Start + Int(n.length), length)
                guard utf8Start >= 0, utf8Start <= utf8End else { break }
                let (feature, tag) = worker.feature(n.feature)
                let start = scalarOffset(utf8Start)
                result.append(
                    Morpheme(
                        start: start, end: scalarOffset(utf8End), utf8Start: offset + utf8Start,
                        utf8End: offset + utf8End, surface: String(decoding: buffer[utf8Start..<utf8End], as: UTF8.self),
                        tag: tag, feature: feature,
                        isUnknown: Int(n.stat) == Int(MECAB_UNK_NODE)))
                guard let next = n.next else { break }
                node = next
            }
            return scalarOffset(length)
        }
    }

}
