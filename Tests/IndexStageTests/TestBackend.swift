import Foundation
import NewslineModels
import Logging
import TestSupport
import Testing

@testable import IndexStage

/// The index backends the shared contract tests run against: SQLite always, PostgreSQL when its
/// binaries are installed (a server on loopback, `TemporaryPostgres`).
enum BackendKind: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    var testDescription: String { rawValue }

    /// Every backend that can run here; without PostgreSQL its cases are left out and the reason printed.
    static let available: [BackendKind] = {
        if let reason = TemporaryPostgres.unavailableReason {
            FileHandle.standardError.write(Data("warning: \(reason)\n".utf8))
            return [.sqlite]
        }
        return allCases
    }()

    /// A new empty index of this kind.
    func open() async throws -> any IndexBackend {
        switch self {
        case .sqlite:
            return try SQLiteIndexBackend(path: TemporaryIndexPath().path)
        case .postgres:
            return try await IndexLocation(TemporaryPostgres.makeDatabase()).open(logger: Self.logger)
        }
    }

    /// Quiet: PostgreSQL's notices would only clutter the test output.
    static let logger: Logger = {
        var logger = Logger(label: "newsline.index.tests")
        logger.logLevel = .warning
        return logger
    }()
}

extension IndexBackend {
    /// Applies the events at consecutive offsets of one partition from `offset` on.
    @discardableResult
    func apply(_ events: [ArticleEnriched], partition: Int32 = 0, from offset: Int64 = 0) async throws -> [OutboxEntry] {
        try await apply(
            events.enumerated().map {
                IndexInput(event: $1, topic: "articles.enriched", partition: partition, offset: offset + Int64($0))
            })
    }

    func ids(_ query: SearchQuery) async throws -> [String] {
        try await search(query).hits.map(\.articleId)
    }
}
