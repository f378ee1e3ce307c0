/// What a helpline is for, as the policy uses it.
public enum HelplineRole: String, Sendable, Codable, CaseIterable {
    /// Online harm and cyber-harassment for young people (France's 3018).
    case youthOnlineHarm = "youth_online_harm"
    /// A general child and youth helpline (116 111 in most of Europe).
    case childHelpline = "child_helpline"
    /// Children in danger, abuse (France's 119).
    case childProtection = "child_protection"
    /// Suicide prevention (France's 3114, 116 123).
    case suicidePrevention = "suicide_prevention"
    /// An emergency number (17, 112, 911).
    case emergency
    /// Health and well-being line for young people.
    case youthWellbeing = "youth_wellbeing"
    /// Accessible emergency contact (SMS, video) for deaf or hard-of-hearing people.
    case accessibleEmergency = "accessible_emergency"
    /// A line an adult can call about harassment, a crisis, or being a victim.
    case adultSupport = "adult_support"
}
