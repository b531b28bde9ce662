//! The `vnuma-planner` command: the same classifier for scripts and tickets.

mod args;
mod json;
mod text;

use crate::domain::{FieldError, Report};
use args::{Cli, Command};
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
        Command::Classify(args) => match args.scenario.input().parse() {
            Ok(scenario) => {
                let report = Report::new(scenario);
                if args.json {
                    println!("{:#}", json::report(&report));
                } else {
                    print!("{}", text::report(&report));
                }
                ExitCode::SUCCESS
            }
            Err(errors) => bad_input(&errors),
        },
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

fn bad_input(errors: &[FieldError]) -> ExitCode {
    let all: Vec<String> = errors
        .iter()
        .map(|e| format!("{}: {}", e.field.flag(), e.message))
        .collect();
    eprintln!("error: {}", all.join("; "));
    ExitCode::from(BAD_INPUT)
}
