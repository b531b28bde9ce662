use std::fmt;

/// The kubelet Topology Manager policy of the worker node.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Policy {
    None,
    SingleNumaNode,
    BestEffort,
    Restricted,
}

impl Policy {
    /// In the order the planner's grid shows them.
    pub const ALL: [Policy; 4] = [
        Policy::None,
        Policy::SingleNumaNode,
        Policy::BestEffort,
        Policy::Restricted,
    ];

    /// The kubelet's own spelling, used in JSON, URLs and `data-policy`.
    pub const fn code(self) -> &'static str {
        match self {
            Policy::None => "none",
            Policy::SingleNumaNode => "single-numa-node",
            Policy::BestEffort => "best-effort",
            Policy::Restricted => "restricted",
        }
    }

    pub fn from_code(code: &str) -> Option<Policy> {
        Policy::ALL.into_iter().find(|p| p.code() == code)
    }

    /// What the kubelet does under this policy, in one sentence.
    pub const fn behaviour(self) -> &'static str {
        match self {
            Policy::None => "No NUMA alignment at all; every pod is admitted.",
            Policy::SingleNumaNode => {
                "Admits a pod only when all its aligned resources come from one NUMA node."
            }
            Policy::BestEffort => {
                "Tries to align resources to few NUMA nodes and admits the pod even when it cannot."
            }
            Policy::Restricted => {
                "Admits a pod only when it gets the narrowest NUMA placement its size allows."
            }
        }
    }
}

impl fmt::Display for Policy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}
