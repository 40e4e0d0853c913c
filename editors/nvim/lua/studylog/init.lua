--- studylog for Neovim 0.11+: commands over the language server and an
--- nvim-lspconfig-style setup() for those who prefer one call.
local M = {}

--- The studylog client attached to `bufnr` (or the first running one).
---@param bufnr integer|nil
---@return vim.lsp.Client|nil
function M.client(bufnr)
  local clients = vim.lsp.get_clients({ name = 'studylog', bufnr = bufnr })
  if #clients == 0 then
    clients = vim.lsp.get_clients({ name = 'studylog' })
  end
  return clients[1]
end

local function no_client()
  vim.notify('studylog: the language server is not running for this buffer '
    .. '(is `studylog` on your PATH and the buffer a markdown file?)', vim.log.levels.WARN)
end

--- Runs a server command for the current buffer; `on_result(result)` gets
--- the answer, errors are reported as notifications.
---@param command string
---@param on_result fun(result: any)|nil
local function execute(command, on_result)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.client(bufnr)
  if not client then
    return no_client()
  end
  client:request('workspace/executeCommand', {
    command = command,
    arguments = { vim.uri_from_bufnr(bufnr) },
  }, function(err, result)
    if err then
      vim.notify('studylog: ' .. (err.message or tostring(err)), vim.log.levels.ERROR)
    elseif on_result then
      on_result(result)
    end
  end, bufnr)
end

--- Inserts a new entry for today (the server answers with an edit the editor applies).
function M.new_entry()
  execute('studylog.newEntry')
end

local function format_minutes(minutes)
  minutes = minutes or 0
  local h, m = math.floor(minutes / 60), minutes % 60
  if h == 0 then
    return string.format('%dm', m)
  elseif m == 0 then
    return string.format('%dh', h)
  end
  return string.format('%dh %dm', h, m)
end

--- Renders the stats JSON of `studylog.stats` as lines of text.
---@param stats table
---@return string[]
function M.render_stats(stats)
  local unit = stats.streak_unit or 'days'
  local lines = {
    'studylog: practice stats',
    '',
    string.format('Entries         %d', stats.entries or 0),
    string.format('Practice days   %d', stats.days or 0),
    string.format('Total time      %s', format_minutes(stats.total_minutes)),
    string.format('Current streak  %d %s', stats.current_streak or 0, unit),
    string.format('Longest streak  %d %s', stats.longest_streak or 0, unit),
    '',
  }
  local width = 5
  for _, t in ipairs(stats.topics or {}) do
    width = math.max(width, vim.fn.strdisplaywidth(t.topic))
  end
  local row = '%-' .. width .. 's  %8s  %9s  %-10s  %-10s'
  table.insert(lines, string.format(row, 'Topic', 'Sessions', 'Time', 'First', 'Last'))
  for _, t in ipairs(stats.topics or {}) do
    table.insert(lines, string.format(row, t.topic, tostring(t.sessions), format_minutes(t.minutes), t.first, t.last))
  end
  return lines
end

--- Shows the journal's stats in a floating scratch window (`q` closes it).
function M.stats()
  execute('studylog.stats', function(result)
    if type(result) ~= 'table' then
      vim.notify('studylog: no stats returned', vim.log.levels.ERROR)
      return
    end
    local lines = M.render_stats(result)
    local buf = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
    vim.bo[buf].modifiable = false
    vim.bo[buf].bufhidden = 'wipe'
    vim.b[buf].studylog_stats = true
    local width = 20
    for _, l in ipairs(lines) do
      width = math.max(width, vim.fn.strdisplaywidth(l))
    end
    local height = math.min(#lines, math.max(5, vim.o.lines - 6))
    vim.api.nvim_open_win(buf, true, {
      relative = 'editor',
      width = math.min(width + 2, vim.o.columns - 4),
      height = height,
      row = math.floor((vim.o.lines - height) / 2),
      col = math.floor((vim.o.columns - width) / 2),
      style = 'minimal',
      border = 'rounded',
      title = ' studylog ',
    })
    vim.keymap.set('n', 'q', '<cmd>close<cr>', { buffer = buf, nowait = true })
  end)
end

--- One-call setup in the nvim-lspconfig style: `require('studylog').setup({ settings = { studylog = {...} } })`.
--- Merges `opts` into the `lsp/studylog.lua` defaults and enables the server.
---@param opts table|nil
function M.setup(opts)
  if opts and next(opts) ~= nil then
    vim.lsp.config('studylog', opts)
  end
  vim.lsp.enable('studylog')
end

return M
