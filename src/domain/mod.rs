//! The planner's domain: host and VM shapes, the size class, the document's
//! outcome table, the advisories beyond it, and how all of it is phrased.
//! Plain Rust, no web or command-line code.

mod admission;
mod advisory;
mod api_checks;
mod cell;
pub mod cluster;
mod codes;
pub mod errors;
mod field;
pub mod fixes;
mod guest_cells;
mod host;
mod host_shape;
mod hugepage_checks;
mod input;
mod manifest;
mod memory;
mod memory_hint;
mod migration;
mod migration_summary;
mod none_policy;
mod number;
mod outcome;
mod placement;
mod policy;
pub mod present;
mod quote;
mod ranges;
mod report;
mod rules;
mod scenario;
mod size;
mod source;
mod status;
mod tuning;
mod verdict;
mod vm;

pub use admission::Check;
pub use advisory::Advisory;
pub use cell::{BadCell, Cell};
pub use codes::{
    AdvisoryCode, CheckCode, CheckResult, HugepageSize, InstancetypeField, Lang, MemoryManager,
    MigrationVerdict, NodeTuning, Policy, RuleSize, SizeClass, Status, Switch, TableSize, Theme,
    UnknownCode, Verdict,
};
pub use field::{flag_of, Field, FieldError, ParseRule, Part, Section, Spec, Way, FIELDS};
pub use guest_cells::{format_guest_cells, GuestCell};
pub use host::Host;
pub use host_shape::{HostShape, HostShapeInput};
pub use input::{
    is_active, set_switch_in, switch_given, switch_of, ClusterSettings, HostInput, HostMode,
    ScenarioInput, VcpuMode, VmInput,
};
pub use manifest::{CpuQuantity, InstancetypeConflicts, ManifestFacts};
pub use memory::{format_bytes, parse_memory};
pub use migration::{
    migrates_for_vcpus, CellsFrom, Direction, Migration, MigrationCheck, MOST_COUNTS,
};
pub use migration_summary::Landing;
pub use number::{parse_count, parse_per_node};
pub use outcome::{CellOutcome, Decision};
pub use placement::{NodeShare, Placement};
pub use policy::ByPolicy;
pub use quote::{printable, quote, QUOTE_LIMIT};
pub use ranges::{join_ranges, ranges_text, works_for_vcpus};
pub use report::Report;
pub use rules::{resolve, Document, Rule, DOCUMENT, RULES};
pub use scenario::Scenario;
pub use size::{Classification, SizeBoundaries};
pub use source::Source;
pub use tuning::{KubeletTuning, Setting};
pub use verdict::PolicyVerdict;
pub use vm::{VcpuSpec, Vm};
