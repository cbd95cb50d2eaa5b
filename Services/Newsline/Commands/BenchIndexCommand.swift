import ArgumentParser

struct BenchIndexCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "index", abstract: "Index throughput and search latency.")
}
