import Foundation

/// A tenant's changes to the shipped directory (its own safety centre, lines it hides, the
/// order it prefers), from the tenant config.
public struct HelplineOverrides: Sendable, Codable, Equatable {
    /// Entries to add, in the directory's format; validated like the shipped data.
    public var add: [Helpline]
    /// Ids to hide.
    public var hide: [String]
    /// Ids to put first, in this order, within their country.
    public var order: [String]

    public init(add: [Helpline] = [], hide: [String] = [], order: [String] = []) {
        self.add = add
        self.hide = hide
        self.order = order
    }

    public var isEmpty: Bool { add.isEmpty && hide.isEmpty && order.isEmpty }

    enum CodingKeys: String, CodingKey { case add, hide, order }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        add = try c.decodeIfPresent([Helpline].self, forKey: .add) ?? []
        hide = try c.decodeIfPresent([String].self, forKey: .hide) ?? []
        order = try c.decodeIfPresent([String].self, forKey: .order) ?? []
    }
}
