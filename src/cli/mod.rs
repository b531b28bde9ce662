//! The `vnuma-planner` command: the same classifier for scripts and tickets.

mod args;
mod json;
mod text;

use crate::domain::{FieldError, Policy, Report};
use crate::share::{parse_cell, permalink, Theme, ViewState};
use args::{ClassifyArgs, Cli, Command, LinkArgs};
use clap::error::ErrorKind;
use clap::Parser;
use std::process::ExitCode;

/// Exit status for bad input, as clap uses for usage errors.
const BAD_INPUT: u8 = 2;

/// Runs the command with the process arguments; bad input is one line on
/// stderr and exit status 2.
pub fn run() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            if matches!(
                err.kind(),
                ErrorKind::DisplayHelp | ErrorKind::DisplayVersion
            ) {
                print!("{err}");
                return ExitCode::SUCCESS;
            }
            // clap's message can span lines (a list of missing flags); the part
            // before the usage block, joined, is the one line we promise.
            let rendered = err.to_string();
            let message: Vec<&str> = rendered
                .lines()
                .take_while(|l| !l.trim().is_empty())
                .map(str::trim)
                .collect();
            eprintln!("{} (see --help)", message.join(" "));
            return ExitCode::from(BAD_INPUT);
        }
    };
    match cli.command {
        Command::Classify(args) => classify(&args),
        Command::Link(args) => link(&args),
        Command::Table(args) => {
            if args.json {
                println!("{:#}", json::table());
            } else {
                print!("{}", text::table());
            }
            ExitCode::SUCCESS
        }
    }
}

fn classify(args: &ClassifyArgs) -> ExitCode {
    let (form, imported) = match args.scenario.form() {
        Ok(found) => found,
        Err(line) => return fail(&line),
    };
    match form.input().parse() {
        Ok(scenario) => {
            let report = Report::new(scenario);
            let notes = imported.notes(report.scenario.vm.pod_cpus());
            let read = imported.read();
            if args.json {
                println!("{:#}", json::report(&report, form.policy, &notes, &read));
            } else {
                print!("{}", text::report(&report, form.policy, &notes, &read));
            }
            ExitCode::SUCCESS
        }
        Err(errors) => bad_input(&errors),
    }
}

fn link(args: &LinkArgs) -> ExitCode {
    let (mut form, _) = match args.scenario.form() {
        Ok(found) => found,
        Err(line) => return fail(&line),
    };
    if let Err(errors) = form.input().parse() {
        return bad_input(&errors);
    }
    let base = args.base_url.trim();
    if base.is_empty() || base.contains(char::is_whitespace) || base.contains('#') {
        return fail("--base-url must be a URL without spaces or '#', e.g. https://example.org/vnuma-planner/");
    }
    let cell = args.cell.as_deref().map(parse_cell);
    if cell == Some(None) {
        return fail(
            "--cell must be size.policy, e.g. large.none (sizes: small, large, extra-large)",
        );
    }
    if let Some(policy) = args.policy.as_deref().and_then(Policy::from_code) {
        form.policy = Some(policy);
    }
    let view = ViewState {
        embed: args.embed,
        theme: args
            .theme
            .as_deref()
            .and_then(Theme::from_code)
            .unwrap_or_default(),
        cell: cell.flatten(),
    };
    println!("{}", permalink(base, &form, &view));
    ExitCode::SUCCESS
}

/// Bad input: one line on stderr, exit status 2.
fn fail(line: &str) -> ExitCode {
    eprintln!("error: {}", line.replace('\n', " "));
    ExitCode::from(BAD_INPUT)
}

fn bad_input(errors: &[FieldError]) -> ExitCode {
    let all: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.field.flag(), e.message))
        .collect();
    fail(&all.join("; "))
}
