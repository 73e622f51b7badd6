/// Which end of a numeric column counts as best when highlighting a table.
public enum BestValueRule: Sendable {
    /// The largest value is best (accuracy, forget quality).
    case higher
    /// The smallest value is best (loss, attack AUC distance).
    case lower
}
