/// Chicago's headline style for English titles, as pandoc sets a `.bib` title: pandoc first
/// lowercases capitalised words (BibTeX titles are often already in title case, and CSL wants
/// sentence case), then CSL capitalises every word but a short list of minor ones.
///
/// Text in braces and math is never changed; words with capitals inside (`arXiv`, `LSTM`),
/// words in other scripts, and one-letter words keep their case.
enum TitleCase {
    enum State {
        case start, startSentence, afterWordEnd, afterWordCharacter, afterSentenceEnd, afterOtherPunctuation
    }

    static func apply(_ text: BibText) -> BibText {
        var state = State.start
        var result = BibText()
        let spanChunks = text.spans.map { chunks($0.text) }
        // Chicago capitalises the last word whatever it is ("A Tale to Think Of").
        var lastWord: (span: Int, chunk: Int)?
        for (spanIndex, list) in spanChunks.enumerated() {
            for (chunkIndex, chunk) in list.enumerated() where chunk.allSatisfy(isAlphanumeric) {
                lastWord = (spanIndex, chunkIndex)
            }
        }
        for (spanIndex, span) in text.spans.enumerated() {
            if span.attributes.contains(.caseProtected) || span.attributes.contains(.math) {
                result.append(span)
                update(&state, after: span.text)
                continue
            }
            var transformed = ""
            for (chunkIndex, chunk) in spanChunks[spanIndex].enumerated() {
                if chunk.allSatisfy(isAlphanumeric) {
                    let isLast = lastWord.map { $0.span == spanIndex && $0.chunk == chunkIndex } ?? false
                    transformed += titleCase(sentenceCase(chunk, state), state, isLast: isLast)
                } else {
                    transformed += chunk
                }
                update(&state, after: chunk)
            }
            result.append(BibSpan(transformed, span.attributes))
        }
        return result
    }

    /// Groups of ASCII letters and digits, of other letters and digits, of spaces; any other
    /// character alone.
    static func chunks(_ text: String) -> [String] {
        var chunks: [String] = []
        var current = ""
        var currentKind = -1
        for character in text {
            let kind: Int
            if isAlphanumeric(character) {
                kind = character.isASCII ? 0 : 1
            } else if character.isWhitespace {
                kind = 2
            } else {
                kind = 3
            }
            if kind == currentKind && kind != 3 {
                current.append(character)
            } else {
                if !current.isEmpty { chunks.append(current) }
                current = String(character)
                currentKind = kind
            }
        }
        if !current.isEmpty { chunks.append(current) }
        return chunks
    }

    static func isAlphanumeric(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    static func update(_ state: inout State, after text: String) {
        guard let last = text.last else { return }
        if ".?!:".contains(last) {
            state = .afterSentenceEnd
        } else if isAlphanumeric(last) {
            state = .afterWordCharacter
        } else if last.isWhitespace, state == .afterSentenceEnd {
            state = .startSentence
        } else if last.isWhitespace || "-/\u{2013}\u{2014}".contains(last) {
            state = .afterWordEnd
        } else {
            state = .afterOtherPunctuation
        }
    }

    static func isCapitalized(_ chunk: String) -> Bool {
        guard let first = chunk.first, first.isUppercase else { return false }
        return chunk.dropFirst().allSatisfy { $0.isLowercase }
    }

    static func capitalize(_ chunk: String) -> String {
        guard let first = chunk.first else { return chunk }
        return first.uppercased() + chunk.dropFirst()
    }

    /// pandoc's reading of a BibTeX title into sentence case.
    static func sentenceCase(_ chunk: String, _ state: State) -> String {
        let atStart = state == .start || state == .startSentence
        if isCapitalized(chunk), !atStart { return chunk.lowercased() }
        if atStart, isCapitalized(chunk) || chunk.allSatisfy({ !$0.isUppercase }) { return capitalize(chunk.lowercased()) }
        return chunk
    }

    /// CSL's title case for one word.
    static func titleCase(_ chunk: String, _ state: State, isLast: Bool) -> String {
        let hasUpper = chunk.contains { $0.isUppercase }
        let hasLower = chunk.contains { $0.isLowercase }
        if hasUpper && hasLower { return chunk }
        if hasUpper { return chunk }
        if !chunk.allSatisfy(\.isASCII) { return chunk }
        switch state {
        case .start, .startSentence:
            return capitalize(chunk.lowercased())
        case .afterWordEnd where (isLast || !stopWords.contains(chunk)) && chunk.count > 1:
            return capitalize(chunk.lowercased())
        default:
            return chunk
        }
    }

    static let stopWords: Set<String> = [
        "a", "an", "and", "as", "at", "but", "by", "down", "for", "from", "in", "into", "nor", "of", "on", "onto",
        "or", "over", "so", "the", "till", "to", "up", "via", "with", "yet", "about", "van", "von", "de", "d", "l",
    ]
}
