//! The `vnuma-planner` command line.

fn main() -> std::process::ExitCode {
    vnuma_planner::cli::run()
}
