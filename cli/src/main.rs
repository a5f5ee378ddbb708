//! `vetnet`: the node and its admin CLI in one binary.
//!
//! Parse (`args`), then run one command (`commands`), printing through one
//! `printer`. Errors print their whole chain and map to exit codes
//! (`failure`): 1 for bad input, 2 for bad usage, 3 when the node is not
//! running, 4 for internal failures.

mod args;
mod client;
mod commands;
mod failure;
mod printer;

use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    // The node logs its progress; other commands only warn, so their output stays clean.
    let default_level = if matches!(cli.command, args::Command::Node(_)) { "info" } else { "warn" };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(default_level));
    let colour = std::io::IsTerminal::is_terminal(&std::io::stderr()) && std::env::var_os("NO_COLOR").is_none();
    tracing_subscriber::fmt().with_env_filter(filter).with_ansi(colour).with_writer(std::io::stderr).init();

    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(4);
        }
    };
    match runtime.block_on(commands::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("error: {error}");
            for cause in error.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(failure::exit_code(&error))
        }
    }
}
