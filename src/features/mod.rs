//! Editor features as pure functions over the workspace: completion, hover,
//! navigation, symbols, code actions, folding and inlay hints. Each returns
//! domain values; the LSP adapter turns them into protocol types.
