//! The `weerbaar` command line: parse, dispatch, report errors. Nothing else lives here: the
//! arguments and every command are in the library's [`weerbaar::cli`], one module per command.

use std::process::ExitCode;

use weerbaar::cli::{self, Command};

fn main() -> ExitCode {
    let cli = cli::parse();
    let result = match cli.command {
        Some(Command::Check(args)) => cli::check::run(&args),
        Some(Command::Play(args)) => cli::play::run(&args),
        Some(Command::Debrief(args)) => cli::debrief::run(&args),
        Some(Command::Series(args)) => cli::series::run(&args),
        Some(Command::Review(args)) => cli::review::run(&args),
        Some(Command::Screen(args)) => cli::screen::run(&args),
        Some(Command::Simulate(args)) => cli::simulate::run(&args),
        Some(Command::Graph(args)) => cli::graph::run(&args),
        Some(Command::Proof(args)) => cli::proof::run(&args),
        Some(Command::New(args)) => cli::new::run(&args),
        None => cli::play::run(&cli.play),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            cli::report(&err);
            ExitCode::from(2)
        }
    }
}
