extension EntityRecognizer {
    /// The recognizer's mentions in `text` as scorable spans.
    public func spans(in text: String) -> [NERSpan] {
        recognize(text).map { mention in
            NERSpan(start: mention.start, end: mention.end, label: NERSpan.label(for: mention.type), text: mention.text)
        }
    }
}
