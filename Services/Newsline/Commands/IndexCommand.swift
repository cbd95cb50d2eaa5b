import ArgumentParser
import Foundation
import IndexStage

/// `newsline index`: maintenance of the search index.
struct IndexCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "index", abstract: "Maintain the search index.", subcommands: [IndexMigrateCommand.self])
}

/// `newsline index migrate`: applies the index schema's missing versions, as every index start does.
///
/// For deployments that migrate in a step of their own before the index and search instances start;
/// safe beside running instances (the migration holds an advisory lock).
struct IndexMigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or migrate the index schema (SQLite file or PostgreSQL database).")

    @Option(name: .customLong("index-url"), help: "postgres://… or a SQLite file path. Default: $NEWSLINE_INDEX_URL.")
    var indexURL: String?

    func run() async throws {
        guard let text = indexURL ?? ProcessInfo.processInfo.environment["NEWSLINE_INDEX_URL"] else {
            throw ValidationError("Pass --index-url or set NEWSLINE_INDEX_URL.")
        }
        let logger = CommandLogging.logger("index")
        switch try IndexLocation(text) {
        case .postgres(let location):
            let applied = try await PostgresIndex.migrate(location, logger: logger)
            let versions = applied.map(String.init).joined(separator: ", ")
            print("\(location.description): " + (applied.isEmpty ? "up to date" : "applied \(versions)"))
        case .sqlite(let path):
            let index = try SQLiteIndexBackend(path: path)
            print("\(index.location): up to date")
        }
    }
}
