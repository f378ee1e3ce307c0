import Foundation
import Hummingbird

/// The languages the web sheet speaks. French first: the 3018 is French.
enum WebLanguage: String, Sendable, CaseIterable {
    case fr, en

    var other: WebLanguage { self == .fr ? .en : .fr }

    /// `lang=` wins (the switch link sets it), then the browser's Accept-Language in its
    /// order of preference, then English.
    static func negotiate(explicit: String?, acceptLanguage: String?) -> WebLanguage {
        if let explicit, let language = fromTag(explicit) { return language }
        guard let acceptLanguage else { return .en }
        var ranked: [(language: WebLanguage, quality: Double, position: Int)] = []
        for (position, item) in acceptLanguage.split(separator: ",").enumerated() {
            let parts = item.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = parts.first, let language = fromTag(tag) else { continue }
            var quality = 1.0
            for parameter in parts.dropFirst() where parameter.hasPrefix("q=") {
                quality = Double(parameter.dropFirst(2)) ?? 0
            }
            if quality > 0 { ranked.append((language, quality, position)) }
        }
        return ranked.sorted { ($0.quality, -$0.position) > ($1.quality, -$1.position) }.first?.language ?? .en
    }

    private static func fromTag(_ tag: String) -> WebLanguage? {
        let primary = tag.split(separator: "-").first.map { $0.lowercased() } ?? ""
        return WebLanguage(rawValue: primary)
    }

    static func of(_ request: Request, fields: FormFields) -> WebLanguage {
        negotiate(explicit: fields.nonEmpty("lang"), acceptLanguage: request.headers[.acceptLanguage])
    }
}
