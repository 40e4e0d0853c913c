--- `:checkhealth studylog`: the server binary and its version, the journal's
--- root, whether its studylog.toml parses, and the attached client.
local M = {}

function M.check()
  local health = vim.health
  health.start('studylog')
  local config = vim.lsp.config and vim.lsp.config.studylog or nil
  local cmd = config and config.cmd or { 'studylog', 'lsp' }
  local bin = type(cmd) == 'table' and cmd[1] or nil
  local path = bin and vim.fn.exepath(bin) or ''
  if path == '' then
    health.error(('server binary `%s` not found'):format(tostring(bin)), {
      'Install it (`cargo install --path .` in the studylog repository) so that it is on your PATH,',
      "or set its path: vim.lsp.config('studylog', { cmd = { '/path/to/studylog', 'lsp' } })",
    })
  else
    local version = vim.system({ path, '--version' }, { text = true }):wait()
    health.ok(('server: %s (%s)'):format(path, vim.trim(version.stdout or '?')))
  end

  local markers = config and config.root_markers or { 'studylog.toml', '.obsidian', '.git' }
  local client = require('studylog').client(vim.api.nvim_get_current_buf())
  local root = client and client.root_dir or vim.fs.root(0, markers)
  if not root then
    health.warn('no journal root for this buffer (no ' .. table.concat(markers, ', ') .. ' above it)',
      { 'Open a note of your journal, or add a studylog.toml at its top folder.' })
  else
    health.ok('journal root: ' .. root)
    local toml = vim.fs.joinpath(root, 'studylog.toml')
    if vim.uv.fs_stat(toml) == nil then
      health.info('no studylog.toml: the defaults and your editor settings apply')
    elseif path ~= '' then
      local run = vim.system({ path, 'check', '--format', 'json', '--select', 'config-error', root },
        { text = true }):wait()
      local ok, findings = pcall(vim.json.decode, run.stdout or '')
      local problems = {}
      for _, f in ipairs(ok and type(findings) == 'table' and (findings.diagnostics or findings) or {}) do
        if type(f) == 'table' and f.code == 'config-error' then
          table.insert(problems, ('line %s: %s'):format(tostring(f.line), tostring(f.message)))
        end
      end
      if #problems == 0 and ok then
        health.ok('studylog.toml parses')
      elseif #problems > 0 then
        health.error('studylog.toml has problems', problems)
      else
        health.warn('could not read what `studylog check` said about studylog.toml: ' .. (run.stderr or ''))
      end
    end
  end

  local clients = vim.lsp.get_clients({ name = 'studylog' })
  if #clients == 0 then
    health.warn('no studylog client is running',
      { "Call vim.lsp.enable('studylog') (or require('studylog').setup()) and open a markdown note." })
  end
  for _, c in ipairs(clients) do
    local attached = vim.tbl_keys(c.attached_buffers or {})
    health.ok(('client %d attached to %d buffer(s), root %s, positions %s'):format(
      c.id, #attached, tostring(c.root_dir), c.offset_encoding))
  end
end

return M
