-- Headless Neovim against the built studylog server, driven by tests/nvim.rs.
-- Uses the shipped editors/nvim/lsp/studylog.lua with `cmd` pointed at the
-- binary under test. Every step prints "ok <step>"; the first failure prints
-- "FAIL <step>: <why>" and exits with status 1.
--
-- Environment: STUDYLOG_REPO (repository root), STUDYLOG_BIN (server binary),
-- STUDYLOG_JOURNAL (a journal folder prepared by the test).

local repo = assert(os.getenv('STUDYLOG_REPO'), 'STUDYLOG_REPO')
local bin = assert(os.getenv('STUDYLOG_BIN'), 'STUDYLOG_BIN')
local journal = assert(os.getenv('STUDYLOG_JOURNAL'), 'STUDYLOG_JOURNAL')

local harness = dofile(repo .. '/tests/nvim/harness.lua')
local PATIENCE, out, fail, wait, check =
  harness.PATIENCE, harness.out, harness.fail, harness.wait, harness.check

local function codes(bufnr)
  local list = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    table.insert(list, tostring(d.code))
  end
  table.sort(list)
  return table.concat(list, ',')
end

local function path(rel)
  return journal .. '/' .. rel
end

local function write(rel, text)
  local f = assert(io.open(path(rel), 'w'))
  f:write(text)
  f:close()
end

-- The shipped config, with the binary under test.
vim.opt.runtimepath:prepend(repo .. '/editors/nvim')
vim.lsp.config('studylog', { cmd = { bin, 'lsp' } })
vim.lsp.enable('studylog')

-- 1. Open a journal note: the server attaches, with UTF-8 positions.
vim.cmd('edit ' .. vim.fn.fnameescape(path('log.md')))
local log_buf = vim.api.nvim_get_current_buf()
local client = wait('server attaches', function()
  return vim.lsp.get_clients({ bufnr = log_buf, name = 'studylog' })[1]
end)
check('utf-8 positions negotiated', client.offset_encoding == 'utf-8', client.offset_encoding)
check('root is the journal', client.root_dir == journal, client.root_dir)

-- 2. Diagnostics arrive for files that are not open: studylog.toml's bad key.
local config_buf = vim.uri_to_bufnr(vim.uri_from_fname(path('studylog.toml')))
wait('config-error on studylog.toml', function()
  return codes(config_buf) == 'config-error'
end)
local d = vim.diagnostic.get(config_buf)[1]
check('config-error on line 2', d.lnum == 1, d.lnum)
check('source studylog', d.source == 'studylog', d.source)

-- 3. Diagnostics of the open note: the misspelled topic.
local function log_diagnostic(code)
  for _, diag in ipairs(vim.diagnostic.get(log_buf)) do
    if diag.code == code then
      return diag
    end
  end
end
local typo = wait('unknown-topic in log.md', function()
  return log_diagnostic('unknown-topic')
end)
check('typo on line 6', typo.lnum == 5, typo.lnum)

local uri = vim.uri_from_bufnr(log_buf)
local function request(method, params)
  local response = client:request_sync(method, params, PATIENCE, log_buf)
  if not response or response.err then
    fail(method, vim.inspect(response))
  end
  return response.result
end

-- 4. The quick fix, applied: the diagnostic goes away after the edit.
local actions = request('textDocument/codeAction', {
  textDocument = { uri = uri },
  range = {
    start = { line = typo.lnum, character = typo.col },
    ['end'] = { line = typo.end_lnum, character = typo.end_col },
  },
  context = { diagnostics = { typo.user_data.lsp }, only = { 'quickfix' } },
})
local fix
for _, action in ipairs(actions or {}) do
  if action.edit and action.title:find('load%-balancing') then
    fix = action
  end
end
check('a did-you-mean quick fix', fix ~= nil, vim.inspect(actions))
vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
check('fix applied to the buffer',
  vim.api.nvim_buf_get_lines(log_buf, 5, 6, false)[1] == 'Practised #load-balancing',
  vim.api.nvim_buf_get_lines(log_buf, 5, 6, false)[1])
wait('unknown-topic gone after the fix', function()
  return log_diagnostic('unknown-topic') == nil
end)

-- 5. An edit is re-checked: a date that does not exist.
vim.api.nvim_buf_set_lines(log_buf, 2, 3, false, { '## 2026-02-30' })
wait('invalid-date after the edit', function()
  return log_diagnostic('invalid-date') ~= nil
end)
vim.api.nvim_buf_set_lines(log_buf, 2, 3, false, { '## 2026-11-25' })
wait('invalid-date gone after undoing it', function()
  return log_diagnostic('invalid-date') == nil
end)

-- 6. Topic completion after `#load-b`, replacing the typed prefix.
vim.api.nvim_buf_set_lines(log_buf, -1, -1, false, { 'Also #load-b' })
local last = vim.api.nvim_buf_line_count(log_buf) - 1
local completion = request('textDocument/completion', {
  textDocument = { uri = uri },
  position = { line = last, character = #'Also #load-b' },
})
local items = completion.items or completion
local offered
for _, item in ipairs(items) do
  if item.label:find('load%-balancing') then
    offered = item
  end
end
check('load-balancing completed', offered ~= nil, vim.inspect(items))
vim.lsp.util.apply_text_edits({ offered.textEdit }, log_buf, client.offset_encoding)
local completed = vim.api.nvim_buf_get_lines(log_buf, last, last + 1, false)[1]
check('completion replaced the prefix', completed == 'Also #load-balancing', completed)

-- 7. Hover on the topic.
local hover = request('textDocument/hover', {
  textDocument = { uri = uri },
  position = { line = last, character = #'Also #lo' },
})
check('hover describes the topic', hover and hover.contents.value:find('load%-balancing') ~= nil,
  vim.inspect(hover))

-- 8. Rename the topic across the journal.
local edit = request('textDocument/rename', {
  textDocument = { uri = uri },
  position = { line = last, character = #'Also #lo' },
  newName = 'traffic-spreading',
})
vim.lsp.util.apply_workspace_edit(edit, client.offset_encoding)
local renamed = vim.api.nvim_buf_get_lines(log_buf, last, last + 1, false)[1]
check('rename applied', renamed == 'Also #traffic-spreading', renamed)

-- 9. Files written on disk by another program are picked up.
write('studylog.toml', '[journal]\ncadence = "daily"\n')
wait('fixed config clears its diagnostics', function()
  return codes(config_buf) == ''
end)
write('other.md', '## 2026-1-5\n')
local other_buf = vim.uri_to_bufnr(vim.uri_from_fname(path('other.md')))
wait('a new note on disk is checked', function()
  return codes(other_buf):find('invalid%-date') ~= nil
end)

-- 10. Stats over the protocol.
local stats = request('workspace/executeCommand', {
  command = 'studylog.stats',
  arguments = { uri },
})
check('stats answered', stats and stats.entries ~= nil, vim.inspect(stats))

-- 11. Shutdown: the client stops and the server process exits.
client:stop()
wait('client stopped', function()
  return client:is_stopped()
end)

out('done')
vim.cmd('qall!')
