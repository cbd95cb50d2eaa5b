import EnrichStage
import NewslineModels
import Testing

/// Entity classes the analyzer's parts of speech and semantic classes decide, on sentences written for
/// these tests (not taken from any evaluation set).
struct MorphologyEntityTests {
    private func names(_ text: String, _ type: EntityType) -> [String] {
        SharedEnricher.enricher.entityRecognizer.recognize(text).filter { $0.type == type }.map(\.text)
    }

    private func all(_ text: String) -> [String] {
        SharedEnricher.enricher.entityRecognizer.recognize(text).map(\.text)
    }

    @Test func foreignPeopleAndCountriesTheDictionaryKnows() {
        let text = "클린턴 전 대통령은 다음 달 중국과 일본을 잇달아 방문한다."
        #expect(names(text, .person) == ["클린턴"])
        #expect(names(text, .location).contains("중국"))
        // KLUE labels a country acting as a party (`일본을 방문`) sometimes as an organization; found it must be.
        #expect(all(text).contains("일본"))
    }

    @Test func placesAndInstitutionsWithoutAListEntry() {
        let text = "대통령은 이날 오후 청와대를 떠나 판문점으로 향했다."
        #expect(all(text).contains("청와대"))
        #expect(names(text, .location).contains("판문점"))
    }

    @Test func namesBeforeTheHonorificSsi() {
        #expect(names("박민수 씨는 어제 늦게 집에 돌아왔다고 말했다.", .person) == ["박민수"])
        #expect(names("그 일을 처음 알린 사람은 정하윤 씨였다.", .person) == ["정하윤"])
    }

    @Test func commonNounsAndPronounsAreNoPeople() {
        let text = "유목민들은 하숙비를 마련하지 못했고, 저희는 그 사실을 나중에 알았다."
        #expect(names(text, .person).isEmpty, "\(names(text, .person))")
    }

    /// `한` before a noun is the determiner "a/one" (MM), not the family name 한.
    @Test func theDeterminerHanBeforeATitleIsNoName() {
        #expect(!names("한 교수는 그 연구가 중요하다고 말했다.", .person).contains("한"))
        #expect(names("김 교수는 그 연구가 중요하다고 말했다.", .person).contains("김"))
    }

    /// `모` after a family name hides the given name: the person is the family name alone, also for family
    /// names the analyzer does not file as names on their own.
    @Test func anonymizedNamesKeepTheFamilyName() {
        #expect(names("피고인 안모(52)씨는 혐의를 모두 부인했다.", .person) == ["안"])
        #expect(names("경찰은 운전자 천모 씨를 불러 조사했다.", .person) == ["천"])
    }

    /// Korean names are one word, so two words the dictionary files as personal names before a title
    /// are one foreign name.
    @Test func twoDictionaryNamesBeforeATitleAreOneName() {
        #expect(names("도널드 트럼프 미국 대통령은 이날 회견을 열었다.", .person) == ["도널드 트럼프"])
        #expect(names("고이즈미 준이치로 일본 총리는 이날 회견을 열었다.", .person) == ["고이즈미 준이치로"])
    }

    /// A university the dictionary files as one compound ending in `대` (`서강` + `대`) stands between a
    /// name and its title; it is no part of the name.
    @Test func aCompoundAffiliationBetweenNameAndTitle() {
        #expect(names("토론에는 이호중 서강대 교수가 나왔다.", .person) == ["이호중"])
        #expect(names("이날 토론회에는 김재교 변호사, 이호중 서강대 교수, 곽동수 교수가 참석했다.", .person).contains("이호중"))
        #expect(names("패널로는 이택광 경희대 교수가 출연한다.", .person) == ["이택광"])
    }
}
