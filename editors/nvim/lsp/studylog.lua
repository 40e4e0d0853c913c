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
  handlers = {
    -- Every edit applied and the touched buffers saved (or named as unsaved).
    ['textDocument/rename'] = function(...)
      return require('studylog').rename_handler(...)
    end,
    -- The server's signal that the journal's stats changed: the statusline follows.
    ['studylog/statsChanged'] = function()
      require('studylog').stats_changed_handler()
    end,
    -- The server asks for fresh hints after every change to the journal
    -- (a note written elsewhere too): the statusline follows as well.
    ['workspace/inlayHint/refresh'] = function(...)
      require('studylog').stats_changed_handler()
      return vim.lsp.handlers['workspace/inlayHint/refresh'](...)
    end,
  },
}
