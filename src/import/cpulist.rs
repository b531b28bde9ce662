//! Linux CPU lists ("0-15,32-47", or numactl's "0 1 2 3").

use super::ImportError;
use crate::domain::{join_ranges, quote};

/// Highest CPU id accepted: 1024 nodes x 4096 CPUs.
const MAX_CPU_ID: u32 = 1024 * 4096 - 1;

/// A set of CPU ids as sorted, merged, inclusive ranges.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CpuList {
    ranges: Vec<(u32, u32)>,
}

/// Why `whole` cannot be read; the error has no place yet (see `placed`).
fn unreadable(whole: &str, why: String) -> ImportError {
    ImportError::whole(format!("cannot read the CPU list {}: {why}", quote(whole)))
}

fn id(text: &str, whole: &str) -> Result<u32, ImportError> {
    let text = text.trim();
    let value: u32 = text
        .parse()
        .map_err(|_| unreadable(whole, format!("{} is not a CPU number", quote(text))))?;
    if value > MAX_CPU_ID {
        return Err(unreadable(
            whole,
            format!("CPU {value} is beyond {MAX_CPU_ID}"),
        ));
    }
    Ok(value)
}

/// One item: "8" or "10-11".
fn range(item: &str, whole: &str) -> Result<(u32, u32), ImportError> {
    let (lo, hi) = match item.split_once('-') {
        Some((lo, hi)) => (id(lo, whole)?, id(hi, whole)?),
        None => {
            let one = id(item, whole)?;
            (one, one)
        }
    };
    if lo > hi {
        return Err(unreadable(
            whole,
            format!("the range {lo}-{hi} runs backwards"),
        ));
    }
    Ok((lo, hi))
}

impl CpuList {
    /// Reads "0-3,8,10-11"; commas or spaces separate items.
    pub fn parse(text: &str) -> Result<CpuList, ImportError> {
        let mut ranges = text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .map(|item| range(item, text))
            .collect::<Result<Vec<_>, _>>()?;
        ranges.sort_unstable();
        let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
        for (lo, hi) in ranges {
            match merged.last_mut() {
                Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
                _ => merged.push((lo, hi)),
            }
        }
        Ok(CpuList { ranges: merged })
    }

    /// How many CPUs the list holds.
    pub fn len(&self) -> u32 {
        self.ranges.iter().map(|(lo, hi)| hi - lo + 1).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// How many CPUs the two lists share.
    pub fn overlap(&self, other: &CpuList) -> u32 {
        self.common(other).len()
    }

    /// The CPUs in both lists (one pass over both sorted lists).
    pub fn common(&self, other: &CpuList) -> CpuList {
        let (mut i, mut j, mut ranges) = (0, 0, Vec::new());
        while let (Some(&(a, b)), Some(&(c, d))) = (self.ranges.get(i), other.ranges.get(j)) {
            let (lo, hi) = (a.max(c), b.min(d));
            if lo <= hi {
                ranges.push((lo, hi));
            }
            if b < d {
                i += 1;
            } else {
                j += 1;
            }
        }
        CpuList { ranges }
    }

    /// The CPUs of this list that are not in `other`.
    pub fn without(&self, other: &CpuList) -> CpuList {
        let mut ranges = Vec::new();
        let mut j = 0;
        for &(lo, hi) in &self.ranges {
            while other.ranges.get(j).is_some_and(|&(_, d)| d < lo) {
                j += 1;
            }
            let mut start = Some(lo);
            for &(c, d) in other.ranges[j..].iter().take_while(|&&(c, _)| c <= hi) {
                let Some(s) = start else { break };
                if c > s {
                    ranges.push((s, c - 1));
                }
                // Ids stay far below u32::MAX, so `d + 1` cannot overflow.
                start = (d < hi).then(|| (d + 1).max(s));
            }
            if let Some(s) = start {
                ranges.push((s, hi));
            }
        }
        CpuList { ranges }
    }

    /// Back to Linux's compact form, e.g. "0-15,32-47".
    pub fn compact(&self) -> String {
        join_ranges(&self.ranges, ",")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_merge_and_sort() {
        let l = CpuList::parse("8,0-3, 4 10-11").unwrap();
        assert_eq!(l.ranges, [(0, 4), (8, 8), (10, 11)]);
        assert_eq!(l.len(), 8);
    }

    #[test]
    fn bad_items_name_the_list_and_the_item() {
        let e = CpuList::parse("0-x").unwrap_err();
        assert!(e.at.is_empty());
        assert_eq!(
            e.problem,
            "cannot read the CPU list \"0-x\": \"x\" is not a CPU number"
        );
        let e = CpuList::parse("9-3").unwrap_err();
        assert!(e.problem.ends_with("the range 9-3 runs backwards"), "{e}");
        let e = CpuList::parse("5000000").unwrap_err();
        assert!(e.problem.ends_with("CPU 5000000 is beyond 4194303"), "{e}");
    }

    #[test]
    fn common_and_without() {
        let l = CpuList::parse("0-15,32-47").unwrap();
        let r = CpuList::parse("0-1,14-33,47,60").unwrap();
        assert_eq!(l.common(&r).compact(), "0-1,14-15,32-33,47");
        assert_eq!(l.without(&r).compact(), "2-13,34-46");
        assert_eq!(l.overlap(&r), 7);
        assert_eq!(r.without(&l).compact(), "16-31,60");
        assert_eq!(l.without(&CpuList::default()), l);
        assert!(l.without(&l).is_empty());
        assert_eq!(
            CpuList::parse("0-9")
                .unwrap()
                .without(&CpuList::parse("3,5").unwrap())
                .compact(),
            "0-2,4,6-9"
        );
    }

    /// Every pair of subsets of 0..10, against plain set arithmetic.
    #[test]
    fn common_and_without_match_sets() {
        let list = |mask: u32| {
            let ids: Vec<String> = (0..10)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| i.to_string())
                .collect();
            CpuList::parse(&ids.join(",")).unwrap()
        };
        for a in 0..1024 {
            for b in (0..1024).step_by(11) {
                let (la, lb) = (list(a), list(b));
                assert_eq!(la.common(&lb), list(a & b), "{a:b} & {b:b}");
                assert_eq!(la.without(&lb), list(a & !b), "{a:b} - {b:b}");
            }
        }
    }

    #[test]
    fn a_huge_list_is_not_echoed_whole() {
        let huge = format!("0-3,{}", "y".repeat(100_000));
        let e = CpuList::parse(&huge).unwrap_err();
        assert!(e.problem.chars().count() < 120, "{}", e.problem.len());
    }
}
