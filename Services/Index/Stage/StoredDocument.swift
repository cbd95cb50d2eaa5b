import Foundation

/// The JSON form of an `IndexedArticle` in the `article.document` column.
///
/// Dates keep their full precision, so an event rebuilt from a stored article equals the one first sent.
enum StoredDocument {
    static func encode(_ article: IndexedArticle) -> Data {
        Data(article.storedJSON)
    }

    static func decode(_ data: Data) throws -> IndexedArticle {
        try JSONDecoder().decode(IndexedArticle.self, from: data)
    }
}
