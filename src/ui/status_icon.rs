use crate::domain::Status;

/// A symbol beside every status label, so colour is never the only cue.
pub fn icon(status: Status) -> &'static str {
    match status {
        Status::Works => "✓",
        Status::MigrationFails => "⚠",
        Status::FailsToStart => "✕",
        Status::VmDoesNotWork => "✕",
        Status::Ambiguous => "?",
        Status::Unschedulable => "⊘",
    }
}
