//! `vnuma-planner explain`: the error texts of a paste read as the
//! planner's checks (`domain::errors`), and, with the VM and host given,
//! each confirmed against the planner's own verdict with its checked fixes.

use super::args::{ExplainArgs, ExplainFormat};
use super::error::CliError;
use crate::domain::errors::{read_errors, PastedError, MOST_BYTES};
use crate::domain::fixes::{fixes_for, Fix};
use crate::domain::{printable, CheckCode, Policy, Report};
use crate::i18n::tr;
use crate::share::markdown_text;
use crate::trf;
use serde_json::{json, Value};
use std::fmt::Write as _;
use std::io::Read;

/// Exit status when the text holds no known error (as grep's "no match").
pub const NONE_FOUND: u8 = 1;

/// The planner's verdict on one error's check, with the VM and host given.
struct Confirmed {
    /// The policies (of those asked) under which the check fails or is at
    /// risk.
    policies: Vec<Policy>,
    /// The checked fixes under the first of them.
    fixes: Vec<Fix>,
}

/// The output and the exit status.
pub fn run(args: &ExplainArgs) -> Result<(String, u8), CliError> {
    let format = args.format()?;
    let path = args.file.as_deref().unwrap_or("-");
    let scenario = &args.scenario.0;
    let stdin_twice =
        scenario.vm_file.as_deref() == Some("-") || scenario.host_file.iter().any(|f| f == "-");
    if path == "-" && stdin_twice {
        return Err(CliError::Input(
            tr("explain: the pasted text and a --vm-file or --host-file cannot both be read from stdin (-)").to_string(),
        ));
    }
    let text = read_bounded(path)?;
    let report = if args.scenario.0.given() {
        let (form, _) = args.scenario.0.form()?;
        Some(Report::new(form.input().parse_running()?))
    } else {
        None
    };
    let errors = read_errors(&text);
    let confirmed: Vec<Option<Confirmed>> = errors
        .iter()
        .map(|e| report.as_ref().and_then(|r| confirm(r, e)))
        .collect();
    let found = errors.iter().zip(&confirmed);
    let out = match format {
        ExplainFormat::Text => text_output(found, report.is_some()),
        ExplainFormat::Json => format!("{:#}\n", json_output(found, report.is_some())),
        ExplainFormat::Markdown => markdown_output(found, report.is_some()),
    };
    Ok((out, if errors.is_empty() { NONE_FOUND } else { 0 }))
}

/// The text of a file or stdin, refused past `MOST_BYTES`; bytes that are
/// not UTF-8 are read as replacement characters (a log may hold them).
fn read_bounded(path: &str) -> Result<String, CliError> {
    let problem = |e: std::io::Error| CliError::file("explain", path, e.to_string());
    let mut bytes = Vec::new();
    let limit = MOST_BYTES as u64 + 1;
    if path == "-" {
        std::io::stdin()
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(problem)?;
    } else {
        std::fs::File::open(path)
            .and_then(|f| f.take(limit).read_to_end(&mut bytes))
            .map_err(problem)?;
    }
    if bytes.len() > MOST_BYTES {
        return Err(CliError::file(
            "explain",
            path,
            tr("more than 2 MB: give the part that holds the error"),
        ));
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

/// Whether the planner's checks agree: the error's check (or one that
/// prints the same text) fails or is at risk under a policy asked. `None`
/// when the error is not a check of one VM on one host.
fn confirm(report: &Report, error: &PastedError) -> Option<Confirmed> {
    let check = error.check?;
    // A migration's checks need a second host: `classify` judges them.
    if check == CheckCode::GuestCells {
        return None;
    }
    let codes: Vec<CheckCode> = std::iter::once(check)
        .chain(error.also.iter().copied())
        .collect();
    let failing = |p: Policy| {
        report.verdicts[p]
            .problems()
            .find(|c| codes.contains(&c.code))
            .map(|c| c.code)
    };
    let policies: Vec<Policy> = report
        .asked()
        .into_iter()
        .filter(|&p| failing(p).is_some())
        .collect();
    let fixes = policies
        .first()
        .and_then(|&p| failing(p).map(|code| fixes_for(&report.scenario, p, code)))
        .unwrap_or_default();
    Some(Confirmed { policies, fixes })
}

fn policies_text(list: &[Policy]) -> String {
    list.iter().map(|p| p.code()).collect::<Vec<_>>().join(", ")
}

/// One sentence on the planner's agreement.
fn agreement(error: &PastedError, confirmed: Option<&Confirmed>, given: bool) -> Option<String> {
    let check = error.check?;
    if !given {
        return None;
    }
    Some(match confirmed {
        None => trf!(
            "The planner judges {check} only between two hosts: run classify with a second host (--compare-host-file or the --b- flags).",
            check = check
        ),
        Some(c) if c.policies.is_empty() => trf!(
            "The planner does not agree: with these inputs {check} passes under every policy asked. Check the inputs against the node the error came from.",
            check = check
        ),
        Some(c) => trf!(
            "The planner agrees: with these inputs it fails or is at risk under {policies}.",
            policies = policies_text(&c.policies)
        ),
    })
}

/// What usually fixes the error, unless the planner checked fixes of its
/// own for these inputs.
fn usual_fixes<'e>(error: &'e PastedError, confirmed: Option<&Confirmed>) -> &'e [&'static str] {
    match confirmed {
        Some(c) if !c.fixes.is_empty() => &[],
        _ => &error.fixes,
    }
}

