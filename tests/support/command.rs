//! Running the command in the integration tests: with text on stdin, and
//! bad input's one-line refusal. Each test file takes the module with
//! `#[path]` and uses part of it.
#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The command with `args`, `stdin` written to it.
pub fn run_with(args: &[&str], stdin: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_vnuma-planner"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run vnuma-planner");
    // A command that refuses its flags exits before reading stdin.
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

/// The command with `args` and nothing on stdin.
pub fn run(args: &[&str]) -> Output {
    run_with(args, "")
}

/// Bad input: status 2, nothing on stdout, one line on stderr that says
/// `expected`.
pub fn assert_bad_input(args: &[&str], expected: &str) {
    let out = run(args);
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
    assert!(stderr.starts_with("error: "), "{stderr}");
    assert!(stderr.contains(expected), "{args:?}: {stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"));
    assert!(out.stdout.is_empty());
}
