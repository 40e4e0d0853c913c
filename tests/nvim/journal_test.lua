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

-- How long a step may wait for the server (ms). Generous for busy CI
-- machines; passing steps return as soon as their condition holds.
local PATIENCE = 20000

local function out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

local function fail(step, why)
  out('FAIL ' .. step .. ': ' .. tostring(why))
  local log = vim.lsp.get_log_path and vim.lsp.get_log_path() or ''
  out('(lsp log: ' .. log .. ')')
  vim.cmd('cquit 1')
end

local function wait(step, cond)
  local result
  local ok = vim.wait(PATIENCE, function()
    local good, value = pcall(cond)
    if good and value then
      result = value
      return true
    end
    return false
  end, 20)
  if not ok then
    fail(step, 'timed out')
  end
  out('ok ' .. step)
  return result
end

local function check(step, cond, why)
  if not cond then
    fail(step, why or 'check failed')
  end
  out('ok ' .. step)
end

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

-- 3. A file written on disk by another program is picked up.
write('studylog.toml', '[journal]\ncadence = "daily"\n')
wait('fixed config clears its diagnostics', function()
  return codes(config_buf) == ''
end)

-- 4. Stats over the protocol.
local response = client:request_sync('workspace/executeCommand', {
  command = 'studylog.stats',
  arguments = { vim.uri_from_bufnr(log_buf) },
}, PATIENCE, log_buf)
check('stats answered', response and response.result and response.result.entries ~= nil,
  vim.inspect(response))

-- 5. Shutdown: the client stops and the server process exits.
client:stop()
wait('client stopped', function()
  return client:is_stopped()
end)

out('done')
vim.cmd('qall!')
