import ArgumentParser

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Create or upgrade the database schema (serve does this too).")

    @OptionGroup var db: DatabaseOptions

    func run() async throws {
        let storage = try await db.open()
        print("Database \(storage.location) is up to date.")
    }
}
