import Foundation

/// `12.5 %` for a share of counts in the evaluation reports; `–` when there is nothing to share.
enum ScorePercent {
    static func text(_ part: Int, _ whole: Int) -> String {
        whole == 0 ? "–" : String(format: "%.1f %%", 100 * Double(part) / Double(whole))
    }
}
