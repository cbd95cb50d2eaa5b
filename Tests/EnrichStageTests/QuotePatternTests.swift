import EnrichStage
import NewslineModels
import Testing

/// Each class of quote attribution on small handmade paragraphs.
struct QuotePatternTests {
    func quotes(_ paragraphs: [String]) throws -> [Quote] {
        var article = GoldenArticle.parsed(golden: ["title": "기사"])
        article.paragraphs = paragraphs
        return try SharedEnricher.enricher.enrich(article).quotes
    }

    func speakers(_ paragraphs: [String]) throws -> [String?] { try quotes(paragraphs).map(\.speaker) }

    // MARK: Korean

    @Test func mixedMarksCloseAQuote() throws {
        let found = try quotes(["김민수 교수는 \"시장이 회복되고 있다”고 말했다."])
        #expect(found.map(\.text) == ["시장이 회복되고 있다"])
        #expect(found.first?.speaker?.contains("김민수") == true)
    }

    @Test func personNamedBeforeAffiliationAndPost() throws {
        let found = try speakers(["윤정기 서울경찰청 형사과장은 \"범행 동기를 조사하고 있다\"고 말했다."])
        #expect(found == ["윤정기"])
    }

    @Test func genitiveBeforeTheQuoteIsTheSpeaker() throws {
        let found = try speakers(["라디오에서 외치던 아나운서의 \"대한민국이 이겼습니다\" 그 목소리가 떠올랐다."])
        #expect(found.count == 1)
        #expect(found.first??.contains("아나운서") == true)
    }

    @Test func verbModifierIsNoSubject() throws {
        let found = try speakers(["가장 기억하는 대사로는 \"별이 빛난다\" 정도다."])
        #expect(found == [nil])
    }

    @Test func connectiveAfterAQuoteIsNoSpeaker() throws {
        let found = try speakers(["영화가 지루했다.영화속 대사처럼 \"미치겠네\" 내지는 \"복잡해\"가 정확한 평이다."])
        #expect(found == [nil, nil])
    }

    @Test func familyNameAndTitleStandForThePersonIntroducedSo() throws {
        let found = try speakers([
            "재판장 한정민 부장판사는 20일 징역 15년을 선고했다.",
            "한 부장판사는 \"죄질이 매우 나쁘다\"고 말했다.",
        ])
        #expect(found == ["한정민"])
    }

    /// `한 교수는` is "a professor" when no 한XX 교수 was introduced, even if someone named 한 is in the article.
    @Test func determinerHanIsNotAPerson() throws {
        let found = try speakers([
            "한지민 씨가 20일 기자회견을 열었다.",
            "한 교수는 \"추가 연구가 필요하다\"고 말했다.",
        ])
        #expect(found.count == 1)
        #expect(found.first != "한지민")
    }

    @Test func quotedKoreanTermsAreNotSpeech() throws {
        let found = try quotes(["보는 내내 \"이건 연기\"라는 느낌이 들고 \"비밀\" 드라마가 떠올랐다. 그는 \"미치겠네\"라고 했다."])
        #expect(found.map(\.text) == ["미치겠네"])
    }

    // MARK: Korean, single marks

    @Test func singleQuotedClauseBeforeTheQuotativeParticleAndAVerb() throws {
        let found = try quotes(["협의회는 '국민과의 약속을 이행해야 한다'고 강조했다. 법 47조는 '효력을 상실한다'고 규정했다."])
        #expect(found.map(\.text) == ["국민과의 약속을 이행해야 한다", "효력을 상실한다"])
        #expect(found.first?.speaker?.contains("협의회") == true)
        #expect(found.last?.speaker?.contains("법 47조") == true)
    }

    @Test func singleQuotedClauseBeforeMyeoStandsForSayingSo() throws {
        let found = try quotes(["산업부는 검토를 거친 뒤 다시 '원안대로 하자'며 제자리걸음을 했다."])
        #expect(found.map(\.text) == ["원안대로 하자"])
        #expect(found.first?.speaker?.contains("산업부") == true)
    }

    /// A declarative clause in single marks before `며` is a stated aim as often as speech; a question or a
    /// command there is said to someone.
    @Test func singleQuotedStatementBeforeMyeoIsNoQuoteButAQuestionIs() throws {
        let found = try quotes([
            "재단은 '모두에게 열린 도서관을 만들겠다'며 문을 열었다.",
            "주민들은 '이 돈을 언제 돌려주느냐'며 항의했다.",
        ])
        #expect(found.map(\.text) == ["이 돈을 언제 돌려주느냐"])
    }

    @Test func singleQuotedContentOfANounOfSpeechWithItsOwner() throws {
        let found = try quotes(["이는 '허위 신고를 엄정하게 처벌한다'는 사법당국의 방침이 자리 잡았기 때문이다."])
        #expect(found.map(\.text) == ["허위 신고를 엄정하게 처벌한다"])
        #expect(found.first?.speaker?.contains("사법당국") == true)
    }

    @Test func sourceParticleBeforeTheQuoteNamesTheSource() throws {
        let found = try speakers(["아버지에게 신원을 밝히지 않는 남성으로부터'돈을 입금하라’며 협박전화가 걸려왔다."])
        #expect(found.count == 1)
        #expect(found.first??.contains("남성") == true)
    }

    @Test func verbModifierBeforeAQuoteIsNoSubject() throws {
        let found = try speakers(["정씨는 2010년 상가를 임대받은 후 '순이익 절반을 배당하겠다'고 속여 돈을 받아 챙겼다."])
        #expect(found == ["정씨"])
    }

