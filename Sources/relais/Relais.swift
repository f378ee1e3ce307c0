import ArgumentParser

@main
struct Relais: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relais",
        abstract: "Report-to-help service: records reports as DSA notices and answers with the help card.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, TenantsCommand.self, UsersCommand.self, SupportCommand.self, DirectoryCommand.self,
            WebhooksCommand.self, FlaggersCommand.self, DSACommand.self, EvidenceCommand.self,
        ],
        defaultSubcommand: nil
    )
}
