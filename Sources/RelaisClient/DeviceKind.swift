import RelaisCore

/// The kind of device the help window is drawn on: it decides which action comes first.
public enum DeviceKind: String, Sendable, Equatable, CaseIterable {
    /// A device that places calls: the call button first, then texts, chats, links.
    case phone
    /// A computer (or a tablet without calls): the number shown as text to dial from a
    /// phone, and the chat first, then links; call buttons last.
    case desktop

    /// Action kinds by preference on this device.
    var preference: [SupportCard.Action.Kind] {
        switch self {
        case .phone: [.call, .sms, .chat, .app, .link]
        case .desktop: [.chat, .link, .app, .call, .sms]
        }
    }
}


