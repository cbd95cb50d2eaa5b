extension HashIndex {
    /// Files the `StableHash` of every non-empty prefix of `scalars` (value 1), so that a scan extending a
    /// match scalar by scalar can stop at the first prefix nothing filed starts with. A hash collision only
    /// lets such a scan go on, never stops it early.
    mutating func setPrefixes(of scalars: some Sequence<Unicode.Scalar>) {
        var h = StableHash.offset
        for scalar in scalars {
            h = StableHash.combine(h, scalar.value)
            set(1, for: h)
        }
    }
}
