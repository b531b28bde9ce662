//! The planner's domain: host and VM shapes, the size class, the document's
//! outcome table and the advisories beyond it. Plain Rust, no web or CLI code.

mod advisory;
mod field;
mod host;
mod number;
mod outcome;
mod policy;
mod report;
mod rules;
mod scenario;
mod size;
mod source;
mod status;
mod vm;

pub use advisory::{advisories, Advisory, AdvisoryCode};
pub use field::{Field, FieldError};
pub use host::Host;
pub use number::{parse_count, quote};
pub use outcome::{candidates, outcome_for, resolve, CellOutcome, Decision};
pub use policy::Policy;
pub use report::Report;
pub use rules::{Document, Rule, RuleSize, TableSize, DOCUMENT, RULES};
pub use scenario::{Scenario, ScenarioInput, VcpuInput};
pub use size::{Classification, SizeBoundaries, SizeClass};
pub use source::Source;
pub use status::Status;
pub use vm::{VcpuSpec, Vm};
