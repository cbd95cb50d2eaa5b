import Testing

@testable import ParseStage

@Suite struct VocabularyWordTests {
    /// Every word the class and id vocabularies hold, which the packed keys must all represent.
    static let vocabulary: [String] = Array(BoilerplateMarkers.wordFlags.keys)
        + Array(BoilerplateMarkers.hiddenJoinedWords) + Array(HTMLVocabulary.furnitureWords)

    @Test func everyVocabularyWordHasAKey() {
        for word in Self.vocabulary {
            #expect(VocabularyWord(word) != nil, "\(word) is longer than \(VocabularyWord.maxBytes) bytes")
        }
        #expect(BoilerplateMarkers.wordFlagKeys.count == BoilerplateMarkers.wordFlags.count)
        #expect(BoilerplateMarkers.hiddenJoinedKeys.count == BoilerplateMarkers.hiddenJoinedWords.count)
    }

    @Test func keysAreEqualExactlyWhenTheBytesAre() {
        let words = ["ad", "ads", "a", "", "nav", "navbar", "screenreaderonly", "screenreadertext", "ä", "a\u{0}"]
        for first in words {
            for second in words {
                #expect((VocabularyWord(first) == VocabularyWord(second)) == (first.utf8.elementsEqual(second.utf8)))
            }
        }
        #expect(VocabularyWord("seventeen-letters") == nil)
    }

    @Test func classListsReadTheirWordsFromTheKeys() {
        #expect(BoilerplateMarkers.reading(of: "relatedArticles").furnitureNamed)
        #expect(BoilerplateMarkers.reading(of: "screen-reader-text").hidden)
        #expect(BoilerplateMarkers.reading(of: "has-sidebar entry-content").purelyPositive)
        #expect(!BoilerplateMarkers.reading(of: "has-sidebar entry-content").furnitureNamed)
        #expect(BoilerplateMarkers.reading(of: "author-bio").furnitureNamed)
        #expect(BoilerplateMarkers.reading(of: "post-meta").metaNamed)
        #expect(BoilerplateMarkers.reading(of: "commentary").furnitureNamed == false)
        #expect(BoilerplateMarkers.reading(of: "commentlist").alwaysFurniture == false)
        #expect(BoilerplateMarkers.reading(of: "commentlist").furnitureNamed)
        #expect(BoilerplateMarkers.reading(of: "sharebuttons").furnitureNamed)
        #expect(HTMLVocabulary.role(classAndID: "Article-Date") == .date)
        #expect(HTMLVocabulary.role(classAndID: "date share-bar") == .furniture)
        #expect(HTMLVocabulary.role(classAndID: "sub-title ad") == .subtitle)
        #expect(HTMLVocabulary.role(classAndID: "byline__author") == .byline)
        #expect(HTMLVocabulary.role(classAndID: "advertisementslotname") == .plain)
    }
}
