import EnrichStage
import NewslineModels
import Testing

/// Date expressions resolved against the paper's date, on small handmade texts.
struct DateTests {
    func dates(_ text: String, published: String) throws -> [DateMention] {
        var article = GoldenArticle.parsed(golden: ["title": "날짜", "publishedDate": published])
        article.paragraphs = [text]
        return try SharedEnricher.enricher.enrich(article).dates
    }

    @Test func relativeKoreanDays() throws {
        let found = try dates(
            "지난달 29일과 지난 8일, 오는 20일, 이달 15일, 다음 달 1일, 오는 2월 16일, 8월 25일에 열린다.",
            published: "2024-11-12")
        #expect(
            found == [
                DateMention(text: "지난달 29일", date: "2024-10-29"),
                DateMention(text: "지난 8일", date: "2024-11-08"),
                DateMention(text: "오는 20일", date: "2024-11-20"),
                DateMention(text: "이달 15일", date: "2024-11-15"),
                DateMention(text: "다음 달 1일", date: "2024-12-01"),
                DateMention(text: "오는 2월 16일", date: "2025-02-16"),
                DateMention(text: "8월 25일", date: "2024-08-25"),
            ])
    }

    @Test func durationsAndCoarseExpressionsAreNotDates() throws {
        let found = try dates(
            "열대야가 16일째 이어졌다. 기록(16일)과 같다. 16일 연속이다. 지난해와 3분기, 내년 상반기, 지난 3월, 주 4일제.",
            published: "2024-08-07")
        #expect(found.isEmpty)
    }

    @Test func englishWeekdaysAndMonthDays() throws {
        let found = try dates("The city said on Sunday that service starts Sept. 20, not in March.", published: "2024-09-02")
        #expect(found == [DateMention(text: "Sunday", date: "2024-09-01"), DateMention(text: "Sept. 20", date: "2024-09-20")])
    }

    @Test func yearWordsBeforeMonthDays() throws {
        let found = try dates(
            "지난해 12월 25일, 작년 3월 1일, 재작년 5월 5일, 올해 2월 3일, 올 7월 7일, 내년 1월 5일에 열린다.",
            published: "2024-11-12")
        #expect(
            found == [
                DateMention(text: "지난해 12월 25일", date: "2023-12-25"),
                DateMention(text: "작년 3월 1일", date: "2023-03-01"),
                DateMention(text: "재작년 5월 5일", date: "2022-05-05"),
                DateMention(text: "올해 2월 3일", date: "2024-02-03"),
                DateMention(text: "올 7월 7일", date: "2024-07-07"),
                DateMention(text: "내년 1월 5일", date: "2025-01-05"),
            ])
    }

    @Test func dayWordsResolveAroundThePapersDay() throws {
        let found = try dates("그제 만났고 어제는 쉬었다. 오늘(12일) 발표하고 내일부터 모레까지 연다.", published: "2024-11-12")
        #expect(
            found == [
                DateMention(text: "그제", date: "2024-11-10"),
                DateMention(text: "어제", date: "2024-11-11"),
                DateMention(text: "오늘", date: "2024-11-12"),
                DateMention(text: "12일", date: "2024-11-12"),
                DateMention(text: "내일", date: "2024-11-13"),
                DateMention(text: "모레", date: "2024-11-14"),
            ])
    }

    @Test func dayWordsUsedAsNounsAreNotDates() throws {
        let found = try dates("내일이 두려운 시대다. 오늘의 한국은 어제오늘 일이 아니다. 그제서야 알았다.", published: "2024-11-12")
        #expect(found.isEmpty)
    }

    /// 2024-11-13 is a Wednesday; Korean weeks run Monday to Sunday.
    @Test func weekdaysWithTheirWeek() throws {
        let found = try dates(
            "지난주 금요일과 지난 주 목요일, 이번 주 월요일, 다음 주 화요일, 지난 일요일, 오는 토요일에 만났다.",
            published: "2024-11-13")
        #expect(
            found == [
                DateMention(text: "지난주 금요일", date: "2024-11-08"),
                DateMention(text: "지난 주 목요일", date: "2024-11-07"),
                DateMention(text: "이번 주 월요일", date: "2024-11-11"),
                DateMention(text: "다음 주 화요일", date: "2024-11-19"),
                DateMention(text: "지난 일요일", date: "2024-11-10"),
                DateMention(text: "오는 토요일", date: "2024-11-16"),
            ])
    }

    @Test func weekdaysWithoutAWeekAreLeftAlone() throws {
        let found = try dates("매주 목요일 열리고, 수요일인 13일에 만난다.", published: "2024-11-13")
        #expect(found == [DateMention(text: "13일", date: "2024-11-13")])
    }

    @Test func daysWrittenWithTheirMonthOrASuffix() throws {
        let found = try dates(
            "지난 9월23일부터 준비해 지난 6일자로 냈고, 24일오후 모였다. 예정일은 2024년 5월 26일입니다. 전날(14일)에는 쉬었다.",
            published: "2024-11-15")
        #expect(
            found == [
                DateMention(text: "지난 9월23일", date: "2024-09-23"),
                DateMention(text: "지난 6일", date: "2024-11-06"),
                DateMention(text: "24일", date: "2024-11-24"),
                DateMention(text: "2024년 5월 26일", date: "2024-05-26"),
                DateMention(text: "14일", date: "2024-11-14"),
            ])
    }

    @Test func countsOfDaysAndRangeEndsAreNotDates() throws {
        let found = try dates(
            "봄은 19일 길어지고 개화는 3일 당겨졌다. 1일 평균 238회, 4일 연휴, 이달 21∼24일, 3월 11·13·19일.",
            published: "2024-11-15")
        #expect(found.isEmpty)
    }

    @Test func noPublishedDateMeansNoDates() throws {
        var article = GoldenArticle.parsed(golden: ["title": "날짜"])
        article.paragraphs = ["15일 발표했다."]
        #expect(try SharedEnricher.enricher.enrich(article).dates.isEmpty)
    }
}
