//! The `vnuma-planner` command: the same classifier for scripts and tickets.

mod args;
mod cluster;
mod error;
mod explain;
mod export;
mod field_flags;
mod json;
mod text;

use crate::domain::{Lang, Report};
use crate::form::{FormState, Side};
use crate::i18n::{self, Catalogue};
use crate::share::{answer, migration_answer, permalink, ViewState};
use args::{ClassifyArgs, ClassifyFormat, Cli, Command, LinkArgs, TableFormat};
use clap::error::ErrorKind;
use clap::Parser;
pub use error::CliError;
use std::io::Write;
use std::process::ExitCode;

/// Exit status for bad input, as clap uses for usage errors.
const BAD_INPUT: u8 = 2;

/// Runs the command with the process arguments. Output goes to stdout in
/// one write; bad input is one line on stderr and exit status 2.
pub fn run() -> ExitCode {
    match output(std::env::args_os()) {
        Ok((text, status)) => write_stdout(&text, status),
        Err(err) => {
            // One line, whatever a file name or a file held.
            eprintln!("error: {}", crate::domain::printable(&err.to_string()));
            ExitCode::from(BAD_INPUT)
        }
    }
}

/// What the command prints for these arguments, and its exit status.
fn output(args: impl IntoIterator<Item = std::ffi::OsString>) -> Result<(String, u8), CliError> {
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(err)
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) =>
        {
            return Ok((err.to_string(), 0));
        }
        Err(err) => return Err(usage(&err)),
    };
    speak(cli.lang);
    let text = match cli.command {
        Command::Classify(args) => classify(&args),
        Command::Link(args) => link(&args, cli.lang),
        Command::Table(args) => Ok(table(args.format()?)),
        Command::Cluster(args) => cluster::run(&args),
        Command::Explain(args) => return explain::run(&args),
    };
    text.map(|t| (t, 0))
}

/// The document's grid in one format.
fn table(format: TableFormat) -> String {
    match format {
        TableFormat::Text => text::table(),
        TableFormat::Json => format!("{:#}\n", json::table()),
        TableFormat::Markdown => export::markdown(),
        TableFormat::Asciidoc => export::asciidoc(),
        TableFormat::Html => export::html(),
        TableFormat::Dita => export::dita(),
    }
}

/// clap's message can span lines (a list of missing flags); the part before
/// the usage block, joined, is the one line we promise.
fn usage(err: &clap::Error) -> CliError {
    let rendered = err.to_string();
    let message: Vec<&str> = rendered
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let line = message.join(" ");
    let line = line.strip_prefix("error: ").unwrap_or(&line);
    CliError::Usage(format!("{line} (see --help)"))
}

/// Writes the output; a reader that went away is not an error of ours, a
/// stdout that cannot be written is one line on stderr, never a panic.
fn write_stdout(text: &str, status: u8) -> ExitCode {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => ExitCode::from(status),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::from(status),
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            ExitCode::FAILURE
        }
    }
}

fn classify(args: &ClassifyArgs) -> Result<String, CliError> {
    let format = args.format()?;
    let (form, imported) = args.scenario.form()?;
    let scenario = form.input().parse_running()?;
    let report = Report::new(scenario);
    let from_files = imported.advisories(report.scenario.vm.pod_cpus());
    let report = report.with_advisories(from_files);
    let read = imported.read();
    let compared = compared(&form)?;
    Ok(match format {
        ClassifyFormat::Text => {
            let mut out = text::report(&report, &read);
            if let Some(second) = &compared {
                out.push_str("\nCompared with a second host (the same VM):\n\n");
                out.push_str(&text::report(second, &[]));
                out.push('\n');
                out.push_str(&text::migrations(&report, second, form.compare_policy));
            }
            out
        }
        ClassifyFormat::Json => {
            let mut value = json::report(&report, &read);
            value["origins"] = json::origins(&imported.origins);
            value["compare"] = compared
                .as_ref()
                .map_or(serde_json::Value::Null, |second| json::report(second, &[]));
            value["migration"] = compared.as_ref().map_or(serde_json::Value::Null, |second| {
                json::migrations(&report, second, form.compare_policy)
            });
            format!("{value:#}\n")
        }
        ClassifyFormat::Markdown => {
            let migration = compared.as_ref().map_or(String::new(), |second| {
                migration_answer(&report, second, form.compare_policy)
            });
            answer(&report, compared.as_ref(), &migration, None)
        }
    })
}

/// The same VM on the second host, when one is given.
fn compared(form: &FormState) -> Result<Option<Report>, CliError> {
    match form.input_on(Side::Compare) {
        Some(input) => Ok(Some(Report::new(
            input.parse_running().map_err(CliError::Compared)?,
        ))),
        None => Ok(None),
    }
}

/// The command's catalogues, compiled in (the page fetches its own).
fn catalogue_text(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "",
        Lang::Ja => include_str!("../../i18n/ja.po"),
        Lang::ZhCn => include_str!("../../i18n/zh-cn.po"),
        Lang::Ko => include_str!("../../i18n/ko.po"),
    }
}

/// Makes the outputs speak `lang` (English when `None`).
fn speak(lang: Option<Lang>) {
    match lang.map(|lang| Catalogue::parse(lang, catalogue_text(lang))) {
        Some(Ok(catalogue)) => i18n::activate(catalogue),
        // The catalogues are checked by tests/catalogues.rs; English is
        // the fallback all the same.
        _ => i18n::activate_english(),
    }
}

fn link(args: &LinkArgs, lang: Option<Lang>) -> Result<String, CliError> {
    let (form, _) = args.scenario.form()?;
    form.input().parse_running()?;
    compared(&form)?;
    let base = args.base_url.trim();
    if base.is_empty() || base.contains(char::is_whitespace) || base.contains('#') {
        return Err(CliError::Input(
            "--base-url must be a URL without spaces or '#', e.g. https://example.org/vnuma-planner/".to_string(),
        ));
    }
    let view = ViewState {
        lang,
        embed: args.embed,
        theme: args.theme.unwrap_or_default(),
        cell: args.cell,
        frame_id: None,
    };
    Ok(format!("{}\n", permalink(base, &form, &view)))
}
