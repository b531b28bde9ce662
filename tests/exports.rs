//! The table exports as documentation pipelines take them: the AsciiDoc
//! keeps the AsciiDocDITA rules that apply to a pasted table (checked here
//! line by line as those rules read a file, since Vale itself does not
//! install from the package registries), and the DITA export is a
//! well-formed DITA 1.3 table of the document's 3 sizes x 4 policies, in
//! each language.

use std::process::Command;
use vnuma_planner::import::{parse_xml, XmlElement};

const LANGS: [&str; 4] = ["en", "ja", "zh-cn", "ko"];

fn table(lang: &str, format: &str) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_vnuma-planner"))
        .args(["--lang", lang, "table", "--format", format])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The lines AsciiDocDITA's rules read: not in comments or code blocks.
fn checked_lines(adoc: &str) -> Vec<&str> {
    let mut block: Option<&str> = None;
    let mut out = Vec::new();
    for line in adoc.lines() {
        let t = line.trim_end();
        let delimiter = (t.len() >= 4
            && (t.chars().all(|c| c == '/')
                || t.chars().all(|c| c == '-')
                || t.chars().all(|c| c == '.')))
        .then_some(t);
        match (block, delimiter) {
            (None, Some(d)) => block = Some(d),
            (Some(open), Some(d)) if open == d => block = None,
            (Some(_), _) => {}
            (None, None) if t.starts_with("//") => {}
            (None, None) => out.push(line),
        }
    }
    out
}

#[test]
fn the_asciidoc_table_keeps_the_asciidocdita_rules() {
    for lang in LANGS {
        asciidoc_keeps_the_rules(lang);
    }
}

fn asciidoc_keeps_the_rules(lang: &str) {
    let adoc = table(lang, "asciidoc");
    let lines = checked_lines(&adoc);
    // ShortDescription: a paragraph marked as the abstract, first.
    assert_eq!(lines[0], "[role=\"_abstract\"]");
    let english = lines[1].starts_with("Whether a VM with vNUMA live-migrates");
    assert_eq!(english, lang == "en", "{lang}: {}", lines[1]);
    // BlockTitle: a block title only right before a table (or an example,
    // a figure); its attribute list may sit between them.
    for (i, line) in lines.iter().enumerate() {
        let is_title = line.starts_with('.')
            && !line.starts_with("..")
            && line.len() > 1
            && !line[1..].starts_with([' ', '\t', '.']);
        if is_title {
            let next = lines[i + 1..]
                .iter()
                .find(|l| !(l.starts_with('[') && l.ends_with(']')))
                .unwrap();
            assert!(next.starts_with("|==="), "a block title before {next:?}");
        }
    }
    // TableFooter: no footer option.
    assert!(lines
        .iter()
        .filter(|l| l.starts_with('['))
        .all(|l| !l.contains("footer")));
    // EntityReference: no HTML entities but XML's own.
    for line in &lines {
        for (at, _) in line.match_indices('&') {
            let name: String = line[at + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            let is_entity = !name.is_empty() && line[at + 1 + name.len()..].starts_with(';');
            assert!(
                !is_entity || ["amp", "lt", "gt", "apos", "quot"].contains(&name.as_str()),
                "&{name}; in {line:?}"
            );
        }
    }
    // CalloutList, SidebarBlock: neither callouts nor sidebars.
    assert!(!lines
        .iter()
        .any(|l| l.starts_with("<1>") || l.trim_end() == "****"));
}

fn children<'e>(e: &'e XmlElement, name: &'e str) -> Vec<&'e XmlElement> {
    e.elements(name).collect()
}

#[test]
fn the_dita_export_is_a_dita_table_of_five_columns() {
    for lang in LANGS {
        dita_table(lang);
    }
}

fn dita_table(lang: &str) {
    let dita = table(lang, "dita");
    let body = parse_xml(&format!("<body>{dita}</body>")).unwrap();
    let table = body.child("table").unwrap();
    assert_eq!(table.attribute("id"), Some("vnuma-live-migration-outcomes"));
    // Another language says so; the document's title stays as published.
    let own = (lang != "en").then_some(lang);
    assert_eq!(
        table.attribute("lang"),
        own,
        "xml:lang (the reader drops prefixes)"
    );
    assert!(table
        .child("title")
        .unwrap()
        .text()
        .unwrap()
        .starts_with("Live migration outcomes using vNUMA"));
    let tgroup = table.child("tgroup").unwrap();
    assert_eq!(tgroup.attribute("cols"), Some("5"));
    assert_eq!(children(tgroup, "colspec").len(), 5);
    let head = children(tgroup.child("thead").unwrap(), "row");
    let rows = children(tgroup.child("tbody").unwrap(), "row");
    assert_eq!((head.len(), rows.len()), (1, 3));
    for row in head.iter().chain(&rows) {
        assert_eq!(children(row, "entry").len(), 5);
    }
    let policies: Vec<&str> = children(head[0], "entry")[1..]
        .iter()
        .map(|e| e.child("codeph").unwrap().text().unwrap())
        .collect();
    assert_eq!(
        policies,
        ["none", "single-numa-node", "best-effort", "restricted"]
    );
    let cell = children(rows[2], "entry")[2].text().unwrap();
    assert_eq!(
        cell == "Fails to start (row 1, any size)",
        lang == "en",
        "{lang}: {cell}"
    );
    // The short description before the table, the note and source after.
    let paragraphs = children(&body, "p");
    assert_eq!(paragraphs.len(), 3);
    assert!(paragraphs[2]
        .child("xref")
        .unwrap()
        .attribute("href")
        .unwrap()
        .starts_with("https://docs.redhat.com/"));
}
