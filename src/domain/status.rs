use std::fmt;

/// What happens to a VM in one cell of the grid.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Works,
    MigrationFails,
    FailsToStart,
    VmDoesNotWork,
    /// The document's rows disagree for this VM (exact half of a node).
    Ambiguous,
    /// The VM needs more CPUs than the host has (beyond the document).
    Unschedulable,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Works,
        Status::MigrationFails,
        Status::FailsToStart,
        Status::VmDoesNotWork,
        Status::Ambiguous,
        Status::Unschedulable,
    ];

    /// Stable code, as in the command's JSON and the page's `data-status`.
    pub const fn code(self) -> &'static str {
        match self {
            Status::Works => "works",
            Status::MigrationFails => "migration-fails",
            Status::FailsToStart => "fails-to-start",
            Status::VmDoesNotWork => "vm-does-not-work",
            Status::Ambiguous => "ambiguous",
            Status::Unschedulable => "unschedulable",
        }
    }

    /// Short label for a grid cell.
    pub const fn label(self) -> &'static str {
        match self {
            Status::Works => "Migrates",
            Status::MigrationFails => "Migration fails",
            Status::FailsToStart => "Fails to start",
            Status::VmDoesNotWork => "Does not work",
            Status::Ambiguous => "Undefined",
            Status::Unschedulable => "Cannot run",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
