/// K-fold cross-validation of the tagger inside the tuning split, so recognizer settings can be
/// compared on every tuning sentence without reading the held-out part.
///
/// A sentence's fold is its split bucket modulo `folds`; each fold is scored by a model trained on the
/// others, and the counts of all folds are pooled into one score per setting.
public struct NERCrossValidation {
    /// A recognizer setting to score: how sure the tagger must be of a span, and which rules are merged.
    /// The gazetteer's and the title rule's own thresholds stay at their defaults.
    public struct Setting: Sendable, CustomStringConvertible {
        public var minimumProbability: Float
        public var titleRule = true
        public var countryChains = true
        public var gazetteerSpans = true
        public var gazetteerTypes = true
        public var organizationEndings = true

        public init(minimumProbability: Float) { self.minimumProbability = minimumProbability }

        public var description: String {
            var parts = ["minimum span probability \(minimumProbability)"]
            if !titleRule { parts.append("no title rule") }
            if !countryChains { parts.append("no country chains") }
            if !gazetteerSpans { parts.append("no gazetteer spans") }
            if !gazetteerTypes { parts.append("no gazetteer types") }
            if !organizationEndings { parts.append("no organization endings") }
            return parts.joined(separator: ", ")
        }
    }

    public var folds: Int
    public var epochs: Int
    private let trainer: NERTrainer
    private let english: EnglishEntityRecognizer

    /// `l2`, `learningRate`, `minimumSpread`, `marginCost` and `missCost` override the trainer's defaults
    /// when given.
    public init(
        folds: Int, epochs: Int, l2: Float? = nil, learningRate: Float? = nil, minimumSpread: Float? = nil,
        marginCost: Float? = nil, missCost: Float? = nil
    ) throws {
        precondition(folds >= 2, "cross-validation needs at least two folds")
        self.folds = folds
        self.epochs = epochs
        var trainer = try NERTrainer()
        if let l2 { trainer.l2 = l2 }
        if let learningRate { trainer.learningRate = learningRate }
        if let minimumSpread { trainer.minimumSpread = minimumSpread }
        if let marginCost { trainer.marginCost = marginCost }
        if let missCost { trainer.missCost = missCost }
        self.trainer = trainer
        english = try EnglishEntityRecognizer()
    }

    /// Each setting's spans for every sentence of `examples` (which must all be tuning sentences),
    /// each predicted by the model that did not train on it. Score them with `NERScore`. `extra`
    /// sentences (another corpus, never scored) join the training part of every fold.
    public func run(
        _ examples: [NERExample], extra: [NERExample] = [], settings: [Setting], progress: (Int) -> Void = { _ in }
    ) -> [[[NERSpan]]] {
        precondition(examples.allSatisfy { NERSplit.tuning.contains($0.id) }, "cross-validate tuning sentences only")
        var predicted = Array(repeating: [[NERSpan]](repeating: [], count: examples.count), count: settings.count)
        for fold in 0..<folds {
            let inFold = examples.indices.filter { NERSplit.bucket(of: examples[$0].id) % folds == fold }
            let inFoldSet = Set(inFold)
            let training = examples.indices.filter { !inFoldSet.contains($0) }.map { examples[$0] } + extra
            let model = trainer.train(training, epochs: epochs)
            for (s, setting) in settings.enumerated() {
                var recognizer = EntityRecognizer(
                    lexicon: trainer.lexicon, analyzer: trainer.analyzer, model: model, english: english)
                recognizer.options.minimumProbability = setting.minimumProbability
                recognizer.options.titleRule = setting.titleRule
                recognizer.options.countryChains = setting.countryChains
                recognizer.options.gazetteerSpans = setting.gazetteerSpans
                recognizer.options.gazetteerTypes = setting.gazetteerTypes
                recognizer.options.organizationEndings = setting.organizationEndings
                for i in inFold { predicted[s][i] = recognizer.spans(in: examples[i].text) }
            }
            progress(fold + 1)
        }
        return predicted
    }
}
