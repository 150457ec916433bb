import FolioModel

/// Gives every heading an anchor made from its text, unique within the chapter, the way pandoc
/// and Quarto do, keeping Chinese characters (`## 练习` → `练习`, the second → `练习-1`).
enum HeadingAnchors {
    /// A heading with a `{#label}` has that anchor; the others' anchors keep clear of them
    /// (`hasLabels`: whether any heading has one, so a chapter without is walked once).
    static func assign(_ blocks: inout [Block], hasLabels: Bool) {
        var used: [String: Int] = [:]
        if hasLabels {
            blocks.forEachLeaf { block in
                if case .heading(let heading) = block, let label = heading.label { used[label] = 1 }
            }
        }
        blocks.updateLeaves { block in
            guard case .heading(var heading) = block else { return }
            if let label = heading.label {
                heading.id = label
                block = .heading(heading)
                return
            }
            let base = anchor(for: heading.content.plainText)
            var candidate = base
            while let count = used[candidate] {
                used[candidate] = count + 1
                candidate = "\(base)-\(count)"
            }
            used[candidate] = 1
            heading.id = candidate
            block = .heading(heading)
        }
    }

    /// Lower case; letters, digits, `_`, `-` and `.` kept; spaces to hyphens; the rest dropped.
    static func anchor(for text: String) -> String {
        var result = ""
        for character in text.lowercased() {
            if character.isLetter || character.isNumber || character == "_" || character == "-" || character == "." {
                result.append(character)
            } else if character.isWhitespace, !result.isEmpty, result.last != "-" {
                result.append("-")
            }
        }
        while result.last == "-" { result.removeLast() }
        while let first = result.first, !first.isLetter { result.removeFirst() }
        return result.isEmpty ? "section" : result
    }
}
