/// Row lookup `table[ids]`: ids of any shape → `ids.shape + [width]`; the gradient scatters back into
/// the rows that were read.
public func embedding(_ ids: [Int], shape idsShape: [Int], table: Variable) -> Variable {
    precondition(table.shape.count == 2, "embedding: table must be [vocabulary, width], got \(table.shape)")
    precondition(ids.count == Shape.count(idsShape), "embedding: \(ids.count) ids for shape \(idsShape)")
    let (vocabulary, width) = (table.shape[0], table.shape[1])
    for id in ids { precondition(id >= 0 && id < vocabulary, "embedding: token id \(id) outside vocabulary of \(vocabulary)") }
    let source = table.value
    let output = Tensor(uninitialized: idsShape + [width])  // every row copied below
    for (row, id) in ids.enumerated() {
        (output.data + row * width).update(from: source.data + id * width, count: width)
    }
    return Variable.record(output, inputs: [table]) { gradient in
        // A parameter's gradient buffer already exists (ParameterSet): scatter the few rows straight into
        // it instead of materialising a dense vocabulary × width tensor (113 MB for SmolLM2) to add later.
        if table.isLeaf, let existing = table.gradient {
            for (row, id) in ids.enumerated() {
                Elementwise.addInPlace(existing.data + id * width, gradient.data + row * width, count: width)
            }
            return [nil]
        }
        let result = Tensor(zeros: source.shape)
        for (row, id) in ids.enumerated() {
            Elementwise.addInPlace(result.data + id * width, gradient.data + row * width, count: width)
        }
        return [result]
    }
}
