-- The editors/nvim plugin as a user installs it: put on the runtimepath
-- before startup (tests/nvim.rs passes `--cmd "set rtp^=..."`) of a clean
-- Neovim, set up with `require('studylog').setup()` and every opt-in turned
-- on, then its commands, statusline, stats float, rename and health check
-- run against the built server. Steps are reported by harness.lua.
--
-- Environment: STUDYLOG_BIN (server binary), STUDYLOG_JOURNAL (journal folder),
-- STUDYLOG_TODAY (the date the server takes as today), STUDYLOG_REPO (repository root).

local bin = assert(os.getenv('STUDYLOG_BIN'), 'STUDYLOG_BIN')
local journal = assert(os.getenv('STUDYLOG_JOURNAL'), 'STUDYLOG_JOURNAL')
local today = assert(os.getenv('STUDYLOG_TODAY'), 'STUDYLOG_TODAY')

local repo = assert(os.getenv('STUDYLOG_REPO'), 'STUDYLOG_REPO')
local harness = dofile(repo .. '/tests/nvim/harness.lua')
local out, wait, check = harness.out, harness.wait, harness.check

-- Every message the plugin shows, for the steps to check.
local messages = {}
vim.notify = function(message, level)
  table.insert(messages, { message = message, level = level })
end
local function said(pattern)
  for i = #messages, 1, -1 do
    if messages[i].message:find(pattern) then
      return messages[i]
    end
  end
end

vim.lsp.log.set_level('info')

local function read(rel)
  local f = io.open(journal .. '/' .. rel)
  if not f then
    return nil
  end
  local text = f:read('*a')
  f:close()
  return text
end

local function write(rel, text)
  local f = assert(io.open(journal .. '/' .. rel, 'w'))
  f:write(text)
  f:close()
end

local function find_line(bufnr, pattern)
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:find(pattern) then
      return i
    end
  end
end

-- 1. The plugin loaded at startup, from the runtimepath alone.
check('plugin loaded', vim.g.loaded_studylog == true, vim.inspect(vim.g.loaded_studylog))
for _, name in ipairs({ 'StudylogNewEntry', 'StudylogToday', 'StudylogStats', 'StudylogTopics',
  'StudylogEntries', 'StudylogMissed' }) do
  check(':' .. name .. ' defined', vim.fn.exists(':' .. name) == 2)
end

-- 2. setup(): plugin options taken out, the rest merged over lsp/studylog.lua.
require('studylog').setup({
  cmd = { bin, 'lsp' },
  keymaps = true,
  inlay_hints = true,
  autocomplete = true,
  settings = { studylog = { journal = { cadence = 'daily' } } },
})

-- 3. Opening a note attaches the server at the journal's root, with the opt-ins.
vim.cmd('edit ' .. vim.fn.fnameescape(journal .. '/log.md'))
local bufnr = vim.api.nvim_get_current_buf()
local client = wait('server attaches', function()
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'studylog' })[1]
end)
check('root is the journal (studylog.toml marker)', client.root_dir == journal, client.root_dir)
wait('keymaps on attach', function()
  local gd = vim.fn.maparg('gd', 'n', false, true)
  return gd.buffer == 1 and gd.desc == 'studylog: go to definition'
    and vim.fn.maparg('gf', 'n', false, true).buffer == 1
    and vim.fn.maparg('gO', 'n', false, true).buffer == 1
end)
check('inlay hints on', vim.lsp.inlay_hint.is_enabled({ bufnr = bufnr }))
check('a completeopt that never inserts by itself',
  vim.bo[bufnr].completeopt == 'menuone,noinsert,popup', vim.bo[bufnr].completeopt)

-- 4. Diagnostics appear: the entry has no `time::`.
wait('missing-field shown', function()
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'missing-field' then
      return true
    end
  end
end)

-- 5. The statusline component: today's minutes and the streak.
wait('statusline shows today and the streak', function()
  return require('studylog').statusline() == '0m today · streak 1 day'
end)

-- 6. :StudylogNewEntry inserts the entry as a snippet, following the
-- journal's habit (a #tag line, the required `time::`), cursor in the first
-- placeholder, and says what it did.
vim.cmd('StudylogNewEntry')
local heading = wait(':StudylogNewEntry inserted today\'s entry', function()
  return find_line(bufnr, '^## ' .. vim.pesc(today))
end)
local entry = vim.api.nvim_buf_get_lines(bufnr, heading - 1, -1, false)
check('the entry follows the habit: a tag line, then time::',
  vim.deep_equal(entry, { '## ' .. today .. ' ', '', '#', 'time:: ', '' }), vim.inspect(entry))
check('the snippet is active', vim.snippet.active(), vim.api.nvim_get_mode().mode)
check('cursor in the first placeholder (the title)',
  vim.api.nvim_win_get_cursor(0)[1] == heading, vim.inspect(vim.api.nvim_win_get_cursor(0)))
check('it says what it did', said('New entry for ' .. vim.pesc(today) .. ' in log%.md') ~= nil,
  vim.inspect(messages))
wait('its blanks are hints while the note is unsaved', function()
  local found = 0
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.lnum >= heading - 1 then
      if d.severity ~= vim.diagnostic.severity.HINT then
        return false
      end
      found = found + 1
    end
  end
  return found >= 1
end)
vim.snippet.stop()
vim.cmd('stopinsert')

-- 7. Run twice: it goes to the entry and says so.
vim.api.nvim_win_set_cursor(0, { 1, 0 })
vim.cmd('StudylogNewEntry')
wait('run twice: jumps to the entry with a message', function()
  return said(vim.pesc(today) .. ' already has an entry: log%.md, line ' .. heading)
    and vim.api.nvim_win_get_cursor(0)[1] == heading
end)

