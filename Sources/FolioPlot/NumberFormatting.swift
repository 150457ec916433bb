import Foundation

/// Locale-free number formatting: the same digits on every machine, a true minus sign (U+2212)
/// in text, and never `−0`.
enum NumberFormatting {
    /// The minus sign readers see in labels and descriptions.
    static let minus = "\u{2212}"

    /// `value` with exactly `decimals` digits after the point (0…12), rounded half away from
    /// zero, with U+2212 for negatives. Values too large for exact integer arithmetic fall back to
    /// Swift's shortest round-trip form.
    static func fixed(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "NaN" : (value < 0 ? minus + "∞" : "∞") }
        let decimals = min(max(decimals, 0), 12)
        let scale = power10(decimals)
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        guard scaled < 9.0e15 else { return signed(String(describing: abs(value)), negative: value < 0) }
        let units = UInt64(scaled)
        if units == 0 { return decimals == 0 ? "0" : "0." + String(repeating: "0", count: decimals) }
        var digits = String(units)
        if decimals > 0 {
            if digits.count <= decimals {
                digits = String(repeating: "0", count: decimals - digits.count + 1) + digits
            }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -decimals))
        }
        return signed(digits, negative: value < 0)
    }

    /// A data value for labels and descriptions: at most `significant` significant digits, no
    /// trailing zeros, plain decimal notation from 10⁻⁴ to 10⁹ and `m×10^e` markup outside it.
    static func value(_ value: Double, significant: Int = 3) -> String {
        guard value.isFinite, value != 0 else { return fixed(value, decimals: 0) }
        var exponent = decadeExponent(value)
        if exponent < -4 || exponent > 9 {
            var mantissa = value / power10(exponent)
            // 10^200 by repeated multiplication is a little off: a mantissa that rounds to 10
            // is written 1×10^(n+1), not 10×10^n.
            let scale = power10(significant - 1)
            if abs((mantissa * scale).rounded() / scale) >= 10 {
                exponent += 1
                mantissa = value / power10(exponent)
            }
            return trimmed(fixed(mantissa, decimals: significant - 1)) + "×10^{" + signed(String(abs(exponent)), negative: exponent < 0) + "}"
        }
        let decimals = max(0, significant - 1 - exponent)
        return trimmed(fixed(value, decimals: decimals))
    }

    /// A coordinate for SVG attributes and path data: at most two decimals, ASCII minus, no `-0`.
    static func coordinate(_ value: Double) -> String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(12)
        appendCoordinate(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `coordinate(value)` as ASCII; path data is built this way, without a String per number.
    static func appendCoordinate(_ value: Double, to bytes: inout [UInt8]) {
        let hundredths = value.isFinite ? (value * 100).rounded(.toNearestOrAwayFromZero) : 0
        guard abs(hundredths) < 9.0e15, hundredths != 0 else {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        if hundredths < 0 { bytes.append(UInt8(ascii: "-")) }
        let magnitude = UInt64(abs(hundredths))
        let whole = magnitude / 100
        let fraction = Int(magnitude % 100)
        var divisor: UInt64 = 1
        while divisor <= whole / 10 { divisor *= 10 }
        repeat {
            bytes.append(UInt8(ascii: "0") + UInt8(whole / divisor % 10))
            divisor /= 10
        } while divisor > 0
        if fraction != 0 {
            bytes.append(UInt8(ascii: "."))
            bytes.append(UInt8(ascii: "0") + UInt8(fraction / 10))
            if fraction % 10 != 0 { bytes.append(UInt8(ascii: "0") + UInt8(fraction % 10)) }
        }
    }

    /// 10ⁿ, exact for the integer powers we use.
    static func power10(_ exponent: Int) -> Double {
        var result = 1.0
        if exponent >= 0 {
            for _ in 0..<exponent { result *= 10 }
            return result
        }
        for _ in 0 ..< -exponent { result *= 10 }
        return 1 / result
    }

    private static func signed(_ digits: String, negative: Bool) -> String {
        negative ? minus + digits : digits
    }

    /// Removes trailing fractional zeros and a dangling point: "2.50" → "2.5", "3.0" → "3".
    private static func trimmed(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: ".")) else { return text }
        var result = Substring(text)
        while result.hasSuffix("0") { result = result.dropLast() }
        if result.hasSuffix(".") { result = result.dropLast() }
        return String(result)
    }
}

/// ⌊log₁₀ |value|⌋, exact at powers of ten (where `log10` may land a hair below the integer).
func decadeExponent(_ value: Double) -> Int {
    let magnitude = abs(value)
    guard magnitude > 0, magnitude.isFinite else { return 0 }
    var exponent = Int(log10(magnitude).rounded(.down))
    if NumberFormatting.power10(exponent + 1) <= magnitude { exponent += 1 }
    if NumberFormatting.power10(exponent) > magnitude { exponent -= 1 }
    return exponent
}
