import ArgumentParser

struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench", abstract: "Measure throughput and latency.",
        subcommands: [
            BenchStagesCommand.self, BenchIngestCommand.self, BenchIndexCommand.self, BenchBrokerCommand.self,
            BenchPipelineCommand.self, BenchWorstCaseCommand.self,
        ])
}
