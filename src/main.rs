//! The `studylog` binary: hands over to the command line.

fn main() -> std::process::ExitCode {
    studylog::cli::run()
}
