-- Step reporting shared by the headless Neovim test scripts: every step
-- prints "ok <step>"; the first failure prints "FAIL <step>: <why>" and
-- exits with status 1. Loaded with dofile() by the scripts in this folder.
local M = {}

-- How long a step may wait (ms). Generous for busy CI machines; passing
-- steps return as soon as their condition holds.
M.PATIENCE = 20000

function M.out(line)
  io.stdout:write(line .. '\n')
  io.stdout:flush()
end

function M.fail(step, why)
  M.out('FAIL ' .. step .. ': ' .. tostring(why))
  local log = vim.lsp.get_log_path and vim.lsp.get_log_path() or ''
  M.out('(lsp log: ' .. log .. ')')
  vim.cmd('cquit 1')
end

--- Waits until `cond` returns a truthy value (errors count as not yet) and returns it.
function M.wait(step, cond)
  local result
  local ok = vim.wait(M.PATIENCE, function()
    local good, value = pcall(cond)
    if good and value then
      result = value
      return true
    end
    return false
  end, 20)
  if not ok then
    M.fail(step, 'timed out')
  end
  M.out('ok ' .. step)
  return result
end

function M.check(step, cond, why)
  if not cond then
    M.fail(step, why or 'check failed')
  end
  M.out('ok ' .. step)
end

return M
