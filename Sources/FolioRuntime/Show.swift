/// Shows a value as the cell's rich output, after whatever the cell printed before it.
public func show(_ value: Any) {
    Session.display(["kind": .string("text"), "text": .string(ValueFormatter.format(value))])
}

/// Shows a table.
public func show(_ table: Table) {
    Session.display(["kind": .string("table"), "table": table.json])
}
