import EnrichStage
import NewslineModels
import Testing
import TestSupport

/// Entities on the golden samples.
struct SampleEntityTests {
    @Test(arguments: ["archive/openai-tokyo", "archive/english-driverless-buses"])
    func referenceArticleFindsEveryGoldEntity(_ sampleName: String) throws {
        let sample = Fixtures.sample(sampleName)
        let enriched = try SharedEnricher.enricher.enrich(try GoldenArticle.parsed(sample))
        let gold = try GoldenArticle.entities(sample)
        for type in EntityType.allCases {
            let found = Set(enriched.entities.filter { $0.type == type }.map(\.canonical))
            for name in gold[type] ?? [] {
                #expect(found.contains(name), "\(sample.name): \(type.rawValue) \(name) missing; found \(found.sorted())")
            }
        }
    }

    @Test func englishArticleFindsNothingButItsGoldEntities() throws {
        let sample = Fixtures.sample("archive/english-driverless-buses")
        let enriched = try SharedEnricher.enricher.enrich(try GoldenArticle.parsed(sample))
        let gold = try GoldenArticle.entities(sample)
        for entity in enriched.entities {
            #expect(gold[entity.type]?.contains(entity.canonical) == true, "\(entity.canonical) is not a gold \(entity.type)")
        }
    }

    @Test func referenceArticleCountsMentionsUnderCanonicalNames() throws {
        let enriched = try SharedEnricher.enricher.enrich(try GoldenArticle.parsed(Fixtures.sample("archive/openai-tokyo")))
        let byName = Dictionary(enriched.entities.map { ($0.canonical, $0) }, uniquingKeysWith: { a, _ in a })
        #expect((byName["오픈AI"]?.mentions ?? 0) >= 10)
        #expect((byName["샘 올트먼"]?.mentions ?? 0) >= 4)
        #expect(byName["올트먼"] == nil)
        #expect(byName["MS"] == nil)
        #expect(byName["닛케이"] == nil)
        #expect(byName["오로라"] == nil, "bylines are not a source of entities")
    }

    @Test(arguments: Fixtures.goodSamples)
    func noGoldPersonIsReportedAsALocation(_ sample: Fixtures.Sample) throws {
        let enriched = try SharedEnricher.enricher.enrich(try GoldenArticle.parsed(sample))
        let locations = Set(enriched.entities.filter { $0.type == .location }.map(\.canonical))
        for person in try GoldenArticle.entities(sample)[.person] ?? [] {
            #expect(!locations.contains(person), "\(person) reported as a location")
        }
    }

    @Test func anonymisedPeopleAreNotEntities() throws {
        var article = GoldenArticle.parsed(golden: ["title": "전세 사기", "publishedDate": "2024-03-21"])
        article.paragraphs = ["피해자 오모(52)씨와 김모씨는 A씨를 고소했다. 박영수 대책위원장은 항의했다."]
        let enriched = try SharedEnricher.enricher.enrich(article)
        let people = enriched.entities.filter { $0.type == .person }.map(\.canonical)
        #expect(!people.contains("오"))
        #expect(!people.contains("김"))
        #expect(!people.contains("A"))
    }

    @Test func hanjaAndChainedCountryAbbreviationsResolve() throws {
        var article = GoldenArticle.parsed(golden: ["title": "美, 對中 통제… 韓·日 촉각"])
        article.paragraphs = ["한·미·일 3국은 北의 도발에 대응하기로 했다."]
        let enriched = try SharedEnricher.enricher.enrich(article)
        let locations = Set(enriched.entities.filter { $0.type == .location }.map(\.canonical))
        for country in ["미국", "중국", "한국", "일본", "북한"] {
            #expect(locations.contains(country), "\(country) missing from \(locations.sorted())")
        }
    }
}
