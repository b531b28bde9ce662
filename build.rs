//! Turns `data/outcome-rules.json` (the document's table with our explanations)
//! into Rust statics, so the table is checked at build time and the wasm build
//! carries no JSON parser.

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

fn variant(kind: &str, code: &str) -> &'static str {
    let found = match kind {
        "size" => match code {
            "any" => Some("RuleSize::Any"),
            "small" => Some("RuleSize::Small"),
            "large" => Some("RuleSize::Large"),
            "extra-large" => Some("RuleSize::ExtraLarge"),
            _ => None,
        },
        "policy" => match code {
            "none" => Some("Policy::None"),
            "single-numa-node" => Some("Policy::SingleNumaNode"),
            "best-effort" => Some("Policy::BestEffort"),
            "restricted" => Some("Policy::Restricted"),
            _ => None,
        },
        "status" => match code {
            "works" => Some("Status::Works"),
            "migration-fails" => Some("Status::MigrationFails"),
            "fails-to-start" => Some("Status::FailsToStart"),
            "vm-does-not-work" => Some("Status::VmDoesNotWork"),
            _ => None,
        },
        _ => None,
    };
    found.unwrap_or_else(|| panic!("{DATA}: unknown {kind} code {code:?}"))
}

fn main() {
    println!("cargo:rerun-if-changed={DATA}");
    let text = std::fs::read_to_string(DATA).expect("read outcome rules");
    let table: Table = serde_json::from_str(&text).expect("parse outcome rules");

    let mut seen_rows = BTreeSet::new();
    let mut seen_cells = BTreeSet::new();
    let mut out = String::new();
    let d = &table.document;
    writeln!(
        out,
        "pub static DOCUMENT: Document = Document {{ title: {:?}, publisher: {:?}, versions: &{:?}, module_id: {:?}, url: {:?} }};",
        d.title, d.publisher, d.versions, d.module_id, d.url
    )
    .unwrap();
    writeln!(out, "pub static RULES: [Rule; {}] = [", table.rows.len()).unwrap();
    for r in &table.rows {
        assert!(seen_rows.insert(r.row), "{DATA}: row {} twice", r.row);
        assert!(
            seen_cells.insert((r.size.clone(), r.policy.clone())),
            "{DATA}: two rows for {} / {}",
            r.size,
            r.policy
        );
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
        writeln!(
            out,
            "    Rule {{ row: {}, size: {}, policy: {}, status: {}, summary: {:?}, happens: {:?}, user_sees: {:?}, what_to_do: {:?} }},",
            r.row,
            variant("size", &r.size),
            variant("policy", &r.policy),
            variant("status", &r.status),
            r.summary,
            r.happens,
            r.user_sees,
            r.what_to_do
        )
        .unwrap();
    }
    out.push_str("];\n");

    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("outcome_rules.rs");
    std::fs::write(dest, out).expect("write generated rules");
}
