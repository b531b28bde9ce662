use super::codes::{SizeClass, TableSize};
use crate::i18n::tr;
use crate::trf;

impl SizeClass {
    /// Pure arithmetic on any integers: never panics, never divides.
    /// `v` vCPUs, `c` logical CPUs per node, `n` nodes.
    pub fn classify(v: u64, c: u64, n: u64) -> SizeClass {
        SizeClass::against(v, c, u128::from(c) * u128::from(n))
    }

    /// `v` vCPUs against a node of `c` logical CPUs and a host of `total`:
    /// on uneven nodes the node is one of them (the planner's is the largest).
    pub fn against(v: u64, c: u64, total: u128) -> SizeClass {
        let (v, c) = (u128::from(v), u128::from(c));
        if v > total {
            SizeClass::ExceedsHost
        } else if v > c {
            SizeClass::ExtraLarge
        } else if 2 * v > c {
            SizeClass::Large
        } else if 2 * v == c {
            SizeClass::HalfBoundary
        } else {
            SizeClass::Small
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            SizeClass::Small => tr("Small"),
            SizeClass::HalfBoundary => tr("Exactly half a node"),
            SizeClass::Large => tr("Large"),
            SizeClass::ExtraLarge => tr("Extra large"),
            SizeClass::ExceedsHost => tr("Larger than the host"),
        }
    }
}

/// Half of `c`, written exactly ("16", "7.5").
fn half(c: u32) -> String {
    if c.is_multiple_of(2) {
        (c / 2).to_string()
    } else {
        format!("{}.5", c / 2)
    }
}

/// A size class together with the numbers that decided it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Classification {
    pub class: SizeClass,
    pub vcpus: u32,
    /// The node the vCPUs are weighed against: on uneven nodes, one of them.
    pub cpus_per_node: u32,
    pub numa_nodes: u32,
    /// The host's logical CPUs: `numa_nodes` x `cpus_per_node` unless the
    /// nodes differ.
    pub total_cpus: u64,
}

impl Classification {
    /// On nodes of equal size.
    pub fn new(vcpus: u32, cpus_per_node: u32, numa_nodes: u32) -> Classification {
        let total = u64::from(cpus_per_node) * u64::from(numa_nodes);
        Classification::with_total(vcpus, cpus_per_node, numa_nodes, total)
    }

    /// Against a node of `cpus_per_node` on a host of `total_cpus` that may
    /// have other nodes of other sizes.
    pub fn with_total(
        vcpus: u32,
        cpus_per_node: u32,
        numa_nodes: u32,
        total_cpus: u64,
    ) -> Classification {
        Classification {
            class: SizeClass::against(vcpus.into(), cpus_per_node.into(), total_cpus.into()),
            vcpus,
            cpus_per_node,
            numa_nodes,
            total_cpus,
        }
    }

    /// What the arithmetic weighs the vCPUs against.
    pub fn measure(&self) -> &'static str {
        if self.class == SizeClass::ExceedsHost {
            tr("vCPUs against the logical CPUs of the whole host")
        } else {
            tr("vCPUs against the logical CPUs of one NUMA node")
        }
    }

    /// "2 x 32 = 64", or on uneven nodes "the host's 512".
    fn total(&self) -> String {
        let (c, n, t) = (self.cpus_per_node, self.numa_nodes, self.total_cpus);
        if u64::from(c) * u64::from(n) == t {
            format!("{n} x {c} = {t}")
        } else {
            trf!("the host's {total}", total = t)
        }
    }

    /// The comparison that decided the class, e.g. "24 > 32 / 2 = 16".
    pub fn arithmetic(&self) -> String {
        let (v, c) = (self.vcpus, self.cpus_per_node);
        let h = half(c);
        match self.class {
            SizeClass::Small => format!("{v} < {c} / 2 = {h}"),
            SizeClass::HalfBoundary => format!("{v} = {c} / 2"),
            SizeClass::Large => trf!("{v} > {c} / 2 = {h} and {v} <= {c}", v = v, c = c, h = h),
            SizeClass::ExtraLarge => trf!(
                "{v} > {c} and {v} <= {total}",
                v = v,
                c = c,
                total = self.total()
            ),
            SizeClass::ExceedsHost => format!("{v} > {}", self.total()),
        }
    }
}

/// The vCPU ranges of every class on one host, for rulers and summaries.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SizeBoundaries {
    /// Largest small VM, if any VM can be small (a node of 1 or 2 CPUs has none).
    pub small_max: Option<u32>,
    /// The exact half, when a node has an even CPU count.
    pub half: Option<u32>,
    /// First and last large vCPU count.
    pub large: (u32, u32),
    /// First and last extra-large count; none on a single-node host.
    pub extra_large: Option<(u32, u32)>,
    /// The host's logical CPUs; more cannot run.
    pub host_cpus: u32,
}

impl SizeBoundaries {
    /// On nodes of equal size.
    pub fn new(cpus_per_node: u32, numa_nodes: u32) -> SizeBoundaries {
        let c = cpus_per_node.max(1);
        SizeBoundaries::with_total(c, c.saturating_mul(numa_nodes.max(1)))
    }

    /// Against the largest node's `cpus_per_node` on a host of `total_cpus`.
    pub fn with_total(cpus_per_node: u32, total_cpus: u32) -> SizeBoundaries {
        let c = cpus_per_node.max(1);
        let total = total_cpus.max(c);
        SizeBoundaries {
            small_max: Some((c - 1) / 2).filter(|&m| m >= 1),
            half: c.is_multiple_of(2).then_some(c / 2),
            large: (c / 2 + 1, c),
            extra_large: (total > c).then_some((c + 1, total)),
            host_cpus: total,
        }
    }

    /// The vCPU counts of one table row on this host; `None` when the host
    /// has none (no small VM on a 1- or 2-CPU node, no extra large on one node).
    pub fn range_of(&self, size: TableSize) -> Option<(u32, u32)> {
        match size {
            TableSize::Small => self.small_max.map(|m| (1, m)),
            TableSize::Large => Some(self.large),
            TableSize::ExtraLarge => self.extra_large,
        }
    }

    /// One line for people, e.g. "small up to 15 vCPUs, exactly 16 is the half (no row of
    /// its own; undefined only under none), large 17-32, extra large 33-64, more than 64 cannot run".
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        match self.small_max {
            Some(m) => parts.push(trf!("small up to {max} vCPUs", max = m)),
            None => parts.push(tr("no VM is small").to_string()),
        }
        if let Some(h) = self.half {
            parts.push(trf!(
                "exactly {half} is the half (no row of its own; undefined only under none)",
                half = h
            ));
        }
        parts.push(match self.large {
            (lo, hi) if lo == hi => trf!("large {vcpus}", vcpus = lo),
            (lo, hi) => trf!("large {lo}-{hi}", lo = lo, hi = hi),
        });
        parts.push(match self.extra_large {
            Some((lo, hi)) if lo == hi => trf!("extra large {vcpus}", vcpus = lo),
            Some((lo, hi)) => trf!("extra large {lo}-{hi}", lo = lo, hi = hi),
            None => tr("none can be extra large").to_string(),
        });
        parts.push(trf!(
            "more than {host_cpus} cannot run",
            host_cpus = self.host_cpus
        ));
        parts.join(", ")
    }
}
