//! The language server (`studylog lsp`): the protocol edge over the core.
