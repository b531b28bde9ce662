//! The README's lists of public codes are the ones in `src/domain/codes.rs`:
//! every code listed, none extra; and `docs/rules.md` explains every check.

use vnuma_planner::domain::{
    AdvisoryCode, CheckCode, Field, ParseRule, Part, SizeClass, Status, Verdict,
};
use vnuma_planner::form::Side;

fn readme() -> String {
    std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).expect("README.md")
}

/// The `code`s written between `start` and the first `end` after it.
fn listed(text: &str, start: &str, end: &str) -> Vec<String> {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("README: no {start:?}"))
        + start.len();
    let to = from
        + text[from..]
            .find(end)
            .unwrap_or_else(|| panic!("README: no {end:?} after {start:?}"));
    text[from..to]
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect()
}

/// `listed` holds exactly `codes`, each once (in any order).
fn assert_same(what: &str, listed: Vec<String>, codes: &[&str]) {
    let mut listed_sorted = listed.clone();
    listed_sorted.sort();
    listed_sorted.dedup();
    assert_eq!(
        listed_sorted.len(),
        listed.len(),
        "{what}: listed twice in {listed:?}"
    );
    let missing: Vec<&&str> = codes
        .iter()
        .filter(|c| !listed.iter().any(|l| l == *c))
        .collect();
    let extra: Vec<&String> = listed
        .iter()
        .filter(|l| !codes.contains(&l.as_str()))
        .collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "README's {what}: missing {missing:?}, not codes {extra:?} (src/domain/codes.rs is the list)"
    );
}

#[test]
fn the_readme_lists_every_check_code_and_no_other() {
    let text = readme();
    let codes = CheckCode::ALL.map(CheckCode::code);
    assert_same(
        "check codes",
        listed(&text, "Check codes:", "; results"),
        &codes,
    );
    // The table of checks: one row per code, the code first.
    let table = &text[text.find("| check |").expect("README: the table of checks")..];
    let table = &table[..table.find("\n\n").unwrap_or(table.len())];
    let rows = table
        .lines()
        .filter_map(|l| l.strip_prefix("| `")?.split_once('`'))
        .map(|(code, _)| code.to_string())
        .collect();
    assert_same("table of checks", rows, &codes);
}

#[test]
fn the_readme_lists_every_advisory_code_and_no_other() {
    let codes = AdvisoryCode::ALL.map(AdvisoryCode::code);
    assert_same(
        "advisory codes",
        listed(&readme(), "Advisory codes", "`bears_on_outcome`"),
        &codes,
    );
}

#[test]
fn the_readme_lists_every_verdict_size_and_status() {
    let text = readme();
    assert_same(
        "verdicts",
        listed(&text, "Verdicts:", "Check codes:"),
        &Verdict::ALL.map(Verdict::code),
    );
    assert_same(
        "sizes",
        listed(&text, "Sizes:", "Statuses:"),
        &SizeClass::ALL.map(SizeClass::code),
    );
    assert_same(
        "statuses",
        listed(&text, "Statuses:", "Advisory codes"),
        &Status::ALL.map(Status::code),
    );
}

/// Every check has its rule explained, by its code, in `docs/rules.md`, and
/// every rule number the code gives a check (`(C4)`, `(M2)`) is there too.
#[test]
fn docs_rules_explains_every_check_and_rule_number() {
    let root = env!("CARGO_MANIFEST_DIR");
    let rules = std::fs::read_to_string(format!("{root}/docs/rules.md")).expect("docs/rules.md");
    let codes = std::fs::read_to_string(format!("{root}/src/domain/codes.rs")).unwrap();
    for check in CheckCode::ALL {
        assert!(
            rules.contains(&format!("`{check}`")),
            "docs/rules.md does not explain {check}"
        );
    }
    let numbers: Vec<&str> = codes
        .split('(')
        .skip(1)
        .filter_map(|s| s.split_once(')'))
        .map(|(n, _)| n)
        .filter(|n| {
            (2..=3).contains(&n.len())
                && n.starts_with(['C', 'M'])
                && n[1..].bytes().all(|b| b.is_ascii_digit())
        })
        .collect();
    assert_eq!(numbers.len(), 16, "{numbers:?}");
    for n in numbers {
        assert!(
            rules.contains(&format!("| {n} |")),
            "docs/rules.md has no row for {n}"
        );
    }
}

/// The README's inputs table, as the input table (`FIELDS`) gives it.
fn inputs_table() -> String {
    let mut out = String::from(
        "| link key | flag | second host | input | values | part |\n| --- | --- | --- | --- | --- | --- |\n",
    );
    for field in Field::ALL {
        let (min, max) = field.bounds();
        let values = match field.rule() {
            ParseRule::Count => format!("{min}–{max} {}", field.unit()),
            ParseRule::PerNode => format!("{min}–{max} {}, comma-separated", field.unit()),
            ParseRule::Quantity => format!("quantity ({})", field.unit()),
            ParseRule::GuestCells => format!("{}, comma-separated", field.unit()),
        };
        let values = if field.is_optional() {
            format!("{values}; optional")
        } else {
            values
        };
        let (second, part) = match field.part() {
            Part::Host => (
                format!(
                    "`{}` `{}`",
                    Side::Compare.key(field),
                    Side::Compare.flag(field)
                ),
                "host",
            ),
            Part::Vm => ("(the same VM)".to_string(), "VM"),
        };
        out.push_str(&format!(
            "| `{}` | `{}` | {second} | {} | {values} | {part} |\n",
            field.key(),
            Side::Main.flag(field),
            field.label(),
        ));
    }
    out
}

#[test]
fn the_readme_inputs_table_is_the_input_table() {
    let text = readme();
    let start = text
        .find("| link key | flag |")
        .unwrap_or_else(|| panic!("README: no inputs table; it should be:\n{}", inputs_table()));
    let end = start + text[start..].find("\n\n").unwrap_or(text.len() - start) + 1;
    assert_eq!(
        &text[start..end],
        inputs_table(),
        "README's inputs table differs from src/domain/field.rs (the table below is the right one)"
    );
}
