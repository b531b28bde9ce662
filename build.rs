//! Turns `data/outcome-rules.json` (the document's table with our explanations)
//! into Rust statics, so the table is checked at build time and the wasm build
//! carries no JSON parser. It also resolves the 3 x 4 grid here: a cell with
//! no row, or with two rows of the same rank, fails the build.

#[allow(dead_code)]
#[path = "src/domain/codes.rs"]
mod codes;

use codes::{Policy, RuleSize, Status, TableSize};
use serde::Deserialize;
use std::collections::BTreeSet;
use std::fmt::Write as _;

const DATA: &str = "data/outcome-rules.json";

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Table {
    document: Document,
    rows: Vec<Row>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Document {
    title: String,
    publisher: String,
    versions: Vec<String>,
    module_id: String,
    url: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    row: u8,
    size: String,
    policy: String,
    status: String,
    summary: String,
    happens: String,
    user_sees: String,
    what_to_do: String,
}

/// A row's codes, read with the crate's own code lists.
struct Key {
    size: RuleSize,
    policy: Policy,
    status: Status,
}

fn code<T: std::str::FromStr>(row: u8, what: &str, text: &str) -> T
where
    T::Err: std::fmt::Display,
{
    text.parse()
        .unwrap_or_else(|e| panic!("{DATA}: row {row}: unknown {what} {text:?}: {e}"))
}

/// The index of the one row behind a cell: the row naming the size, else
/// the `any` row.
fn resolve(keys: &[Key], size: TableSize, policy: Policy) -> usize {
    let matching = |wanted: RuleSize| -> Vec<usize> {
        (0..keys.len())
            .filter(|&i| keys[i].policy == policy && keys[i].size == wanted)
            .collect()
    };
    let named = RuleSize::from_code(size.code()).expect("every table size is a rule size");
    let (specific, any) = (matching(named), matching(RuleSize::Any));
    match (specific.as_slice(), any.as_slice()) {
        ([i], _) | ([], [i]) => *i,
        ([], []) => panic!("{DATA}: no row for {size} / {policy}"),
        _ => panic!("{DATA}: more than one row for {size} / {policy}"),
    }
}

fn main() {
    println!("cargo:rerun-if-changed={DATA}");
    println!("cargo:rerun-if-changed=src/domain/codes.rs");
    let text = std::fs::read_to_string(DATA).expect("read outcome rules");
    let table: Table = serde_json::from_str(&text).expect("parse outcome rules");

    let mut seen_rows = BTreeSet::new();
    let mut out = String::new();
    let d = &table.document;
    writeln!(
        out,
        "pub static DOCUMENT: Document = Document {{ title: {:?}, publisher: {:?}, versions: &{:?}, module_id: {:?}, url: {:?} }};",
        d.title, d.publisher, d.versions, d.module_id, d.url
    )
    .unwrap();
    let mut keys = Vec::new();
    writeln!(out, "pub static RULES: [Rule; {}] = [", table.rows.len()).unwrap();
    for r in &table.rows {
        assert!(seen_rows.insert(r.row), "{DATA}: row {} twice", r.row);
        for (name, text) in [
            ("summary", &r.summary),
            ("happens", &r.happens),
            ("user_sees", &r.user_sees),
            ("what_to_do", &r.what_to_do),
        ] {
            assert!(
                !text.trim().is_empty(),
                "{DATA}: row {} has no {name}",
                r.row
            );
        }
        let key = Key {
            size: code(r.row, "size", &r.size),
            policy: code(r.row, "policy", &r.policy),
            status: code(r.row, "status", &r.status),
        };
        assert!(
            !matches!(
                key.status,
                Status::Ambiguous | Status::Unschedulable | Status::NotApplicable
            ),
            "{DATA}: row {}: {} is the planner's status, not the document's",
            r.row,
            key.status
        );
        writeln!(
            out,
            "    Rule {{ row: {}, size: RuleSize::{:?}, policy: Policy::{:?}, status: Status::{:?}, index: {} }},",
            r.row, key.size, key.policy, key.status, keys.len()
        )
        .unwrap();
        keys.push(key);
    }
    out.push_str("];\n");
    // Each kind of text in a static of its own, so a build that reads only
    // the summaries (the page's own wasm) links none of the others.
    type Text = fn(&Row) -> &String;
    let texts: [(&str, Text); 4] = [
        ("SUMMARIES", |r| &r.summary),
        ("HAPPENS", |r| &r.happens),
        ("USER_SEES", |r| &r.user_sees),
        ("WHAT_TO_DO", |r| &r.what_to_do),
    ];
    for (name, text) in texts {
        let all: Vec<&String> = table.rows.iter().map(text).collect();
        writeln!(out, "static {name}: [&str; {}] = {all:?};", all.len()).unwrap();
    }

    let mut used = BTreeSet::new();
    writeln!(
        out,
        "static GRID: [[&Rule; Policy::ALL.len()]; TableSize::ALL.len()] = ["
    )
    .unwrap();
    for size in TableSize::ALL {
        out.push_str("    [");
        for policy in Policy::ALL {
            let i = resolve(&keys, size, policy);
            used.insert(i);
            write!(out, "&RULES[{i}], ").unwrap();
        }
        out.push_str("],\n");
    }
    out.push_str("];\n");
    for (i, r) in table.rows.iter().enumerate() {
        assert!(
            used.contains(&i),
            "{DATA}: row {} decides no cell: a row naming the size covers it everywhere",
            r.row
        );
    }

    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("outcome_rules.rs");
    std::fs::write(dest, out).expect("write generated rules");
}
