use super::codes::Status;
use crate::i18n::tr;

impl Status {
    /// Short label for a grid cell.
    pub fn label(self) -> &'static str {
        match self {
            Status::Works => tr("Migrates"),
            Status::MigrationFails => tr("Migration fails"),
            Status::FailsToStart => tr("Fails to start"),
            Status::VmDoesNotWork => tr("Does not work"),
            Status::Ambiguous => tr("Undefined"),
            Status::Unschedulable => tr("Cannot run"),
            Status::NotApplicable => tr("Does not apply"),
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
