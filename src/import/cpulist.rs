//! Linux CPU lists ("0-15,32-47", or numactl's "0 1 2 3").

use super::ImportError;

/// Highest CPU id accepted: 1024 nodes x 4096 CPUs.
const MAX_CPU_ID: u32 = 1024 * 4096 - 1;

/// A set of CPU ids as sorted, merged, inclusive ranges.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CpuList {
    ranges: Vec<(u32, u32)>,
}

fn id(text: &str, whole: &str) -> Result<u32, ImportError> {
    let value: u32 = text.trim().parse().map_err(|_| {
        ImportError::new(format!(
            "cannot read the CPU list \"{whole}\": \"{}\" is not a CPU number",
            text.trim()
        ))
    })?;
    if value > MAX_CPU_ID {
        return Err(ImportError::new(format!(
            "cannot read the CPU list \"{whole}\": CPU {value} is beyond {MAX_CPU_ID}"
        )));
    }
    Ok(value)
}

impl CpuList {
    /// Reads "0-3,8,10-11"; commas or spaces separate items.
    pub fn parse(text: &str) -> Result<CpuList, ImportError> {
        let mut ranges = Vec::new();
        for item in text
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
        {
            let range = match item.split_once('-') {
                Some((lo, hi)) => (id(lo, text)?, id(hi, text)?),
                None => {
                    let one = id(item, text)?;
                    (one, one)
                }
            };
            if range.0 > range.1 {
                return Err(ImportError::new(format!(
                    "cannot read the CPU list \"{text}\": the range {item} runs backwards"
                )));
            }
            ranges.push(range);
        }
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

    /// How many CPUs the two lists share (one pass over both sorted lists).
    pub fn overlap(&self, other: &CpuList) -> u32 {
        let (mut i, mut j, mut count) = (0, 0, 0);
        while let (Some(&(a, b)), Some(&(c, d))) = (self.ranges.get(i), other.ranges.get(j)) {
            let (lo, hi) = (a.max(c), b.min(d));
            if lo <= hi {
                count += hi - lo + 1;
            }
            if b < d {
                i += 1;
            } else {
                j += 1;
            }
        }
        count
    }

    /// Back to Linux's compact form, e.g. "0-15,32-47".
    pub fn compact(&self) -> String {
        self.ranges
            .iter()
            .map(|&(lo, hi)| {
                if lo == hi {
                    lo.to_string()
                } else {
                    format!("{lo}-{hi}")
                }
            })
            .collect::<Vec<_>>()
            .join(",")
    }
}
