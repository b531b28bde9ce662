//! Linux CPU lists ("0-15,32-47", numactl's "0 1 2 3", or the strided
//! "0-62:2" that lscpu prints since util-linux 2.42).

use super::ImportError;
use crate::domain::{join_ranges, quote};

/// Highest CPU id accepted: 1024 nodes x 4096 CPUs.
pub(super) const MAX_CPU_ID: u32 = 1024 * 4096 - 1;

/// Most CPUs the strided items of one list may name together: no more than
/// there are CPU ids, so repeating a stride cannot make the work grow.
const MAX_STRIDED: u64 = MAX_CPU_ID as u64 + 1;

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

/// A range's stride, at least 1.
fn stride(text: &str, item: &str, whole: &str) -> Result<u32, ImportError> {
    match text.trim().parse::<u32>() {
        Ok(s) if s >= 1 => Ok(s),
        _ => Err(unreadable(
            whole,
            format!(
                "the stride {} of {} is not a whole number of at least 1",
                quote(text.trim()),
                quote(item)
            ),
        )),
    }
}

/// One item into `ranges`: "8", "10-11", or "0-62:2" (every 2nd CPU from 0
/// to 62, one range per CPU), counting strided CPUs into `strided`.
fn push_item(
    item: &str,
    whole: &str,
    ranges: &mut Vec<(u32, u32)>,
    strided: &mut u64,
) -> Result<(), ImportError> {
    let Some((span, step)) = item.split_once(':') else {
        ranges.push(range(item, whole)?);
        return Ok(());
    };
    if !span.contains('-') {
        return Err(unreadable(
            whole,
            format!(
                "{} is not a range with a stride (such as 0-62:2)",
                quote(item)
            ),
        ));
    }
    let (lo, hi) = range(span, whole)?;
    let step = stride(step, item, whole)?;
    if step == 1 {
        ranges.push((lo, hi));
        return Ok(());
    }
    let count = u64::from((hi - lo) / step) + 1;
    *strided += count;
    if *strided > MAX_STRIDED {
        return Err(unreadable(
            whole,
            format!("its strided ranges name more than {MAX_STRIDED} CPUs"),
        ));
    }
    ranges.extend((lo..=hi).step_by(step as usize).map(|c| (c, c)));
    Ok(())
}

/// Sorted, merged ranges.
fn merged(mut ranges: Vec<(u32, u32)>) -> CpuList {
    ranges.sort_unstable();
    let mut merged: Vec<(u32, u32)> = Vec::with_capacity(ranges.len());
    for (lo, hi) in ranges {
        match merged.last_mut() {
            Some(last) if lo <= last.1.saturating_add(1) => last.1 = last.1.max(hi),
            _ => merged.push((lo, hi)),
        }
    }
    CpuList { ranges: merged }
}

impl CpuList {
    /// Reads "0-3,8,10-11" or "0-62:2"; commas or spaces separate items.
    pub fn parse(text: &str) -> Result<CpuList, ImportError> {
        let (mut ranges, mut strided) = (Vec::new(), 0);
        for item in text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
        {
            push_item(item, text, &mut ranges, &mut strided)?;
        }
        Ok(merged(ranges))
    }

    /// The list of single CPU ids, as a table of CPUs gives them.
    pub(super) fn of_ids(ids: impl IntoIterator<Item = u32>) -> CpuList {
        merged(ids.into_iter().map(|c| (c, c)).collect())
    }

    /// The list of these inclusive ranges, in any order.
    pub(crate) fn from_ranges(ranges: Vec<(u32, u32)>) -> CpuList {
        merged(ranges)
    }

    /// Every CPU of any of `lists`, merged in one pass (many small lists,
    /// as a kubelet state's entries are, stay linear-logarithmic).
    pub(crate) fn union<'a>(lists: impl IntoIterator<Item = &'a CpuList>) -> CpuList {
        merged(
            lists
                .into_iter()
                .flat_map(|l| l.ranges.iter().copied())
                .collect(),
        )
    }

    /// Each CPU id, lowest first.
    pub(crate) fn ids(&self) -> impl Iterator<Item = u32> + '_ {
        self.ranges.iter().flat_map(|&(lo, hi)| lo..=hi)
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

    /// The compact form cut short for a message, with the CPU count when
    /// cut: a hostile list can hold a million ranges.
    pub(crate) fn brief(&self) -> String {
        const SHOWN: usize = 48;
        let whole = self.compact();
        if whole.len() <= SHOWN {
            return whole;
        }
        let cut = whole[..SHOWN].rfind(',').unwrap_or(SHOWN);
        format!("{},… ({} CPUs)", &whole[..cut], self.len())
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
    fn strided_ranges_take_every_nth_cpu() {
        let l = CpuList::parse("0-62:2,1-7:3").unwrap();
        // 4 is in both items.
        assert_eq!(l.len(), 32 + 2);
        assert_eq!(
            l.common(&CpuList::parse("0-7").unwrap()).compact(),
            "0-2,4,6-7"
        );
        assert_eq!(CpuList::parse("4-9:1").unwrap().compact(), "4-9");
        assert_eq!(CpuList::parse("5-5:4").unwrap().compact(), "5");
        assert_eq!(CpuList::of_ids([3, 1, 2, 9, 2]).compact(), "1-3,9");
        for (text, why) in [
            (
                "0-62:0",
                "the stride \"0\" of \"0-62:0\" is not a whole number of at least 1",
            ),
            (
                "0-62:x",
                "the stride \"x\" of \"0-62:x\" is not a whole number of at least 1",
            ),
            (
                "0-62:",
                "the stride \"\" of \"0-62:\" is not a whole number of at least 1",
            ),
            ("62-0:2", "the range 62-0 runs backwards"),
            (
                "4:2",
                "\"4:2\" is not a range with a stride (such as 0-62:2)",
            ),
        ] {
            let e = CpuList::parse(text).unwrap_err();
            assert!(e.problem.ends_with(why), "{text}: {e}");
        }
    }

    /// Repeated strides over every CPU id are refused, not expanded forever.
    #[test]
    fn strided_expansion_is_bounded() {
        let every = format!("0-{MAX_CPU_ID}:2");
        assert_eq!(CpuList::parse(&every).unwrap().len(), MAX_CPU_ID / 2 + 1);
        let twice = format!("{every},{every},{every}");
        let e = CpuList::parse(&twice).unwrap_err();
        assert!(
            e.problem
                .ends_with("its strided ranges name more than 4194304 CPUs"),
            "{e}"
        );
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
    fn union_merges_every_list() {
        let lists = ["4-7", "0-1", "2-3,9", ""].map(|t| CpuList::parse(t).unwrap());
        assert_eq!(CpuList::union(&lists).compact(), "0-7,9");
        assert!(CpuList::union(&[]).is_empty());
    }

    #[test]
    fn brief_cuts_a_long_list_at_a_comma() {
        assert_eq!(CpuList::parse("0-3,8").unwrap().brief(), "0-3,8");
        let strided = CpuList::parse("0-999:2").unwrap();
        let brief = strided.brief();
        assert!(brief.starts_with("0,2,4,"), "{brief}");
        assert!(brief.ends_with(",… (500 CPUs)"), "{brief}");
        assert!(brief.len() < 70, "{brief}");
    }

    #[test]
    fn a_huge_list_is_not_echoed_whole() {
        let huge = format!("0-3,{}", "y".repeat(100_000));
        let e = CpuList::parse(&huge).unwrap_err();
        assert!(e.problem.chars().count() < 120, "{}", e.problem.len());
    }
}
