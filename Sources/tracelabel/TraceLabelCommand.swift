import ArgumentParser

/// `tracelabel`: allocate, register and print quality-safety trace codes.
@main
struct TraceLabelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracelabel",
        abstract: "Allocate, register and print quality-safety trace codes (GS1 Digital Link or Ecode QR labels).",
        discussion: """
        Exit status: 0 success; 64 bad command line; 65 bad input data (product file, codes, pool files; a serial space \
        or pool used up); 66 a registry or input file that does not exist; \
        73 an output cannot be created (exists, not writable); 74 I/O failure during a job \
        (the registry records how far it got).
        """,
        subcommands: [IssueCommand.self, CheckCommand.self, TemplateCommand.self, VerifyCommand.self, CheckpointCommand.self,
                      KeygenCommand.self, ReportCommand.self, VerifyRangeCommand.self, ReconcileCommand.self, VoidCommand.self,
                      ReprintCommand.self, LookupCommand.self, PoolCommand.self, ProductCommand.self, PublicViewCommand.self,
                      FlowCommand.self, RecallCommand.self, PartyCommand.self, ExportCommand.self, RetentionCommand.self,
                      ServeCommand.self, TokenCommand.self, RegistryCommand.self])
}
