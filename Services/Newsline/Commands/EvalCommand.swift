import ArgumentParser
import EnrichStage
import Foundation

/// `newsline eval`: measures the enrich stage's quality on labelled data, and trains its tagger.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure enrichment quality.",
        subcommands: [NER.self, Train.self]
    )

    /// Scores the service's own entity recognizer on a KLUE-style JSONL file.
    struct NER: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "ner",
            abstract: "Precision, recall and F1 of the entity recognizer (PS, OG, LC; exact spans).",
            discussion: """
                FILE holds one sentence a line: {"id", "text", "entities": [{"start", "end", "label", "text"}]}, \
                character offsets, end exclusive. The split is fixed by a hash of the sentence id \
                (docs/EVALUATION.md); report figures on held-out.
                """
        )

        @Argument(help: "KLUE-style JSONL file.")
        var file: String

        @Option(help: "held-out | tuning | tuning-train | tuning-dev | all")
        var split: String = "held-out"

        func run() throws {
            guard let split = NERSplit(rawValue: split) else {
                throw ValidationError("unknown split \(split); use one of \(NERSplit.allCases.map(\.rawValue))")
            }
            let examples = split.select(try NERExample.load(from: URL(fileURLWithPath: file)))
            let recognizer = try EntityRecognizer()
            let started = Date()
            let predicted = examples.map { example in
                recognizer.recognize(example.text).map { mention in
                    NERSpan(
                        start: mention.start, end: mention.end, label: NERSpan.label(for: mention.type),
                        text: mention.text)
                }
            }
            let seconds = Date().timeIntervalSince(started)
            let score = NERScore(gold: examples.map(\.entities), predicted: predicted)
            print("file: \(file)")
            print("split: \(split.rawValue) (\(examples.count) sentences)")
            print(score.table)
            print(String(format: "recognizer time: %.3f s", seconds))
        }
    }

    /// Trains the tagger on the tuning part of a KLUE-style file and writes the weights resource.
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "train",
            abstract: "Train the entity tagger on the tuning part (never the held-out part).",
            discussion: """
                Writes the averaged-perceptron weights the enrich stage ships, by default to \
                Services/Enrich/Stage/Resources/ner-model.bin. Rebuild afterwards so the bundle picks them up.
                """
        )

        @Argument(help: "KLUE-style JSONL file.")
        var file: String

        @Option(help: "tuning | tuning-train (held-out and all are refused)")
        var split: String = "tuning"

        @Option(help: "Training passes.")
        var epochs: Int = 12

        @Option(help: "Where to write the model.")
        var output: String = "Services/Enrich/Stage/Resources/ner-model.bin"

        func run() throws {
            guard let split = NERSplit(rawValue: split), split == .tuning || split == .tuningTrain else {
                throw ValidationError("train only on tuning or tuning-train")
            }
            let examples = split.select(try NERExample.load(from: URL(fileURLWithPath: file)))
            print("training on \(examples.count) sentences (\(split.rawValue)), \(epochs) epochs")
            try NERTrainer().train(examples, epochs: epochs, writeTo: URL(fileURLWithPath: output)) { epoch, errors in
                print("epoch \(epoch): \(errors) sentences wrong")
            }
            print("wrote \(output)")
        }
    }
}
