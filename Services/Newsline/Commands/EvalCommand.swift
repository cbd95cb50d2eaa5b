import ArgumentParser
import EnrichStage
import Foundation

/// `newsline eval`: measures the enrich stage's quality on labelled data, and trains its tagger.
struct EvalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Measure enrichment quality.",
        subcommands: [
            NER.self, CrossValidate.self, Train.self, DocumentFrequency.self, EvalHTMLCommand.self,
            EvalQuotesCommand.self, EvalDatesCommand.self,
        ]
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
            let predicted = examples.map { recognizer.spans(in: $0.text) }
            let seconds = Date().timeIntervalSince(started)
            let score = NERScore(gold: examples.map(\.entities), predicted: predicted)
            print("file: \(file)")
            print("split: \(split.rawValue) (\(examples.count) sentences)")
            print(score.table)
            print(String(format: "recognizer time: %.3f s", seconds))
        }
    }

    /// Compares recognizer settings by k-fold cross-validation inside the tuning part.
    struct CrossValidate: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "cv",
            abstract: "Cross-validate recognizer settings on the tuning part (never the held-out part).",
            discussion: """
                Splits the tuning sentences into folds by their split bucket, trains a tagger on all folds but \
                one, scores the one left out, and pools the counts. One table per setting: each minimum span \
                probability (0 keeps every span the tagger decodes), and with --ablate also the recognizer \
                without each of its rules at the first probability.
                """
        )

        @Argument(help: "KLUE-style JSONL file.")
        var file: String

        @Option(help: "Number of folds.")
        var folds: Int = 5

        @Option(help: "Training passes per fold.")
        var epochs: Int = 16

        @Option(parsing: .upToNextOption, help: "Minimum span probabilities to compare.")
        var probabilities: [Float] = [0, 0.3, 0.4, 0.5, 0.6, 0.7]

        @Option(help: "Write the sentences where the first setting disagrees with the gold spans to this file.")
        var errors: String?

        @Flag(help: "Also score the recognizer without the title rule, country chains, gazetteer spans, gazetteer types or organization endings.")
        var ablate = false

        @Option(help: "Another KLUE-style file whose every sentence joins each fold's training part (never scored).")
        var extra: String?

        @Option(help: "L2 penalty of the trainer (default: the shipped one).")
        var l2: Float?

        @Option(help: "First-pass step size of the trainer (default: the shipped one).")
        var learningRate: Float?

        @Option(help: "Leave out features whose label weights differ from their O weight by less than this.")
        var minimumSpread: Float?

        @Option(help: "Softmax-margin cost of every wrong label in training (default: the shipped one; 0: plain CRF).")
        var marginCost: Float?

        @Option(help: "Extra training cost of O where the gold label is an entity's (default: the shipped one).")
        var missCost: Float?

        func run() throws {
            guard folds >= 2, epochs >= 1, !probabilities.isEmpty else {
                throw ValidationError("need --folds ≥ 2, --epochs ≥ 1 and at least one probability")
            }
            let examples = NERSplit.tuning.select(try NERExample.load(from: URL(fileURLWithPath: file)))
            var settings = probabilities.map { NERCrossValidation.Setting(minimumProbability: $0) }
            if ablate {
                var noTitles = settings[0], noChains = settings[0], noGazetteer = settings[0], noTypes = settings[0]
                var noEndings = settings[0]
                noTitles.titleRule = false
                noChains.countryChains = false
                noGazetteer.gazetteerSpans = false
                noTypes.gazetteerTypes = false
                noEndings.organizationEndings = false
                settings += [noTitles, noChains, noGazetteer, noTypes, noEndings]
            }
            let extraExamples = try extra.map { try NERExample.load(from: URL(fileURLWithPath: $0)) } ?? []
            print(
                "cross-validating on \(examples.count) tuning sentences (+\(extraExamples.count) extra in training), "
                    + "\(folds) folds, \(epochs) epochs")
            let predictions = try NERCrossValidation(
                folds: folds, epochs: epochs, l2: l2, learningRate: learningRate, minimumSpread: minimumSpread,
                marginCost: marginCost, missCost: missCost
            ).run(
                examples, extra: extraExamples, settings: settings
            ) {
                print("fold \($0) of \(folds) done")
            }
            for (setting, predicted) in zip(settings, predictions) {
                print("\n\(setting)")
                print(NERScore(gold: examples.map(\.entities), predicted: predicted).table)
            }
            if let errors {
                try NERDisagreements(examples, predicted: predictions[0]).report
                    .write(toFile: errors, atomically: true, encoding: .utf8)
                print("\nwrote disagreements of the first setting to \(errors)")
            }
        }
    }

    /// Trains the tagger on the tuning part of a KLUE-style file and writes the weights resource.
    struct Train: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "train",
            abstract: "Train the entity tagger on the tuning part (never the held-out part).",
            discussion: """
                Writes the CRF weights the enrich stage ships, by default to \
                Services/Enrich/Stage/Resources/ner-model.bin. Rebuild afterwards so the bundle picks them up.
                """
        )

        @Argument(help: "KLUE-style JSONL file.")
        var file: String

        @Option(help: "tuning | tuning-train (held-out and all are refused)")
        var split: String = "tuning"

        @Option(help: "Training passes.")
        var epochs: Int = 16

        @Option(help: "Where to write the model.")
        var output: String = "Services/Enrich/Stage/Resources/ner-model.bin"

        @Option(help: "Another KLUE-style file trained on in full (e.g. klue-ner-nsmc-dev.jsonl; it holds no held-out part).")
        var extra: String?

        func run() throws {
            guard let split = NERSplit(rawValue: split), split == .tuning || split == .tuningTrain else {
                throw ValidationError("train only on tuning or tuning-train")
            }
            let examples = split.select(try NERExample.load(from: URL(fileURLWithPath: file)))
                + (try extra.map { try NERExample.load(from: URL(fileURLWithPath: $0)) } ?? [])
            print("training on \(examples.count) sentences (\(split.rawValue) + extra), \(epochs) epochs")
            try NERTrainer().train(examples, epochs: epochs, writeTo: URL(fileURLWithPath: output)) { epoch, unsure in
                print("epoch \(epoch): \(unsure) sentences with a gold label below even odds")
            }
            print("wrote \(output)")
        }
    }

    /// Rebuilds the keyword nouns' document-frequency table from KLUE-style files (sentences as documents).
    struct DocumentFrequency: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "df",
            abstract: "Count the documents each keyword noun occurs in (the keyword weight's table).",
            discussion: """
                Every sentence of FILE (its tuning part) and of each --extra file (whole) is one document. \
                Writes counts only, no text, by default to Services/Enrich/Stage/Resources/noun-df.tsv.
                """
        )

        @Argument(help: "KLUE-style JSONL file; its tuning part is read.")
        var file: String

        @Option(help: "More KLUE-style files, read whole.")
        var extra: [String] = []

        @Option(help: "What the table's header names as its source.")
        var source: String = "KLUE-NER v1.1 dev sentences (news tuning part and nsmc), CC BY-SA 4.0"

        @Option(help: "Where to write the table.")
        var output: String = "Services/Enrich/Stage/Resources/noun-df.tsv"

        func run() throws {
            var texts = NERSplit.tuning.select(try NERExample.load(from: URL(fileURLWithPath: file))).map(\.text)
            for path in extra { texts += try NERExample.load(from: URL(fileURLWithPath: path)).map(\.text) }
            try NounFrequencyTable.tsv(documents: texts, source: source).write(toFile: output, atomically: true, encoding: .utf8)
            print("counted \(texts.count) documents; wrote \(output)")
        }
    }
}
