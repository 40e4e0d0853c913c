--- studylog language server config for Neovim 0.11+ (`vim.lsp.config` /
--- `vim.lsp.enable('studylog')`): diagnostics, completion, hover and more
--- for markdown learning journals. Settings go under `settings.studylog`
--- with the structure of `studylog.toml`; the file wins where both set a key.
---@type vim.lsp.Config
return {
  cmd = { 'studylog', 'lsp' },
  filetypes = { 'markdown' },
  root_markers = { 'studylog.toml', '.obsidian', '.git' },
  settings = {
    studylog = {},
  },
}
