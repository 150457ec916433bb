import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// HTTP's dates (RFC 9110 §5.6.7): the `Date` header's value, made once a second, and the dates
/// conditional requests carry, read in all three of the formats a recipient must accept.
struct HTTPDate {
    private var second = -1
    private var text = ""

    private static let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    mutating func now() -> String {
        var clock = time(nil)
        guard clock != second else { return text }
        var parts = tm()
        gmtime_r(&clock, &parts)
        second = clock
        text = Self.format(parts)
        return text
    }

    /// The IMF-fixdate of a moment: `Thu, 26 Nov 2026 03:46:44 GMT`.
    static func format(_ parts: tm) -> String {
        func twoDigits(_ value: Int32) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(days[Int(parts.tm_wday)]), \(twoDigits(parts.tm_mday)) \(months[Int(parts.tm_mon)]) \(1900 + parts.tm_year) "
            + "\(twoDigits(parts.tm_hour)):\(twoDigits(parts.tm_min)):\(twoDigits(parts.tm_sec)) GMT"
    }

    /// The seconds since 1970 that `text` names, or `nil` when it is not an HTTP-date: an
    /// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), or one of the obsolete RFC 850
    /// (`Sunday, 06-Nov-94 08:49:37 GMT`) and asctime (`Sun Nov  6 08:49:37 1994`) forms. The day
    /// of the week is not checked against the date, as nginx does not check it.
    static func seconds(from text: String) -> Int? {
        let words = text.split(separator: " ", omittingEmptySubsequences: true)
        var day: Int?, month: Int?, year: Int?, clock: Substring?
        switch words.count {
        case 6 where words[0].hasSuffix(",") && words[5] == "GMT":
            // IMF-fixdate: `Sun, 06 Nov 1994 08:49:37 GMT`.
            guard words[1].count == 2, words[3].count == 4 else { return nil }
            (day, month, year, clock) = (Int(words[1]), monthNumber(words[2]), Int(words[3]), words[4])
        case 4 where words[0].hasSuffix(",") && words[3] == "GMT":
            // RFC 850: `Sunday, 06-Nov-94 08:49:37 GMT`; a two-digit year is the 1900s before 70.
            let parts = words[1].split(separator: "-", omittingEmptySubsequences: false)
            guard parts.count == 3, parts[0].count == 2, parts[2].count == 2, let short = Int(parts[2]) else { return nil }
            (day, month, year, clock) = (Int(parts[0]), monthNumber(parts[1]), short < 70 ? 2000 + short : 1900 + short, words[2])
        case 5:
            // asctime: `Sun Nov  6 08:49:37 1994`.
            guard words[2].count <= 2, words[4].count == 4 else { return nil }
            (day, month, year, clock) = (Int(words[2]), monthNumber(words[1]), Int(words[4]), words[3])
        default:
            return nil
        }
        let time = clock?.split(separator: ":", omittingEmptySubsequences: false) ?? []
        guard let day, let month, let year, time.count == 3, time.allSatisfy({ $0.count == 2 }),
              let hour = Int(time[0]), let minute = Int(time[1]), let second = Int(time[2]),
              (1...31).contains(day), (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second),
              text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        return Int(timegm(&parts))
    }

    private static func monthNumber(_ name: some StringProtocol) -> Int? {
        months.firstIndex { $0 == name }
    }
}
