-- The editors/nvim plugin as a user installs it: put on the runtimepath
-- before startup (tests/nvim.rs passes `--cmd "set rtp^=..."`) of a clean
-- Neovim, set up with the nvim-lspconfig-style `require('studylog').setup()`,
-- then its commands run against the built server. Steps are reported by
-- harness.lua.
--
-- Environment: STUDYLOG_BIN (server binary), STUDYLOG_JOURNAL (journal folder),
-- STUDYLOG_TODAY (the date the server takes as today), STUDYLOG_REPO (repository root).

local bin = assert(os.getenv('STUDYLOG_BIN'), 'STUDYLOG_BIN')
local journal = assert(os.getenv('STUDYLOG_JOURNAL'), 'STUDYLOG_JOURNAL')
local today = assert(os.getenv('STUDYLOG_TODAY'), 'STUDYLOG_TODAY')

local repo = assert(os.getenv('STUDYLOG_REPO'), 'STUDYLOG_REPO')
local harness = dofile(repo .. '/tests/nvim/harness.lua')
local out, wait, check = harness.out, harness.wait, harness.check

-- 1. The plugin loaded at startup, from the runtimepath alone.
check('plugin loaded', vim.g.loaded_studylog == true, vim.inspect(vim.g.loaded_studylog))
check(':StudylogNewEntry defined', vim.fn.exists(':StudylogNewEntry') == 2)
check(':StudylogStats defined', vim.fn.exists(':StudylogStats') == 2)

-- 2. lspconfig-style setup: options merged over lsp/studylog.lua, server enabled.
require('studylog').setup({
  cmd = { bin, 'lsp' },
  settings = { studylog = { journal = { cadence = 'daily' } } },
})

-- 3. Opening a note attaches the server at the journal's root.
vim.cmd('edit ' .. vim.fn.fnameescape(journal .. '/log.md'))
local bufnr = vim.api.nvim_get_current_buf()
local client = wait('server attaches', function()
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'studylog' })[1]
end)
check('root is the journal (studylog.toml marker)', client.root_dir == journal, client.root_dir)

-- 4. Diagnostics appear: the entry has no `time::`.
wait('missing-field shown', function()
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    if d.code == 'missing-field' then
      return true
    end
  end
end)

-- 5. :StudylogNewEntry inserts today's entry through an edit the editor applies.
vim.cmd('StudylogNewEntry')
wait(':StudylogNewEntry inserted today\'s entry', function()
  for _, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:find('^#+ ' .. vim.pesc(today)) then
      return true
    end
  end
end)

-- The server then moves the cursor into the new entry (window/showDocument,
-- sent once the edit is applied); waited for, so that it cannot land after
-- the stats float opens and take the focus away from it.
wait('the cursor moved into the new entry', function()
  return vim.api.nvim_win_get_cursor(0)[1] > 3
end)

-- 6. :StudylogStats opens a scratch float with the journal's stats.
vim.cmd('StudylogStats')
local stats_lines = wait(':StudylogStats shows the stats', function()
  local buf = vim.api.nvim_get_current_buf()
  if vim.b[buf].studylog_stats then
    return vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  end
end)
local text = table.concat(stats_lines, '\n')
check('stats count both entries (the new one is unsaved)', text:find('Entries%s+2') ~= nil, text)
check('stats list the topic', text:find('load%-balancing') ~= nil, text)
check('stats window is a float', vim.api.nvim_win_get_config(0).relative ~= '', vim.inspect(vim.api.nvim_win_get_config(0)))

-- 7. Shutdown.
client:stop()
wait('client stopped', function()
  return client:is_stopped()
end)
out('done')
vim.cmd('qall!')
