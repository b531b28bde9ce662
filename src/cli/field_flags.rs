//! The scenario's text flags, built from the input table (`FIELDS`): one
//! `--KEY` flag per input, and `--b-KEY` for each host input of the compared
//! host. Their help, value names and the rules between them (one way of
//! giving the host or the vCPUs at a time) come from the table's rows.

use crate::domain::{Field, ParseRule, Section, Way};
use crate::form::Side;
use clap::{Arg, ArgMatches, Args, Command, FromArgMatches};

/// The flags' heading for the compared host in `--help`.
const COMPARE_HEADING: &str =
    "Compare with a second host (the same VM, kubelet options and policy)";

/// What the text flags gave: each value with its side and field.
#[derive(Debug, Default)]
pub struct FieldFlags {
    given: Vec<(Side, Field, String)>,
}

impl FieldFlags {
    /// The text a flag gave, if it was given.
    pub fn get(&self, side: Side, field: Field) -> Option<&str> {
        self.given
            .iter()
            .find(|(s, f, _)| *s == side && *f == field)
            .map(|(_, _, text)| text.as_str())
    }

    /// Every flag given on one side, in the table's order.
    pub fn on(&self, side: Side) -> impl Iterator<Item = (Field, &str)> {
        self.given
            .iter()
            .filter(move |(s, _, _)| *s == side)
            .map(|(_, f, text)| (*f, text.as_str()))
    }

    /// Whether every required field of one way was given on one side (the
    /// NUMA nodes and their CPUs; the cores per socket of a host as bought).
    pub fn gives_required(&self, side: Side, way: Way) -> bool {
        Field::ALL
            .into_iter()
            .filter(|f| f.way() == way && !f.is_optional())
            .all(|f| self.get(side, f).is_some())
    }

    /// Whether any flag of one way of giving the host or the vCPUs was given.
    pub fn gives(&self, side: Side, way: Way) -> bool {
        self.on(side).any(|(f, _)| f.way() == way)
    }
}

/// Every (side, field) that has a flag: all inputs on the main side, the
/// host's on the compared side.
fn flags() -> impl Iterator<Item = (Side, Field)> {
    Side::BOTH
        .into_iter()
        .flat_map(|side| side.fields().map(move |f| (side, f)))
}

/// The ids (link keys) of one way's fields on one side.
fn ids(side: Side, way: Way) -> Vec<&'static str> {
    Field::ALL
        .into_iter()
        .filter(|f| f.way() == way)
        .map(|f| side.key(f))
        .collect()
}

/// The one field of a way that must be given for the way to be read (the
/// cores per socket of a host as bought).
fn required_of(way: Way) -> Option<Field> {
    Field::ALL
        .into_iter()
        .find(|f| f.way() == way && !f.is_optional())
}

fn help(side: Side, field: Field) -> String {
    if side == Side::Compare {
        return format!(
            "Second host: {} (as {}).",
            field.label(),
            Side::Main.flag(field)
        );
    }
    let whose = match field.section() {
        Section::HostAsBought => "host as bought",
        Section::HostNodes | Section::HostSmt | Section::HostDetails | Section::HostRunning => {
            "host"
        }
        Section::VcpuCount | Section::VcpuTopology | Section::Vm | Section::VmMemory => "VM",
    };
    let (min, max) = field.bounds();
    let range = match field.rule() {
        ParseRule::Count => format!("{min}-{max} {}", field.unit()),
        ParseRule::PerNode => format!("{min}-{max} {} each", field.unit()),
        ParseRule::Quantity | ParseRule::GuestCells => field.unit().to_string(),
    };
    let hint = field.hint();
    let (hint, optional) = match hint.strip_prefix("Optional: ") {
        Some(rest) => (rest, "; optional"),
        None => (hint, ""),
    };
    format!("{hint} [{whose}; {range}{optional}]")
}

fn arg(side: Side, field: Field) -> Arg {
    let key = side.key(field);
    let value_name = match field.rule() {
        ParseRule::Count => "N",
        ParseRule::PerNode => "LIST",
        ParseRule::Quantity => "QTY",
        ParseRule::GuestCells => "CELLS",
    };
    let mut arg = Arg::new(key)
        .long(side.flag(field)[2..].to_string())
        .value_name(value_name)
        .allow_hyphen_values(true)
        .help(help(side, field));
    if side == Side::Compare {
        arg = arg.help_heading(COMPARE_HEADING);
    }
    // One way of giving the host and the vCPUs at a time.
    let other = match field.way() {
        Way::Nodes => Some(Way::AsBought),
        Way::Count => Some(Way::Topology),
        _ => None,
    };
    if let Some(other) = other {
        arg = arg.conflicts_with_all(ids(side, other));
    }
    if side == Side::Main && !field.is_optional() {
        // What a file or the other way can give instead.
        let instead: Vec<&'static str> = match field.way() {
            Way::Nodes => ["host_file"]
                .into_iter()
                .chain(required_of(Way::AsBought).map(Field::key))
                .collect(),
            // A host file's running domain (virsh dumpxml) gives the
            // vCPUs too; `ScenarioArgs::form` checks that one did.
            Way::Count => ids(side, Way::Topology)
                .into_iter()
                .chain(["vm_file", "host_file"])
                .collect(),
            _ => Vec::new(),
        };
        if !instead.is_empty() {
            arg = arg.required_unless_present_any(instead);
        }
    }
    if side == Side::Main && field.way() == Way::AsBought && field.is_optional() {
        if let Some(required) = required_of(Way::AsBought) {
            arg = arg.requires(required.key());
        }
    }
    arg
}

impl Args for FieldFlags {
    fn augment_args(cmd: Command) -> Command {
        flags().fold(cmd, |cmd, (side, field)| cmd.arg(arg(side, field)))
    }

    fn augment_args_for_update(cmd: Command) -> Command {
        Self::augment_args(cmd)
    }
}

impl FromArgMatches for FieldFlags {
    fn from_arg_matches(matches: &ArgMatches) -> Result<Self, clap::Error> {
        let mut flags = FieldFlags::default();
        flags.update_from_arg_matches(matches)?;
        Ok(flags)
    }

    fn update_from_arg_matches(&mut self, matches: &ArgMatches) -> Result<(), clap::Error> {
        for (side, field) in flags() {
            if let Some(text) = matches.get_one::<String>(side.key(field)) {
                self.given.retain(|(s, f, _)| (*s, *f) != (side, field));
                self.given.push((side, field, text.clone()));
            }
        }
        Ok(())
    }
}
