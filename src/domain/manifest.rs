//! What only a VM's manifest says that KubeVirt's API judges: the CPU
//! request and limit as written, the memory request beside the guest
//! memory, and the fields the VM sets beside its instance type. Files set
//! them and links carry them (`share::url`); the page and the flags have no
//! input for them.

use super::codes::InstancetypeField;
use std::fmt;

/// A Kubernetes CPU quantity ("4", "4000m", "1.5"), kept in thousandths of
/// a CPU.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct CpuQuantity(u64);

/// The most CPUs a quantity may name: far past any VM, and safe to multiply.
const MAX_CPUS: u64 = 1 << 32;

impl CpuQuantity {
    /// Whole CPUs.
    pub const fn cpus(cpus: u64) -> CpuQuantity {
        CpuQuantity(cpus * 1000)
    }

    /// Thousandths of a CPU.
    pub const fn millis(millis: u64) -> CpuQuantity {
        CpuQuantity(millis)
    }

    pub const fn as_millis(self) -> u64 {
        self.0
    }

    pub const fn is_whole(self) -> bool {
        self.0.is_multiple_of(1000)
    }

    /// Whole CPUs rounded up, as Kubernetes' `Quantity.Value()` gives them
    /// (what KubeVirt's API compares).
    pub const fn value(self) -> u64 {
        self.0.div_ceil(1000)
    }

    /// Reads "4", "4000m" or "1.5" (at most three decimals); anything else
    /// is an error saying what to use.
    pub fn parse(text: &str) -> Result<CpuQuantity, &'static str> {
        const USE: &str = "use a CPU quantity such as 4, 4000m or 1.5";
        let text = text.trim();
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        let millis = if let Some(milli) = text.strip_suffix('m') {
            digits(milli).then(|| milli.parse::<u64>().ok()).flatten()
        } else {
            let (whole, fraction) = text.split_once('.').unwrap_or((text, "0"));
            let fraction_ok = digits(fraction) && fraction.len() <= 3;
            (digits(whole) && fraction_ok)
                .then(|| {
                    let cpus = whole.parse::<u64>().ok()?;
                    let thousandths = format!("{fraction:0<3}").parse::<u64>().ok()?;
                    cpus.checked_mul(1000)?.checked_add(thousandths)
                })
                .flatten()
        };
        millis
            .filter(|&m| m <= MAX_CPUS * 1000)
            .map(CpuQuantity)
            .ok_or(USE)
    }
}

impl fmt::Display for CpuQuantity {
    /// Whole CPUs as a number, anything else in thousandths ("1500m").
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.is_whole() {
            write!(f, "{}", self.0 / 1000)
        } else {
            write!(f, "{}m", self.0)
        }
    }
}

/// The fields a VM sets beside the instance type it names, which KubeVirt
/// refuses; empty when it names none or sets none of them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct InstancetypeConflicts(u16);

impl InstancetypeConflicts {
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn with(self, field: InstancetypeField) -> InstancetypeConflicts {
        InstancetypeConflicts(self.0 | 1 << field.index())
    }

    pub fn contains(self, field: InstancetypeField) -> bool {
        self.0 & 1 << field.index() != 0
    }

    /// The fields, in `InstancetypeField::ALL`'s order.
    pub fn fields(self) -> impl Iterator<Item = InstancetypeField> {
        InstancetypeField::ALL
            .into_iter()
            .filter(move |&f| self.contains(f))
    }

    /// Reads a comma-separated list of field codes ("cpu.sockets,memory.guest").
    pub fn parse(text: &str) -> Result<InstancetypeConflicts, String> {
        text.split(',')
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .try_fold(InstancetypeConflicts::default(), |set, code| {
                code.parse::<InstancetypeField>()
                    .map(|f| set.with(f))
                    .map_err(|e| e.to_string())
            })
    }
}

impl FromIterator<InstancetypeField> for InstancetypeConflicts {
    fn from_iter<I: IntoIterator<Item = InstancetypeField>>(iter: I) -> Self {
        iter.into_iter().fold(
            InstancetypeConflicts::default(),
            InstancetypeConflicts::with,
        )
    }
}

impl fmt::Display for InstancetypeConflicts {
    /// The codes, comma-separated, as a link carries them.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let codes: Vec<&str> = self.fields().map(InstancetypeField::code).collect();
        f.write_str(&codes.join(","))
    }
}

/// What the VM's manifest says beside its CPUs and memory, for the checks
/// of KubeVirt's API. All unset unless a file set them.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ManifestFacts {
    /// `resources.requests.cpu`, as written.
    pub cpu_request: Option<CpuQuantity>,
    /// `resources.limits.cpu`, as written.
    pub cpu_limit: Option<CpuQuantity>,
    /// `resources.requests.memory` in bytes, when the VM also gives
    /// `memory.guest` (otherwise the request is the guest memory).
    pub memory_request: Option<u64>,
    pub instancetype_conflicts: InstancetypeConflicts,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cpu_quantities_read_and_print() {
        for (text, millis, shown) in [
            ("4", 4000, "4"),
            ("4000m", 4000, "4"),
            ("1500m", 1500, "1500m"),
            ("1.5", 1500, "1500m"),
            ("0.25", 250, "250m"),
            (" 12 ", 12000, "12"),
            ("0", 0, "0"),
        ] {
            let q = CpuQuantity::parse(text).unwrap();
            assert_eq!(
                (q.as_millis(), q.to_string().as_str()),
                (millis, shown),
                "{text}"
            );
            assert_eq!(CpuQuantity::parse(shown), Ok(q), "{shown} reads back");
        }
        for bad in [
            "",
            "m",
            "four",
            "-1",
            "1.2345",
            "1.",
            ".5",
            "1e3",
            "2Gi",
            "99999999999999",
        ] {
            assert!(CpuQuantity::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(CpuQuantity::millis(1500).value(), 2);
        assert_eq!(CpuQuantity::cpus(2).value(), 2);
        assert!(!CpuQuantity::millis(1500).is_whole());
    }

    #[test]
    fn conflicts_read_and_print_in_a_fixed_order() {
        let set = InstancetypeConflicts::parse("memory.guest, cpu.sockets").unwrap();
        assert_eq!(set.to_string(), "cpu.sockets,memory.guest");
        assert_eq!(InstancetypeConflicts::parse(&set.to_string()), Ok(set));
        assert!(set.contains(InstancetypeField::GuestMemory));
        assert!(!set.contains(InstancetypeField::Cores));
        assert!(InstancetypeConflicts::parse("").unwrap().is_empty());
        assert!(InstancetypeConflicts::parse("cpu.sockets,cpu.model")
            .unwrap_err()
            .starts_with("use one of cpu.sockets, cpu.cores"));
        let all: InstancetypeConflicts = InstancetypeField::ALL.into_iter().collect();
        assert_eq!(all.fields().count(), InstancetypeField::ALL.len());
    }
}
