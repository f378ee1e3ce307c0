import RelaisCore

/// Categories whose content is blurred until a moderator chooses to see it.
enum SensitiveContent {
    static let categories: Set<ReportCategory> = [.intimateImages, .sextortion, .grooming, .selfHarm]
}
