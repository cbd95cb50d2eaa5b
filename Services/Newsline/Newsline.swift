import ArgumentParser

/// `newsline`: the one command a user touches to run, feed, watch and search the pipeline.
@main
struct Newsline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsline",
        abstract: "Run, feed, watch and search the Newsline article pipeline.",
        subcommands: [
            BrokerCommand.self,
            RunCommand.self,
            DemoCommand.self,
            PublishCommand.self,
            TailCommand.self,
            StatusCommand.self,
            DeadLettersCommand.self,
            EvalCommand.self,
            SearchCommand.self,
            BenchCommand.self,
            ChaosCommand.self,
            IndexCommand.self,
        ]
    )
}
