import Foundation

/// How cells' values are written for the reader: numbers to a number of significant digits,
/// arrays of numbers with one shared number of decimals, like a notebook prints them.
public enum ValueFormatter {
    /// Significant digits for numbers; the chapter's `digits` front matter sets it.
    nonisolated(unsafe) public static var digits = 4

    /// The text a reader sees for `value`.
    public static func format(_ value: Any, digits: Int = ValueFormatter.digits) -> String {
        if let number = asDouble(value) { return format(number, digits: digits) }
        if let numbers = asDoubles(value) { return "(" + aligned(numbers, digits: digits).joined(separator: ", ") + ")" }
        if let rows = value as? [[Double]] { return "(" + rows.map { "(" + aligned($0, digits: digits).joined(separator: ", ") + ")" }.joined(separator: ", ") + ")" }
        if let integers = value as? [Int] { return "(" + integers.map(String.init).joined(separator: ", ") + ")" }
        if let text = value as? String { return text }
        return String(describing: value)
    }

    /// One number to `digits` significant digits, trailing zeros dropped: 0.3145, 2, 10000.
    public static func format(_ number: Double, digits: Int) -> String {
        guard number.isFinite else { return number.isNaN ? "NaN" : (number < 0 ? "-∞" : "∞") }
        if number == 0 { return "0" }
        let magnitude = Int(floor(log10(abs(number))))
        if magnitude < -5 || magnitude >= 15 {
            return String(format: "%.\(max(0, digits - 1))e", number)
        }
        return trimmed(String(format: "%.\(max(0, digits - 1 - magnitude))f", number))
    }

    /// Numbers that belong together, with the decimals the largest needs for `digits`
    /// significant digits, so they line up: (0.3145, 0.0095, 0.6334, 0.0426); each on its own
    /// when all are exact and shared decimals would show one as another: (0.1, 0.5, 1, 10000).
    public static func aligned(_ numbers: [Double], digits: Int) -> [String] {
        let largest = numbers.filter(\.isFinite).map(abs).max() ?? 0
        guard largest > 0 else { return numbers.map { format($0, digits: digits) } }
        let magnitude = Int(floor(log10(largest)))
        if magnitude < -5 || magnitude >= 15 { return numbers.map { format($0, digits: digits) } }
        let decimals = max(0, digits - 1 - magnitude)
        var texts = numbers.map { $0.isFinite ? String(format: "%.\(decimals)f", $0) : format($0, digits: digits) }
        // Drop zeros every number ends with: (1, 2, 3), not (1.000, 2.000, 3.000).
        while texts.allSatisfy({ !$0.contains(".") || $0.hasSuffix("0") }),
              texts.contains(where: { $0.contains(".") && $0.hasSuffix("0") }) {
            texts = texts.map { $0.contains(".") ? String($0.dropLast()) : $0 }
        }
        texts = texts.map { $0.hasSuffix(".") ? String($0.dropLast()) : $0 }.map { $0 == "-0" ? "0" : $0 }
        // Shared decimals suit measurements, not exact values of mixed sizes such as parameters
        // (0.1, 0.5, …, 10000), where they would show 0.1 as 0: when every number can be shown
        // exactly and shared decimals would show one as another, each is written on its own.
        let isExact = { (number: Double) in !number.isFinite || Double(format(number, digits: digits)) == number }
        let hidesAnExactValue = numbers.allSatisfy(isExact)
            && zip(numbers, texts).contains { number, text in number.isFinite && Double(text) != number }
        return hidesAnExactValue ? numbers.map { format($0, digits: digits) } : texts
    }

    private static func trimmed(_ text: String) -> String {
        guard text.contains(".") else { return text == "-0" ? "0" : text }
        var result = Substring(text)
        while result.hasSuffix("0") { result = result.dropLast() }
        if result.hasSuffix(".") { result = result.dropLast() }
        return result == "-0" ? "0" : String(result)
    }

    static func asDouble(_ value: Any) -> Double? {
        switch value {
        case let number as Double: return number
        case let number as Float: return Double(number)
        default: return nil
        }
    }

    static func asDoubles(_ value: Any) -> [Double]? {
        switch value {
        case let numbers as [Double]: return numbers
        case let numbers as [Float]: return numbers.map(Double.init)
        default: return nil
        }
    }
}
