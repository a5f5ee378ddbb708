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
mod layout;
mod log;
mod printer;

use std::process::ExitCode;

use clap::Parser;
use vetnet_node::DataDir;
use vetnet_node::config::LogFormat;

fn main() -> ExitCode {
    let cli = args::Cli::parse();
    // Before the runtime starts threads: root may become the data
    // directory's owner here (`layout`).
    let data_dir = match layout::resolve(cli.data_dir.clone(), cli.settings.clone())
        .and_then(|dir| layout::act_as_owner(&cli, &dir).map(|()| dir))
    {
        Ok(dir) => dir,
        Err(error) => return report(&error),
    };
    start_log(&cli, &data_dir);

    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(4);
        }
    };
    match runtime.block_on(commands::run(cli, data_dir)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => report(&error),
    }
}

/// Prints the error with its whole chain; its exit code.
fn report(error: &anyhow::Error) -> ExitCode {
    eprintln!("error: {error}");
    for cause in error.chain().skip(1) {
        eprintln!("  caused by: {cause}");
    }
    ExitCode::from(failure::exit_code(error))
}

/// The log on stderr (`log`). The node logs its progress, as text or one
/// JSON object per line (`--log-format`, else `log_format` in the
/// settings); other commands only warn, so their output stays clean.
fn start_log(cli: &args::Cli, data_dir: &DataDir) {
    let run_args = match &cli.command {
        args::Command::Node(args::NodeCommand::Run(run)) => Some(run),
        _ => None,
    };
    let format = match run_args.and_then(|run| run.log_format) {
        Some(args::LogFormatArg::Json) => LogFormat::Json,
        Some(args::LogFormatArg::Text) => LogFormat::Text,
        // A settings file that does not load is reported by `node run` itself.
        None if run_args.is_some() => vetnet_node::Config::load(data_dir).map(|c| c.log_format).unwrap_or_default(),
        None => LogFormat::Text,
    };
    log::start(if run_args.is_some() { "info" } else { "warn" }, format);
}
