--- studylog for Neovim 0.11+: commands over the language server, a
--- statusline component, pickers, opt-in buffer keymaps and completion, and
--- an nvim-lspconfig-style setup() for those who prefer one call.
local M = {}

--- Plugin options (not server settings). Everything opt-in is off here;
--- `setup()` merges the user's choices over these.
M.options = {
  -- Buffer keymaps on attach: `gd` definition, `gf` follows a [[link]] (else
  -- Vim's gf), `gO` the server's symbols.
  keymaps = false,
  -- Inlay hints (day total and streak after entry headings) on attach.
  inlay_hints = false,
  -- Completion as you type (with a completeopt that never inserts an item
  -- by itself: menuone,noinsert,popup).
  autocomplete = false,
  -- After a rename, save the buffers it edited (else say which are unsaved).
  save_after_rename = true,
}

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

local function notify(message, level)
  vim.notify('studylog: ' .. message, level or vim.log.levels.INFO)
end

local function no_client()
  notify('no journal is open: open a note of your journal first (the server '
    .. 'starts for markdown files; is `studylog` on your PATH?)', vim.log.levels.WARN)
end

--- The URI of `bufnr` when the studylog client is attached to it (a journal
--- note), else nil: the server then uses the workspace's journal.
local function journal_uri(bufnr)
  if #vim.lsp.get_clients({ name = 'studylog', bufnr = bufnr }) > 0 then
    return vim.uri_from_bufnr(bufnr)
  end
end

--- Runs a server command; `on_result(result, client)` gets the answer,
--- errors are reported as notifications.
---@param command string
---@param argument any
---@param on_result fun(result: any, client: vim.lsp.Client)|nil
local function execute(command, argument, on_result)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.client(bufnr)
  if not client then
    return no_client()
  end
  client:request('workspace/executeCommand', {
    command = command,
    arguments = { argument },
  }, function(err, result)
    if err then
      notify((err.message or tostring(err)):gsub('^studylog[.%w]*: ', ''), vim.log.levels.ERROR)
    elseif on_result then
      on_result(result, client)
    end
  end, bufnr)
end

--- Today's date as the server sees it (`STUDYLOG_TODAY` wins, as for the server).
function M.today()
  local fixed = vim.env.STUDYLOG_TODAY
  if fixed and fixed:match('^%d%d%d%d%-%d%d%-%d%d$') then
    return fixed
  end
  return os.date('%Y-%m-%d')
end

--- `today`, `yesterday`, `tomorrow` or a `YYYY-MM-DD` date, as a date; nil otherwise.
---@param word string|nil
---@return string|nil
function M.resolve_date(word)
  word = vim.trim(word or '')
  if word == '' or word == 'today' then
    return M.today()
  end
  if word:match('^%d%d%d%d%-%d%d%-%d%d$') then
    return word
  end
  local shift = ({ yesterday = -1, tomorrow = 1 })[word]
  if not shift then
    return nil
  end
  local y, m, d = M.today():match('^(%d+)%-(%d+)%-(%d+)$')
  -- Noon, so that a daylight-saving change cannot move the day.
  local t = os.time({ year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12 })
  return os.date('%Y-%m-%d', t + shift * 86400)
end

--- Opens `uri` in the current window (unless it is already there) and puts
--- the cursor at the LSP `position` (in the client's encoding).
local function goto_position(uri, position, client)
  local bufnr = vim.uri_to_bufnr(uri)
  if vim.api.nvim_get_current_buf() ~= bufnr then
    vim.cmd.edit(vim.fn.fnameescape(vim.uri_to_fname(uri)))
    bufnr = vim.api.nvim_get_current_buf()
  end
  local count = vim.api.nvim_buf_line_count(bufnr)
  local row = position.line
  if row >= count then
    -- Past the last line (after the file's final newline).
    return bufnr, true
  end
  local line = vim.api.nvim_buf_get_lines(bufnr, row, row + 1, false)[1] or ''
  local col = vim.str_byteindex(line, client.offset_encoding, position.character, false)
  vim.api.nvim_win_set_cursor(0, { row + 1, col })
  return bufnr, false
end

--- Opens or creates the entry for `date` (default today): a new entry is
--- inserted as a snippet (Tab / Shift-Tab move between its fields) with the
--- cursor in its first placeholder; a day that has one jumps to it. Says
--- what it did either way.
---@param date string|nil `YYYY-MM-DD`
function M.new_entry(date)
  local bufnr = vim.api.nvim_get_current_buf()
  execute('studylog.newEntry', { uri = journal_uri(bufnr), date = date, apply = false },
    function(plan, client)
      if type(plan) ~= 'table' or not plan.uri then
        return notify('the server gave no place for the entry', vim.log.levels.ERROR)
      end
      local _, past_end = goto_position(plan.uri, plan.position, client)
      if plan.action == 'exists' then
        notify(plan.message)
        return
      end
      if past_end then
        -- A line to insert on, after the last one.
        local bufnr = vim.api.nvim_get_current_buf()
        local count = vim.api.nvim_buf_line_count(bufnr)
        vim.api.nvim_buf_set_lines(bufnr, count, count, false, { '' })
        vim.api.nvim_win_set_cursor(0, { count + 1, 0 })
      end
      vim.snippet.expand(plan.snippet)
      notify(plan.message .. ' (Tab: next field)')
      M.refresh_statusline()
    end)
end

--- `:StudylogToday [yesterday|tomorrow|YYYY-MM-DD]`.
function M.today_command(word)
  local date = M.resolve_date(word)
  if not date then
    return notify(('`%s` is not a day: use yesterday, tomorrow or YYYY-MM-DD'):format(word),
      vim.log.levels.ERROR)
  end
  M.new_entry(date)
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

-- Heatmap --------------------------------------------------------------------

--- Minutes for each level of the heatmap: no entry, under 30m, under 1h,
--- under 2h, 2h or more. Each level has a highlight group, `StudylogHeat0`..`4`,
--- linked to ordinary groups by default; link them to your own to restyle.
M.heat_levels = { 0, 30, 60, 120 }

--- The level of a day: 0 without an entry; a practice day is 1 at least,
--- even when its entries give no time.
local function heat_level(minutes)
  if not minutes then
    return 0
  end
  local level = 1
  for i = 2, #M.heat_levels do
    if minutes >= M.heat_levels[i] then
      level = i
    end
  end
  return level
end

local function define_highlights()
  local links = { 'NonText', 'DiagnosticHint', 'DiagnosticOk', 'String', 'DiagnosticWarn' }
  for level, group in ipairs(links) do
    vim.api.nvim_set_hl(0, 'StudylogHeat' .. (level - 1), { link = group, default = true })
  end
end

local function day_number(date)
  local y, m, d = date:match('^(%d+)%-(%d+)%-(%d+)$')
  if not y then
    return nil
  end
  return math.floor(os.time({ year = tonumber(y), month = tonumber(m), day = tonumber(d), hour = 12 })
    / 86400)
end

--- The heatmap of `calendar` (the stats' `{date, minutes}` list) as lines of
--- text, a row per weekday (Monday first) and a column per week, the latest
--- week last; `weeks` columns at most. Returns the lines and the highlight
--- of each cell: `{ row, byte_col, byte_end, group }`.
---@param calendar table
---@param today string
---@param weeks integer
function M.render_heatmap(calendar, today, weeks)
  local by_day = {}
  for _, c in ipairs(calendar or {}) do
    local n = day_number(c.date)
    if n then
      by_day[n] = c.minutes
    end
  end
  local last = day_number(today) or 0
  -- os.date's %u: 1 = Monday .. 7 = Sunday.
  local weekday = tonumber(os.date('%u', last * 86400 + 43200))
  local first_monday = last - (weekday - 1) - (weeks - 1) * 7
  local names = { 'Mon', '   ', 'Wed', '   ', 'Fri', '   ', 'Sun' }
  local cell = '■'
  local lines, marks = {}, {}
  for row = 1, 7 do
    local line = names[row] .. ' '
    for week = 0, weeks - 1 do
      local n = first_monday + week * 7 + (row - 1)
      if n > last then
        line = line .. '  '
      else
        local start = #line
        line = line .. cell .. ' '
        table.insert(marks, { row - 1, start, start + #cell, 'StudylogHeat' .. heat_level(by_day[n]) })
      end
    end
    lines[row] = line:gsub('%s+$', '')
  end
  local legend = 'less '
  local legend_marks = {}
  for level = 0, #M.heat_levels do
    local start = #legend
    legend = legend .. cell .. ' '
    table.insert(legend_marks, { 8, start, start + #cell, 'StudylogHeat' .. level })
  end
  table.insert(lines, '')
  table.insert(lines, legend .. 'more (0, 30m, 1h, 2h+)')
  vim.list_extend(marks, legend_marks)
  return lines, marks
end

--- `days` for 1 is `day` (the unit is `days` or `weeks`).
local function plural(count, unit)
  return count == 1 and unit:gsub('s$', '') or unit
end

--- Renders the stats JSON of `studylog.stats` as lines of text (the window's
--- title names it, so the text does not).
---@param stats table
---@return string[]
function M.render_stats(stats)
  local unit = stats.streak_unit or 'days'
  local lines = {
    string.format('Entries         %d', stats.entries or 0),
    string.format('Practice days   %d', stats.days or 0),
    string.format('Total time      %s', format_minutes(stats.total_minutes)),
    string.format('Current streak  %d %s', stats.current_streak or 0, plural(stats.current_streak, unit)),
    string.format('Longest streak  %d %s', stats.longest_streak or 0, plural(stats.longest_streak, unit)),
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

--- Shows the journal's stats and a heatmap of practice days in a floating
--- scratch window (`q` closes it).
function M.stats()
  local bufnr = vim.api.nvim_get_current_buf()
  execute('studylog.stats', journal_uri(bufnr), function(result)
    if type(result) ~= 'table' then
      return notify('no stats returned', vim.log.levels.ERROR)
    end
    define_highlights()
    local lines = M.render_stats(result)
    local max_width = math.max(20, vim.o.columns - 6)
    -- As many weeks as fit, a year at most.
    local weeks = math.max(4, math.min(53, math.floor((max_width - 4) / 2)))
    local heat, marks = M.render_heatmap(result.calendar, M.today(), weeks)
    table.insert(lines, '')
    local offset = #lines
    vim.list_extend(lines, heat)
    local buf = vim.api.nvim_create_buf(false, true)
    vim.api.nvim_buf_set_lines(buf, 0, -1, false, lines)
    local ns = vim.api.nvim_create_namespace('studylog_heatmap')
    for _, m in ipairs(marks) do
      vim.api.nvim_buf_set_extmark(buf, ns, offset + m[1], m[2], { end_col = m[3], hl_group = m[4] })
    end
    vim.bo[buf].modifiable = false
    vim.bo[buf].bufhidden = 'wipe'
    vim.b[buf].studylog_stats = true
    local width = 20
    for _, l in ipairs(lines) do
      width = math.max(width, vim.fn.strdisplaywidth(l))
    end
    width = math.min(width + 2, max_width)
    local height = math.min(#lines, math.max(5, vim.o.lines - 6))
    vim.api.nvim_open_win(buf, true, {
      relative = 'editor',
      width = width,
      height = height,
      row = math.floor((vim.o.lines - height) / 2),
      col = math.floor((vim.o.columns - width) / 2),
      style = 'minimal',
      border = 'rounded',
      title = ' studylog: practice stats ',
    })
    vim.keymap.set('n', 'q', '<cmd>close<cr>', { buffer = buf, nowait = true })
  end)
end

-- Statusline -------------------------------------------------------------------

local status = { text = '' }

--- Asks the server for the stats again and updates the statusline text.
function M.refresh_statusline()
  local client = M.client(vim.api.nvim_get_current_buf())
  if not client then
    return
  end
  client:request('workspace/executeCommand', {
    command = 'studylog.stats',
    arguments = { journal_uri(vim.api.nvim_get_current_buf()) },
  }, function(err, stats)
    if err or type(stats) ~= 'table' then
      return
    end
    local today, minutes = M.today(), 0
    for _, c in ipairs(stats.calendar or {}) do
      if c.date == today then
        minutes = c.minutes
      end
    end
    status.text = string.format('%s today · streak %d %s', format_minutes(minutes),
      stats.current_streak or 0, plural(stats.current_streak, stats.streak_unit or 'days'))
    vim.cmd.redrawstatus()
    vim.api.nvim_exec_autocmds('User', { pattern = 'StudylogStatus', modeline = false })
  end)
end

--- The statusline component: today's practice and the streak, e.g.
--- `1h 10m today · streak 12 days` ("" until the server answered). Use it
--- as `%{v:lua.require'studylog'.statusline()}` or in your statusline plugin.
function M.statusline()
  return status.text
end

-- Pickers (vim.ui.select, so telescope/fzf-lua/snacks users get theirs) -------

local function pick_symbols(prompt, kind)
  local bufnr = vim.api.nvim_get_current_buf()
  local client = M.client(bufnr)
  if not client then
    return no_client()
  end
  client:request('workspace/symbol', { query = '' }, function(err, symbols)
    if err then
      return notify(err.message, vim.log.levels.ERROR)
    end
    local items = vim.tbl_filter(function(s)
      return s.kind == kind
    end, symbols or {})
    vim.ui.select(items, {
      prompt = prompt,
      format_item = function(s)
        return s.containerName and (s.name .. '  ' .. s.containerName) or s.name
      end,
    }, function(choice)
      if choice and choice.location and choice.location.range then
        vim.lsp.util.show_document(choice.location, client.offset_encoding, { focus = true })
      end
    end)
  end, bufnr)
end

--- Topics of the journal (and where each is described).
function M.pick_topics()
  pick_symbols('studylog topics', vim.lsp.protocol.SymbolKind.Key)
end

--- Entries, newest first.
function M.pick_entries()
  pick_symbols('studylog entries', vim.lsp.protocol.SymbolKind.Event)
end

--- Days without practice that the cadence expected, latest first (the
--- server's list: every day, where a missed-days finding names only the
--- first few); the chosen one gets its entry.
function M.pick_missed()
  local bufnr = vim.api.nvim_get_current_buf()
  execute('studylog.stats', journal_uri(bufnr), function(stats)
    local dates = type(stats) == 'table' and stats.missed or {}
    if #dates == 0 then
      return notify('no missed days')
    end
    vim.ui.select(dates, { prompt = 'studylog missed days' }, function(choice)
      if choice then
        M.new_entry(choice)
      end
    end)
  end)
end

-- Rename: every edit applied, the touched buffers saved ----------------------

--- The rename handler: applies the edit (files renamed on disk, text edits
--- in buffers, hidden ones included), then saves every buffer it edited, or
--- says which are left unsaved.
function M.rename_handler(err, result, ctx)
  if err then
    return notify('rename failed: ' .. (err.message or tostring(err)), vim.log.levels.ERROR)
  end
  if not result then
    return notify('nothing to rename here', vim.log.levels.WARN)
  end
  local client = vim.lsp.get_client_by_id(ctx.client_id)
  local uris = {}
  for uri in pairs(result.changes or {}) do
    uris[uri] = true
  end
  for _, change in ipairs(result.documentChanges or {}) do
    if change.textDocument then
      uris[change.textDocument.uri] = true
    elseif change.kind == 'rename' then
      uris[change.newUri] = true
    end
  end
  vim.lsp.util.apply_workspace_edit(result, client and client.offset_encoding or 'utf-8')
  local saved, unsaved = {}, {}
  for uri in pairs(uris) do
    local bufnr = vim.uri_to_bufnr(uri)
    local name = vim.fn.fnamemodify(vim.uri_to_fname(uri), ':.')
    if vim.api.nvim_buf_is_loaded(bufnr) and vim.bo[bufnr].modified then
      local ok = M.options.save_after_rename and pcall(vim.api.nvim_buf_call, bufnr, function()
        vim.cmd('silent update')
      end)
      table.insert((ok and not vim.bo[bufnr].modified) and saved or unsaved, name)
    end
  end
  table.sort(saved)
  table.sort(unsaved)
  local message = ('renamed in %d file(s)'):format(vim.tbl_count(uris))
  if #saved > 0 then
    message = message .. '; saved ' .. table.concat(saved, ', ')
  end
  if #unsaved > 0 then
    message = message .. '; left UNSAVED: ' .. table.concat(unsaved, ', ') .. ' (:wa saves them)'
  end
  notify(message, #unsaved > 0 and vim.log.levels.WARN or vim.log.levels.INFO)
end

-- Attach: opt-in keymaps, hints, completion --------------------------------------

--- `gf` on a [[wiki link]] or a markdown link goes to the note (through the
--- server); elsewhere it is Vim's own `gf`.
local function follow_link()
  local line = vim.api.nvim_get_current_line()
  local col = vim.api.nvim_win_get_cursor(0)[2] + 1
  for _, pattern in ipairs({ '()%[%[.-%]%]()', '()%[[^%]]*%]%([^%)]*%)()' }) do
    for s, e in line:gmatch(pattern) do
      if col >= s and col < e then
        return vim.lsp.buf.definition()
      end
    end
  end
  vim.cmd('normal! gf')
end

local function on_attach(client, bufnr)
  local o = M.options
  if o.keymaps then
    local function map(lhs, rhs, desc)
      vim.keymap.set('n', lhs, rhs, { buffer = bufnr, desc = 'studylog: ' .. desc })
    end
    map('gd', vim.lsp.buf.definition, 'go to definition')
    map('gf', follow_link, 'follow the link under the cursor')
    map('gO', vim.lsp.buf.document_symbol, 'entries and headings of this note')
  end
  if o.inlay_hints then
    vim.lsp.inlay_hint.enable(true, { bufnr = bufnr })
  end
  if o.autocomplete then
    vim.api.nvim_buf_call(bufnr, function()
      -- Never insert an item by itself (else `#cach` becomes
      -- `#load-balancingcach` as the first item is inserted while typing).
      vim.opt_local.completeopt = { 'menuone', 'noinsert', 'popup' }
    end)
    vim.lsp.completion.enable(true, client.id, bufnr, { autotrigger = true })
  end
  M.refresh_statusline()
end

local group = vim.api.nvim_create_augroup('studylog', { clear = true })

vim.api.nvim_create_autocmd('LspAttach', {
  group = group,
  callback = function(args)
    local client = vim.lsp.get_client_by_id(args.data.client_id)
    if client and client.name == 'studylog' then
      on_attach(client, args.buf)
    end
  end,
})

vim.api.nvim_create_autocmd('BufWritePost', {
  group = group,
  pattern = { '*.md', '*.markdown' },
  callback = function()
    M.refresh_statusline()
  end,
})

--- The server's "stats changed" signal: the statusline follows it.
function M.stats_changed_handler()
  M.refresh_statusline()
end

--- One-call setup in the nvim-lspconfig style:
--- `require('studylog').setup({ keymaps = true, settings = { studylog = {...} } })`.
--- Plugin options (see `M.options`) are taken out; the rest is merged into
--- the `lsp/studylog.lua` defaults. Enables the server.
---@param opts table|nil
function M.setup(opts)
  opts = vim.deepcopy(opts or {})
  for key in pairs(M.options) do
    if opts[key] ~= nil then
      M.options[key] = opts[key]
      opts[key] = nil
    end
  end
  if next(opts) ~= nil then
    vim.lsp.config('studylog', opts)
  end
  vim.lsp.enable('studylog')
end

return M
