/// What one pass over a page found outside its body text: `<head>` tags, JSON-LD, bylines, dates.
struct PageMetadata {
    var documentTitle: String?
    var firstHeading: String?
    var subtitle: String?
    /// The first byline-classed element's text (`<span class="author">`), innermost first.
    var byline: String?
    /// The text of the first date-classed element that holds a date.
    var dateText: String?
    /// The first `<time datetime>`.
    var timeAttribute: String?
    /// `itemprop="datePublished"` as a `content` or `datetime` attribute.
    var itemDatePublished: String?
    /// `property` or `name` (lowercased) to `content`, first occurrence wins.
    var meta: [String: String] = [:]
    var jsonLDScripts: [String] = []
    /// `<html lang>`.
    var language: String?
    /// `<link rel="canonical" href>`.
    var canonicalURL: String?
    /// Text of `rel="author"` links and `itemprop="author"` elements, in page order.
    var authorNames: [String] = []
    /// Elements whose text was read whole for the fields above; bounded by the page budget.
    var elementsRead = 0
}