-- 8. From a buffer outside the journal: the workspace's journal, no raw URI error.
vim.cmd('enew')
vim.cmd('StudylogToday yesterday')
wait(':StudylogToday yesterday from a scratch buffer opens the entry', function()
  return vim.api.nvim_get_current_buf() == bufnr and vim.api.nvim_win_get_cursor(0)[1] == 3
end)
check('no "not a journal file" error', said('not a journal file') == nil, vim.inspect(messages))
vim.cmd('StudylogToday someday')
check('a word that is not a day is refused plainly', said('`someday` is not a day') ~= nil,
  vim.inspect(messages))

-- 9. Inlay hints follow a note written by another program.
vim.cmd('silent write')
write('extra.md', '## ' .. today .. '\n#load-balancing\ntime:: 1h 5m\n')
wait('the new note is checked (the server saw it)', function()
  return vim.uri_to_bufnr(vim.uri_from_fname(journal .. '/extra.md'))
    and #vim.lsp.get_clients({ name = 'studylog' }) == 1
end)
wait('inlay hint of today\'s heading refreshed with the other note\'s time', function()
  for _, h in ipairs(vim.lsp.inlay_hint.get({ bufnr = bufnr })) do
    local label = h.inlay_hint.label
    if type(label) == 'table' then
      label = table.concat(vim.tbl_map(function(p)
        return p.value
      end, label))
    end
    if h.inlay_hint.position.line == heading - 1 and label:find('1h 5m') then
      return true
    end
  end
end)
wait('statusline follows', function()
  return require('studylog').statusline():find('^1h 5m today') ~= nil
end)

-- 10. :StudylogStats: a float titled once, with numbers and a heatmap.
vim.cmd('StudylogStats')
local stats_lines = wait(':StudylogStats shows the stats', function()
  local buf = vim.api.nvim_get_current_buf()
  if vim.b[buf].studylog_stats then
    return vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  end
end)
local text = table.concat(stats_lines, '\n')
check('stats count the entries', text:find('Entries%s+3') ~= nil, text)
check('stats list the topic', text:find('load%-balancing') ~= nil, text)
check('the title is not repeated in the text', text:find('practice stats') == nil, text)
local win = vim.api.nvim_win_get_config(0)
check('stats window is a float with the title', win.relative ~= ''
  and vim.inspect(win.title):find('studylog: practice stats') ~= nil, vim.inspect(win))
check('a heatmap, a row per weekday', text:find('\nMon [■ ]+\n') ~= nil and text:find('\nSun [■ ]+') ~= nil,
  text)
check('a legend', text:find('less ■ ■ ■ ■ ■ more') ~= nil, text)
local marks = vim.api.nvim_buf_get_extmarks(0, -1, 0, -1, { details = true })
local practised = 0
for _, m in ipairs(marks) do
  if m[4].hl_group ~= 'StudylogHeat0' then
    practised = practised + 1
  end
end
-- Two practised days (yesterday and today) plus the legend's four levels.
check('practised days are highlighted', practised == 6, tostring(practised))
vim.cmd('close')

-- 11. Rename applies every edit and saves the buffers it touched.
write('other.md', '## 2026-11-24 Notes\n#load-balancing\ntime:: 20m\n')
vim.api.nvim_win_set_cursor(0, { 4, 2 })
wait('other.md indexed', function()
  local refs = client:request_sync('textDocument/references', {
    textDocument = { uri = vim.uri_from_bufnr(bufnr) },
    position = { line = 3, character = 2 },
    context = { includeDeclaration = true },
  }, 5000, bufnr)
  for _, r in ipairs(refs and refs.result or {}) do
    if r.uri:find('other%.md$') then
      return true
    end
  end
end)
vim.lsp.buf.rename('traffic-spreading')
wait('rename says what it saved', function()
  return said('renamed in %d file%(s%); saved')
end)
check('other.md renamed on disk', (read('other.md') or ''):find('#traffic%-spreading') ~= nil, read('other.md'))
check('log.md renamed on disk', (read('log.md') or ''):find('#traffic%-spreading') ~= nil, read('log.md'))
local unsaved = {}
for _, b in ipairs(vim.api.nvim_list_bufs()) do
  if vim.api.nvim_buf_is_loaded(b) and vim.bo[b].modified then
    table.insert(unsaved, vim.api.nvim_buf_get_name(b))
  end
end
check('no buffer left unsaved', #unsaved == 0, vim.inspect(unsaved))

-- 12. :checkhealth studylog.
vim.cmd('checkhealth studylog')
local health = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, false), '\n')
check('health: the binary and its version', health:find('server: .*studylog %d') ~= nil, health)
check('health: the root', health:find('journal root: ' .. vim.pesc(journal)) ~= nil, health)
check('health: studylog.toml parses', health:find('studylog.toml parses') ~= nil, health)
check('health: the client', health:find('client %d+ attached') ~= nil, health)
vim.cmd('bwipe')

-- 13. Shutdown; routine server logs are not errors in lsp.log.
client:stop()
wait('client stopped', function()
  return client:is_stopped()
end)
local log = io.open(vim.lsp.log.get_filename()):read('*a')
check('server logs reached lsp.log at their level', log:find('%[INFO%].*indexed') ~= nil
  or log:find('%[INFO%]') ~= nil, log)
check('no [ERROR] lines in lsp.log', log:find('%[ERROR%]') == nil, log)
out('done')
vim.cmd('qall!')
