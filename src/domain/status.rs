use super::codes::Status;

impl Status {
    /// Short label for a grid cell.
    pub const fn label(self) -> &'static str {
        match self {
            Status::Works => "Migrates",
            Status::MigrationFails => "Migration fails",
            Status::FailsToStart => "Fails to start",
            Status::VmDoesNotWork => "Does not work",
            Status::Ambiguous => "Undefined",
            Status::Unschedulable => "Cannot run",
            Status::NotApplicable => "Does not apply",
        }
    }

    /// A symbol beside every status label, so colour is never the only cue.
    pub const fn icon(self) -> &'static str {
        match self {
            Status::Works => "✓",
            Status::MigrationFails => "⚠",
            Status::FailsToStart | Status::VmDoesNotWork => "✕",
            Status::Ambiguous => "?",
            Status::Unschedulable => "⊘",
            Status::NotApplicable => "–",
        }
    }
}
