use super::field::{Field, FieldError};

/// Longest piece of rejected text quoted back in a field message.
const QUOTE_LIMIT: usize = 24;

/// `text` in double quotes, cut to `limit` characters with an ellipsis:
/// rejected text is quoted back in messages, and pasted text can be huge.
pub fn quote(text: &str, limit: usize) -> String {
    let mut short: String = text.chars().take(limit).collect();
    if text.chars().count() > limit {
        short.push('…');
    }
    format!("\"{short}\"")
}

fn quoted(text: &str) -> String {
    quote(text, QUOTE_LIMIT)
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
    let range = format!("a whole number from {min} to {max}");
    let text = text.trim();
    if text.is_empty() {
        return Err(FieldError::new(
            field,
            format!("{label} is required: {range}"),
        ));
    }
    let unsigned = text.strip_prefix('+').unwrap_or(text);
    if let Some(magnitude) = unsigned.strip_prefix('-') {
        if looks_numeric(magnitude) {
            return Err(FieldError::new(
                field,
                format!("{label} must be {range}; {} is negative", quoted(text)),
            ));
        }
    }
    if !looks_numeric(unsigned) {
        return Err(FieldError::new(
            field,
            format!("{label} must be {range}; {} is not a number", quoted(text)),
        ));
    }
    if unsigned.contains('.') {
        return Err(FieldError::new(
            field,
            format!("{label} must be {range}; {} is not whole", quoted(text)),
        ));
    }
    // Only ASCII digits remain; anything that overflows u64 is far above every bound.
    let value = unsigned.parse::<u64>().unwrap_or(u64::MAX);
    if value < u64::from(min) {
        return Err(FieldError::new(
            field,
            format!("{label} must be at least {min}; got {value}"),
        ));
    }
    if value > u64::from(max) {
        return Err(FieldError::new(
            field,
            format!("{label} must be at most {max}; got {}", quoted(text)),
        ));
    }
    // In bounds, so it fits: every bound is a u32.
    Ok(value as u32)
}
