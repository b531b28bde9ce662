//! Guest memory and huge pages: Kubernetes quantities and page sizes.

use super::codes::HugepageSize;
use super::field::{Field, FieldError};
use super::quote::quote;
use crate::trf;

const KI: u64 = 1024;
const MI: u64 = KI * 1024;
const GI: u64 = MI * 1024;
const TI: u64 = GI * 1024;

/// The most guest memory the planner reads: 64 TiB.
const MAX_MEMORY: u64 = 64 * TI;

impl HugepageSize {
    pub const fn bytes(self) -> u64 {
        match self {
            HugepageSize::TwoMi => 2 * MI,
            HugepageSize::OneGi => GI,
        }
    }
}

/// Reads a Kubernetes memory quantity ("16Gi", "2048Mi", "1G", "1073741824")
/// as bytes, from 1 byte to 64 TiB.
pub fn parse_memory(text: &str) -> Result<u64, FieldError> {
    parse_quantity(Field::Memory, text)
}

/// A memory quantity for `field`, its errors at that field.
pub fn parse_quantity(field: Field, text: &str) -> Result<u64, FieldError> {
    let text = text.trim();
    let bad = |message: String| FieldError::new(field, message);
    let shown = quote(text);
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let (number, suffix) = text.split_at(digits);
    if number.is_empty() {
        return Err(bad(trf!(
            "{field} must be a Kubernetes quantity such as 16Gi or 2048Mi; {text} does not start with a whole number",
            field = field.label(),
            text = shown
        )));
    }
    let unit = match suffix {
        "" => 1,
        "Ki" => KI,
        "Mi" => MI,
        "Gi" => GI,
        "Ti" => TI,
        "k" => 1000,
        "M" => 1000_u64.pow(2),
        "G" => 1000_u64.pow(3),
        "T" => 1000_u64.pow(4),
        _ => {
            return Err(bad(trf!(
            "{field} must be a Kubernetes quantity such as 16Gi or 2048Mi; {text} has an unknown unit (use Ki, Mi, Gi or Ti)",
            field = field.label(),
            text = shown
        )))
        }
    };
    let bytes = number
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(unit))
        .filter(|&b| b <= MAX_MEMORY);
    match bytes {
        Some(0) => Err(bad(trf!(
            "{field} must be a Kubernetes quantity such as 16Gi or 2048Mi; {text} is zero",
            field = field.label(),
            text = shown
        ))),
        Some(b) => Ok(b),
        None => Err(bad(trf!(
            "{field} must be a Kubernetes quantity such as 16Gi or 2048Mi; {text} is more than 64Ti",
            field = field.label(),
            text = shown
        ))),
    }
}

/// Bytes as people write them: "16Gi", "1536Mi", "512Ki", "1000".
pub fn format_bytes(bytes: u64) -> String {
    for (unit, name) in [(TI, "Ti"), (GI, "Gi"), (MI, "Mi"), (KI, "Ki")] {
        if bytes >= unit && bytes.is_multiple_of(unit) {
            return format!("{}{name}", bytes / unit);
        }
    }
    bytes.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantities_read_as_kubernetes_writes_them() {
        for (text, bytes) in [
            ("16Gi", 16 * GI),
            ("2048Mi", 2 * GI),
            ("1536Mi", 1536 * MI),
            ("1G", 1_000_000_000),
            ("1073741824", GI),
            (" 4Ti ", 4 * TI),
        ] {
            assert_eq!(parse_memory(text), Ok(bytes), "{text}");
            assert_eq!(parse_memory(&format_bytes(bytes)), Ok(bytes), "{text}");
        }
        for (text, why) in [
            ("", "does not start"),
            ("Gi", "does not start"),
            ("16GB", "unknown unit"),
            ("1.5Gi", "unknown unit"),
            ("-1Gi", "does not start"),
            ("0Mi", "is zero"),
            ("65Ti", "more than 64Ti"),
            ("99999999999999999999999Gi", "more than 64Ti"),
        ] {
            let e = parse_memory(text).unwrap_err();
            assert!(e.message.contains(why), "{text}: {}", e.message);
            assert_eq!(e.field, Field::Memory);
        }
        assert_eq!(format_bytes(1536 * MI), "1536Mi");
    }
}
