import NewslineModels
import Testing

@testable import ParseStage

/// Bylines and printed dates in the forms newspapers print them.
struct BylineAndDateTests {
    @Test(arguments: [
        ("실리콘밸리=오로라 특파원", "실리콘밸리", [Author(name: "오로라", role: "특파원")]),
        ("김철수·이영희 기자", nil, [Author(name: "김철수", role: "기자"), Author(name: "이영희", role: "기자")]),
        ("정하늘 기자, 윤도현 기자", nil, [Author(name: "정하늘", role: "기자"), Author(name: "윤도현", role: "기자")]),
        ("김철수, 이영희 기자", nil, [Author(name: "김철수", role: "기자"), Author(name: "이영희", role: "기자")]),
        ("한승민 논설위원", nil, [Author(name: "한승민", role: "논설위원")]),
        ("By Kim Min-ji, Staff Reporter", nil, [Author(name: "Kim Min-ji", role: "Staff Reporter")]),
        ("By Jane Doe and John Roe", nil, [Author(name: "Jane Doe", role: nil), Author(name: "John Roe", role: nil)]),
        ("글·사진=서지현 기자", nil, [Author(name: "서지현", role: "기자")]),
        ("사진=김사진 기자", nil, [Author(name: "김사진", role: "기자")]),
        ("부산=조현우 기자 hyunwoo@hanbit.example", "부산", [Author(name: "조현우", role: "기자")]),
        ("오로라특파원", nil, [Author(name: "오로라", role: "특파원")]),
        ("홍길동", nil, [Author(name: "홍길동", role: nil)]),
    ] as [(String, String?, [Author])])
    func readsByline(printed: String, dateline: String?, authors: [Author]) throws {
        let byline = try #require(BylineParser.parse(printed))
        #expect(byline.raw == printed)
        #expect(byline.dateline == dateline)
        #expect(byline.authors == authors)
    }

    @Test func blankBylineIsNil() {
        #expect(BylineParser.parse(" \u{00A0}\t") == nil)
    }

    @Test(arguments: [
        ("2024-05-21T00:10:00+09:00", "2024-05-21", "2024-05-21T00:10:00+09:00"),
        ("2024-05-20T15:10:00Z", "2024-05-20", "2024-05-20T15:10:00Z"),
        ("2024.04.03", "2024-04-03", nil),
        ("기사입력 2006.03.14 06:12", "2006-03-14", nil),
        ("입력 : 2024-10-08 11:20", "2024-10-08", nil),
        ("2024년 4월 3일", "2024-04-03", nil),
        ("2024/2/29", "2024-02-29", nil),
    ] as [(String, String, String?)])
    func readsDate(text: String, day: String, timestamp: String?) throws {
        let date = try #require(PublicationDate(text))
        #expect(date.day == day)
        #expect(date.timestamp == timestamp)
    }

    @Test(arguments: ["2023-02-29", "2024-13-01", "12024-01-01", "내일", "", "2024-1"])
    func rejectsImpossibleDates(text: String) {
        #expect(PublicationDate(text) == nil)
    }

    @Test(arguments: [
        ("유통가 '30분 배송' 전쟁 | 한빛경제", nil, "유통가 '30분 배송' 전쟁"),
        ("제주 감귤 수확 - 한빛일보", nil, "제주 감귤 수확"),
        ("한빛일보 :: 제주 감귤 수확", nil, "제주 감귤 수확"),
        ("삼성전자 - 애플 특허 분쟁 재점화", nil, "삼성전자 - 애플 특허 분쟁 재점화"),
        ("Buses run late | The Hanbit Times", "The Hanbit Times", "Buses run late"),
    ] as [(String, String?, String)])
    func stripsSiteNameFromTitle(title: String, siteName: String?, expected: String) {
        #expect(HTMLArticleParser.withoutSiteName(title, siteName: siteName) == expected)
    }
}
