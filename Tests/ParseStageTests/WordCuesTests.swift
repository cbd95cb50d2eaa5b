import Testing

@testable import ParseStage

@Suite struct WordCuesTests {
    /// The plain reading: each cue searched for on its own, at the start of a word.
    private func naive(_ cues: [String], _ text: String) -> Bool {
        let bytes = Array(text.utf8)
        func isWordByte(_ byte: UInt8) -> Bool {
            (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A) || byte >= 0x80
        }
        return cues.contains { cue in
            let pattern = Array(cue.utf8)
            guard !pattern.isEmpty, bytes.count >= pattern.count else { return false }
            return (0...(bytes.count - pattern.count)).contains { index in
                (index == 0 || !isWordByte(bytes[index - 1])) && Array(bytes[index..<(index + pattern.count)]) == pattern
            }
        }
    }

    @Test func aLineHoldsACueExactlyWhenOneStartsAWordInIt() {
        let cues = ReaderNotes.cues + ReaderNotes.networks + DisclosureLines.cues + ["", "our app"]
        let cueSet = WordCues(cues)
        let lines = [
            "subscribe to our newsletter", "unsubscribe here", "download our app now", "your application",
            "© 2024 die zeitung", "über uns ©", "folgen sie uns auf instagram", "(affiliate link)", "xaffiliate link",
            "", "a", "this post is sponsored by", "wir verwenden cookies", "copyright", "opyright", "werbung",
            "*werbung: enthält", "müsubscribe", "1subscribe", "-subscribe", "the end.",
        ]
        for line in lines {
            #expect(cueSet.found(in: line) == naive(cues, line), "\(line)")
        }
        #expect(cueSet.found(in: "subscribe to our newsletter"))
        #expect(!cueSet.found(in: "your application"))
        #expect(!cueSet.found(in: "müsubscribe"))
    }
}
