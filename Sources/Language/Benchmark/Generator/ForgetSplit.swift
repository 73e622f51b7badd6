/// TOFU's forget splits: the last 1%, 5% or 10% of authors, with the rest as the retain split.
public enum ForgetSplit: Int, CaseIterable, Sendable, Hashable {
    case forget01 = 1
    case forget05 = 5
    case forget10 = 10

    public var percent: Int { rawValue }
    /// "forget01"
    public var name: String { "forget" + Self.twoDigits(percent) }
    /// "retain99"
    public var retainName: String { "retain" + Self.twoDigits(100 - percent) }
    /// "holdout01": never-trained authors, as many as this forget split has.
    public var holdoutName: String { "holdout" + Self.twoDigits(percent) }

    /// Authors forgotten out of `total`, rounded half up but never zero so tiny presets still forget someone.
    public func authorCount(of total: Int) -> Int {
        max(1, (total * percent + 50) / 100)
    }

    private static func twoDigits(_ number: Int) -> String {
        number < 10 ? "0\(number)" : "\(number)"
    }
}