fn numbers_json(error: &PastedError) -> Value {
    let map: serde_json::Map<String, Value> = error
        .numbers
        .iter()
        .map(|&(name, value)| (name.to_string(), json!(value)))
        .collect();
    Value::Object(map)
}

pub fn fix_json(fix: &Fix) -> Value {
    json!({
        "check": fix.check.code(),
        "summary": fix.summary,
        "yaml": fix.yaml,
        "planner_args": fix.planner_args,
    })
}

fn json_output<'a>(
    found: impl Iterator<Item = (&'a PastedError, &'a Option<Confirmed>)>,
    given: bool,
) -> Value {
    let errors: Vec<Value> = found
        .map(|(e, c)| {
            let checked = c
                .as_ref()
                .map(|c| c.fixes.iter().map(fix_json))
                .into_iter()
                .flatten();
            let usual = e.fixes.iter().map(|s| json!({ "summary": s }));
            json!({
                "text": e.text,
                "check": e.check.map(CheckCode::code),
                "also": e.also.iter().map(|c| c.code()).collect::<Vec<_>>(),
                "means": e.means,
                "numbers": numbers_json(e),
                "needs": if given { Vec::new() } else { e.needs.to_vec() },
                "fixes": checked.into_iter().chain(usual).collect::<Vec<_>>(),
                "confirmed": match (given, e.check, c) {
                    (true, Some(_), Some(c)) => json!({
                        "agrees": !c.policies.is_empty(),
                        "policies": c.policies.iter().map(|p| p.code()).collect::<Vec<_>>(),
                    }),
                    _ => Value::Null,
                },
                "agreement": agreement(e, c.as_ref(), given),
            })
        })
        .collect();
    json!({ "known": !errors.is_empty(), "errors": errors })
}

fn none_text() -> &'static str {
    tr("No known error was found: the planner reads the texts of its table (docs/rules.md, \"Errors users paste\") and invents nothing else.")
}

fn numbers_text(error: &PastedError) -> String {
    error
        .numbers
        .iter()
        .map(|(name, value)| format!("{} {value}", name.replace('_', " ")))
        .collect::<Vec<_>>()
        .join(", ")
}

fn text_output<'a>(
    found: impl Iterator<Item = (&'a PastedError, &'a Option<Confirmed>)>,
    given: bool,
) -> String {
    let mut out = String::new();
    for (i, (e, c)) in found.enumerate() {
        let check = e.check.map_or(tr("none (not a fit rule)"), |c| c.code());
        let _ = writeln!(
            out,
            "{}. {}\n   {}",
            i + 1,
            printable(&e.text),
            trf!("check: {check}", check = check)
        );
        let _ = writeln!(out, "   {}", trf!("means: {means}", means = e.means));
        if !e.numbers.is_empty() {
            let _ = writeln!(
                out,
                "   {}",
                trf!("numbers: {numbers}", numbers = numbers_text(e))
            );
        }
        if let Some(line) = agreement(e, c.as_ref(), given) {
            let _ = writeln!(out, "   {line}");
        } else if !e.needs.is_empty() && e.check.is_some() {
            let _ = writeln!(
                out,
                "   {}",
                trf!("to confirm it, give: {inputs}", inputs = e.needs.join(", "))
            );
        }
        let _ = writeln!(out, "   {}", tr("what to do:"));
        for fix in c.iter().flat_map(|c| &c.fixes) {
            let _ = writeln!(
                out,
                "   - {}",
                trf!(
                    "{summary} (checked: {flags})",
                    summary = fix.summary,
                    flags = fix.planner_args.join(" ")
                )
            );
        }
        for summary in usual_fixes(e, c.as_ref()) {
            let _ = writeln!(out, "   - {summary}");
        }
        out.push('\n');
    }
    if out.is_empty() {
        let _ = writeln!(out, "{}", none_text());
    }
    out
}

fn markdown_output<'a>(
    found: impl Iterator<Item = (&'a PastedError, &'a Option<Confirmed>)>,
    given: bool,
) -> String {
    let mut out = String::new();
    for (e, c) in found {
        let check = e.check.map_or(tr("not a fit rule").to_string(), |c| {
            trf!("check `{check}`", check = c)
        });
        let _ = writeln!(
            out,
            "{}",
            trf!(
                "**Error:** {error} ({check})",
                error = markdown_text(&e.text),
                check = check
            )
        );
        let _ = writeln!(out, "- {}", trf!("What it means: {means}", means = e.means));
        if !e.numbers.is_empty() {
            let _ = writeln!(
                out,
                "- {}",
                trf!("Numbers: {numbers}", numbers = numbers_text(e))
            );
        }
        if let Some(line) = agreement(e, c.as_ref(), given) {
            let _ = writeln!(out, "- {line}");
        } else if !e.needs.is_empty() && e.check.is_some() {
            let _ = writeln!(
                out,
                "- {}",
                trf!(
                    "To confirm it, the planner needs: {inputs}",
                    inputs = e.needs.join(", ")
                )
            );
        }
        let _ = writeln!(out, "- {}", tr("What to do:"));
        for fix in c.iter().flat_map(|c| &c.fixes) {
            out.push_str(&crate::share::fix_markdown(fix));
        }
        for summary in usual_fixes(e, c.as_ref()) {
            let _ = writeln!(out, "  - {summary}");
        }
        out.push('\n');
    }
    if out.is_empty() {
        let _ = writeln!(out, "{}", none_text());
    }
    out
}
