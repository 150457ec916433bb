/// Shows a value as the cell's rich output, after whatever the cell printed before it.
public func show(_ value: Any) {
    Session.display(["kind": .string("text"), "text": .string(ValueFormatter.format(value))])
}

/// Shows a table.
public func show(_ table: Table) {
    Session.display(["kind": .string("table"), "table": table.json])
}

/// Shows a figure; Folio draws it as SVG in the page, numbered if the cell has a `fig-` label.
public func show(_ figure: Figure) {
    Session.display(["kind": .string("figure"), "figure": figure.json])
}
