//! Fixture tests of the editor features, one module per feature.

mod actions;
mod completion;
mod folding_inlay;
mod hover;
mod navigation;
mod new_entry;
mod symbols;
