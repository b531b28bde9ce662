use super::field::{Field, FieldError};
use super::quote::quote;
use crate::trf;

/// Sorts counts largest first. Every sort of the domain goes through
/// `sort_unstable` on `u64`, so the page's wasm holds one copy of it.
pub fn largest_first(counts: &mut [u32]) {
    let mut keys: Vec<u64> = counts.iter().map(|&c| u64::from(!c)).collect();
    keys.sort_unstable();
    for (c, k) in counts.iter_mut().zip(keys) {
        *c = !(k as u32);
    }
}

/// The fewest of `amounts`, the largest first, that together reach
/// `target`; `None` when all of them do not.
pub fn fewest_reaching(amounts: &[u64], target: u64) -> Option<u32> {
    let mut sorted = amounts.to_vec();
    sorted.sort_unstable();
    let mut sum = 0u64;
    for (i, a) in sorted.iter().rev().enumerate() {
        sum += a;
        if sum >= target {
            return Some(i as u32 + 1);
        }
    }
    None
}

fn looks_numeric(text: &str) -> bool {
    !text.is_empty()
        && text.chars().any(|c| c.is_ascii_digit())
        && text.chars().all(|c| c.is_ascii_digit() || c == '.')
        && text.matches('.').count() <= 1
}

/// Reads a whole, bounded count for `field` from user text.
///
/// Every way text can be wrong (empty, words, fractions, negatives, zero,
/// overflow, out of bounds) gives a message naming the field and its bounds.
pub fn parse_count(field: Field, text: &str) -> Result<u32, FieldError> {
    let (min, max) = field.bounds();
    let label = field.label();
    let range = trf!("a whole number from {min} to {max}", min = min, max = max);
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new(
            field,
            trf!("{field} is required: {range}", field = label, range = range),
        ));
    }
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    if let Some(magnitude) = unsigned.strip_prefix('-') {
        if looks_numeric(magnitude) {
            return Err(FieldError::new(
                field,
                trf!(
                    "{field} must be {range}; {text} is negative",
                    field = label,
                    range = range,
                    text = quote(text)
                ),
            ));
        }
    }
    if !looks_numeric(unsigned) {
        return Err(FieldError::new(
            field,
            trf!(
                "{field} must be {range}; {text} is not a number",
                field = label,
                range = range,
                text = quote(text)
            ),
        ));
    }
    if unsigned.contains('.') {
        return Err(FieldError::new(
            field,
            trf!(
                "{field} must be {range}; {text} is not whole",
                field = label,
                range = range,
                text = quote(text)
            ),
        ));
    }
    // Only ASCII digits remain; anything that overflows u64 is far above
    // every bound, and too long to show whole.
    match unsigned.parse::<u64>() {
        Ok(value) => field.check(value),
        Err(_) => field.check_shown(u64::MAX, &quote(text)),
    }
}

/// Longest list read: one entry per NUMA node, and a host has at most 1024.
const MAX_ENTRIES: usize = 1024;

/// Reads a comma-separated count per NUMA node ("2", "2,2", "4, 0, 1"),
/// each within the field's bounds. Empty text is an empty list.
pub fn parse_per_node(field: Field, text: &str) -> Result<Vec<u32>, FieldError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(Vec::new());
    }
    let label = field.label();
    let entries: Vec<&str> = text.split(',').map(str::trim).collect();
    if entries.len() > MAX_ENTRIES {
        return Err(FieldError::new(
            field,
            trf!(
                "{field} has {entries} entries; a host has at most {most} NUMA nodes",
                field = label,
                entries = entries.len(),
                most = MAX_ENTRIES
            ),
        ));
    }
    entries
        .iter()
        .enumerate()
        .map(|(node, entry)| {
            let digits = !entry.is_empty() && entry.bytes().all(|b| b.is_ascii_digit());
            let value = entry.parse::<u64>().ok().filter(|_| digits);
            let Some(value) = value else {
                return Err(FieldError::new(
                    field,
                    if entry.is_empty() {
                        trf!(
                            "{field} must be whole numbers separated by commas, node 0 first; entry {entry} ({text}) is empty",
                            field = label,
                            entry = node + 1,
                            text = quote(entry)
                        )
                    } else {
                        trf!(
                            "{field} must be whole numbers separated by commas, node 0 first; entry {entry} ({text}) is not a whole number",
                            field = label,
                            entry = node + 1,
                            text = quote(entry)
                        )
                    },
                ));
            };
            field.check(value).map_err(|e| {
                FieldError::new(
                    field,
                    trf!("node {node}: {problem}", node = node, problem = e.message),
                )
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::{fewest_reaching, largest_first};

    #[test]
    fn largest_first_sorts_descending() {
        let mut counts = [3, 0, u32::MAX, 7, 3];
        largest_first(&mut counts);
        assert_eq!(counts, [u32::MAX, 7, 3, 3, 0]);
    }

    #[test]
    fn the_fewest_largest_amounts_that_reach_a_target() {
        assert_eq!(fewest_reaching(&[8, 4, 4, 4], 13), Some(3));
        assert_eq!(fewest_reaching(&[4, 8], 8), Some(1));
        assert_eq!(fewest_reaching(&[4, 8], 13), None);
    }
}