    /// Emphasized terms, titles, names, one-word slogans, a clause that is named rather than said and a
    /// clause before a noun that is no speech stay out of the quotes.
    @Test func singleQuotedTermsTitlesAndNamesAreNotSpeech() throws {
        let found = try quotes([
            "그는 '한강의 기적'이라고 불리는 성장을 이뤘다. 미국 '오픈AI'가 '챗GPT'를 내놓았다.",
            "'살아있다'라는 영화가 개봉했다. 주민들은 그 골목을 '아무도 돌아오지 않는다'라고 부른다.",
            "응답자들은 '볼 만한 독점 콘텐츠가 부족하다'는 점을 꼽았다. He called it 'a very good deal' today.",
        ])
        #expect(found.isEmpty, "\(found)")
    }

    @Test func englishSpeechInSingleMarksBeforeAnAttribution() throws {
        let found = try quotes([
            "‘We will open the marina next year,’ said Leigh Sears, the concessions manager.",
            "‘It isn’t enough for one day,’ Zabaleta said. 'Who will pay for it?' she asked.",
        ])
        #expect(found.map(\.text) == ["We will open the marina next year", "It isn’t enough for one day",
                                      "Who will pay for it?"])
        #expect(found.map(\.speaker) == ["Leigh Sears", "Zabaleta", "Zabaleta"])
    }

    @Test func englishTermsAndNicknamesInSingleMarksAreNotSpeech() throws {
        let found = try quotes([
            "The so-called ‘quiet quitting’ trend spread. Trump calls him ‘Mini Mike,’ a nickname he said he liked.",
            "The report, titled ‘The State of the Union Address,’ was released on Monday.",
        ])
        #expect(found.isEmpty, "\(found)")
    }

    /// Thousands of single-quoted passages, stray marks and attribution-like runs in one paragraph stay
    /// linear (the bound only catches a quadratic scan) and the quote budget holds.
    @Test func manySingleMarksStayLinear() throws {
        let paragraph = String(repeating: "그는 '모두 함께 가자'고 말했다. ", count: 2_000) + String(repeating: "'", count: 20_000)
            + String(repeating: "‘we all go there,’" + String(repeating: " ", count: 60), count: 1_000)
        let start = ContinuousClock.now
        let found = try quotes([paragraph])
        #expect(ContinuousClock.now - start < .seconds(60))
        #expect(found.count == 300)
    }

    @Test func singleMarksInsideADoubleQuoteAreNoQuoteOfTheirOwn() throws {
        let found = try quotes(["관계자는 \"'규범을 지키겠다'고 말한 회사가 먼저 어겼다\"고 말했다."])
        #expect(found.map(\.text) == ["'규범을 지키겠다'고 말한 회사가 먼저 어겼다"])
    }

    // MARK: English

    @Test func saidBeforeAndAfterTheName() throws {
        let found = try speakers([
            "\"We will have a marina,\" said Leigh Sears, the concessions manager.",
            "\"It is not enough,\" Zabaleta said.",
        ])
        #expect(found == ["Leigh Sears", "Zabaleta"])
    }

    @Test func titleAbbreviationsAndLongTitledNames() throws {
        let found = try speakers([
            "\"The power is out,\" said Dr. Sherine Abed, a neonatologist.",
            "\"We saw the car,\" said Miami-Dade Police Detective Alvaro Zabaleta.",
            "\"It was misleading,\" Mr. Marcus said.",
        ])
        #expect(found == ["Sherine Abed", "Alvaro Zabaleta", "Marcus"])
    }

    @Test func nameWithAppositionBeforeTheVerb() throws {
        let found = try speakers([
            "\"We ran out of fuel,\" Dr. Sobhi Skaik, the director of the Turkish Friendship Hospital, said in an interview."
        ])
        #expect(found == ["Sobhi Skaik"])
    }

    @Test func unnamedSourcesAndDescribedNames() throws {
        let found = try speakers([
            "\"That seems wrong,\" said one person during public comment.",
            "\"Meadows screwed everybody,\" said one GOP operative in the state.",
            "\"A device like ours could help,\" said lead author Josh Leipheimer, a doctoral student.",
        ])
        #expect(found == ["one person", "one GOP operative", "Josh Leipheimer"])
    }

    @Test func pronounIsThePersonNamedBeforeInTheParagraph() throws {
        let found = try speakers([
            "\"The situation is bad,\" said Walid Abu Hatab, an obstetrician.",
            "One of the women was Nesma Hajjaj, who was pregnant. \"I am from Gaza City,\" she said.",
        ])
        #expect(found == ["Walid Abu Hatab", "Nesma Hajjaj"])
    }

    @Test func reportingVerbBeforeAFragment() throws {
        let found = try speakers(["Governor Andrew Cuomo said he took \"solace\" from the figures."])
        #expect(found == ["Andrew Cuomo"])
    }

    @Test func attributionClosingTheSentenceAfterAComma() throws {
        let found = try speakers([
            "\"It makes for a compelling story\" if you have blackouts, Mr. Powers said.",
            "There is \"less drive to pick a winner\" in Iowa, said Pat Rynard, an editor.",
        ])
        #expect(found == ["Powers", "Pat Rynard"])
    }

    @Test func verbJustBeforeTheQuoteWinsOverALaterName() throws {
        let found = try speakers([
            "After trust member Peggy Bell asked last week \"Why has this taken four months?\" Mr. Cueto responded."
        ])
        #expect(found == ["Peggy Bell"])
    }

    @Test func englishRulesLeaveKoreanSentencesAlone() throws {
        let found = try speakers(["이어 KTV 인터뷰에서 \"풍향이 좋지 않다\"고 덧붙였다."])
        #expect(found == [nil])
    }
}
