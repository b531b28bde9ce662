use super::codes::Policy;
use crate::i18n::tr;
use std::ops::{Index, IndexMut};

impl Policy {
    /// What the kubelet does under this policy, in one sentence.
    pub fn behaviour(self) -> &'static str {
        match self {
            Policy::None => tr("No NUMA alignment at all; every pod is admitted."),
            Policy::SingleNumaNode => {
                tr("Admits a pod only when all its aligned resources come from one NUMA node.")
            }
            Policy::BestEffort => {
                tr("Tries to align resources to few NUMA nodes and admits the pod even when it cannot.")
            }
            Policy::Restricted => {
                tr("Admits a pod only when it gets the narrowest NUMA placement its size allows.")
            }
        }
    }
}

/// One value per policy, indexed by `Policy`: there is always one for each.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ByPolicy<T>([T; 4]);

impl<T> ByPolicy<T> {
    /// A value for every policy, in `Policy::ALL` order.
    pub fn from_fn(mut value: impl FnMut(Policy) -> T) -> ByPolicy<T> {
        ByPolicy(Policy::ALL.map(&mut value))
    }

    /// Each policy with its value, in `Policy::ALL` order.
    pub fn iter(&self) -> impl Iterator<Item = (Policy, &T)> {
        Policy::ALL.into_iter().zip(self.0.iter())
    }

    /// The values, in `Policy::ALL` order.
    pub fn values(&self) -> impl Iterator<Item = &T> {
        self.0.iter()
    }
}

impl<T> Index<Policy> for ByPolicy<T> {
    type Output = T;
    fn index(&self, policy: Policy) -> &T {
        &self.0[policy.index()]
    }
}

impl<T> IndexMut<Policy> for ByPolicy<T> {
    fn index_mut(&mut self, policy: Policy) -> &mut T {
        &mut self.0[policy.index()]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_policy_finds_its_own_value() {
        let by = ByPolicy::from_fn(Policy::code);
        for p in Policy::ALL {
            assert_eq!(by[p], p.code());
        }
        let order: Vec<Policy> = by.iter().map(|(p, _)| p).collect();
        assert_eq!(order, Policy::ALL);
    }
}
