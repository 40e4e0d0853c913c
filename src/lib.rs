//! studylog: keeps a markdown learning journal honest. A pure analysis core
//! (parse, workspace, checks, stats, features) with two thin edges: the
//! command line and the language server.

pub mod catalog;
pub mod checks;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod duration;
pub mod explain;
pub mod features;
/// Fuzz target bodies, shared by `fuzz/` and `tests/fuzz_props.rs`; not API.
#[doc(hidden)]
pub mod fuzzing;
pub mod impact;
pub mod journal;
pub mod lsp;
pub mod notice;
pub mod parse;
pub mod required;
pub mod scan;
pub mod stats;
pub mod syntax;
#[cfg(test)]
mod test_fixture;
pub mod text;
pub mod topic;
pub mod vault;
