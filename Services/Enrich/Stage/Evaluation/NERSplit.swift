/// The fixed partition of an evaluation file into a held-out part and a tuning part.
///
/// A sentence's bucket is FNV-1a 64 of its id's UTF-8 bytes, modulo 100. Buckets 0–34 (35 %) are
/// held out: nothing is trained, tuned or read on them. Buckets 35–99 are for tuning; within them
/// 35–84 train the tagger while experimenting and 85–99 check it, before the final model is trained
/// on all of 35–99.
public enum NERSplit: String, CaseIterable, Sendable {
    case heldOut = "held-out"
    case tuning
    case tuningTrain = "tuning-train"
    case tuningDev = "tuning-dev"
    case all

    public static func bucket(of id: String) -> Int {
        Int(StableHash.fnv1a(id.utf8) % 100)
    }

    public func contains(_ id: String) -> Bool {
        let bucket = NERSplit.bucket(of: id)
        switch self {
        case .heldOut: return bucket < 35
        case .tuning: return bucket >= 35
        case .tuningTrain: return bucket >= 35 && bucket < 85
        case .tuningDev: return bucket >= 85
        case .all: return true
        }
    }

    public func select(_ examples: [NERExample]) -> [NERExample] { examples.filter { contains($0.id) } }
}
