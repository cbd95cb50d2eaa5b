import Foundation
import IndexStage
import NewslineModels

/// An article index in a fresh temporary file, removed with its WAL files by `remove()`.
struct TemporaryIndex {
    let path: String
    let index: ArticleIndex

    /// Opens a new index named after `name` and indexes `articles` in order, one offset each.
    init(_ name: String, articles: [ArticleEnriched] = []) throws {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-\(name)-\(UUID().uuidString).sqlite")
            .path
        index = try ArticleIndex(path: path)
        _ = try index.apply(
            articles.enumerated().map { IndexInput(event: $1, topic: "articles.enriched", partition: 0, offset: Int64($0)) })
    }

    func remove() {
        for suffix in ["", "-wal", "-shm"] {
            try? FileManager.default.removeItem(atPath: path + suffix)
        }
    }
}
