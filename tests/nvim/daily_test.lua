-- What a daily user of the editors/nvim plugin does beyond the commands: the
-- pickers (topics, entries, missed days) through vim.ui.select, `gf` on a
-- [[wiki link]] with the opt-in keymaps, and typing a tag with the opt-in
-- autotrigger completion. Run by tests/nvim.rs in a clean Neovim with the
-- plugin on the runtimepath; steps are reported by harness.lua. The typing
-- step runs last, from timers: typed keys are only read once this script
-- has returned to Neovim's main loop.
--
-- Environment: STUDYLOG_BIN (server binary), STUDYLOG_JOURNAL (journal folder),
-- STUDYLOG_TODAY (the date the server takes as today), STUDYLOG_REPO (repository root).

local bin = assert(os.getenv('STUDYLOG_BIN'), 'STUDYLOG_BIN')
local journal = assert(os.getenv('STUDYLOG_JOURNAL'), 'STUDYLOG_JOURNAL')
local repo = assert(os.getenv('STUDYLOG_REPO'), 'STUDYLOG_REPO')
local harness = dofile(repo .. '/tests/nvim/harness.lua')
local out, wait, check, fail = harness.out, harness.wait, harness.check, harness.fail

local messages = {}
vim.notify = function(message, level)
  table.insert(messages, { message = message, level = level })
end

local studylog = require('studylog')
studylog.setup({ cmd = { bin, 'lsp' }, keymaps = true, autocomplete = true })

local log_path = journal .. '/log.md'
vim.cmd('edit ' .. vim.fn.fnameescape(log_path))
local bufnr = vim.api.nvim_get_current_buf()
local client = wait('server attaches', function()
  return vim.lsp.get_clients({ bufnr = bufnr, name = 'studylog' })[1]
end)
wait('the journal is indexed (the topic note among the symbols)', function()
  local r = client:request_sync('workspace/symbol', { query = '' }, 5000, bufnr)
  for _, s in ipairs(r and r.result or {}) do
    if s.location.uri:find('topics/caching%.md$') then
      return true
    end
  end
end)

--- The file and 1-based line the current window shows.
local function where()
  local name = vim.api.nvim_buf_get_name(0):sub(#journal + 2)
  return name .. ':' .. vim.api.nvim_win_get_cursor(0)[1]
end

--- Runs `picker` with vim.ui.select stubbed: records the items as the user
--- sees them (through format_item) and picks the one shown as `choose`.
local function pick(step, picker, choose)
  local offered
  local original = vim.ui.select
  vim.ui.select = function(items, opts, on_choice)
    offered = vim.tbl_map(function(item)
      return opts.format_item and opts.format_item(item) or tostring(item)
    end, items)
    for i, shown in ipairs(offered) do
      if shown == choose or vim.startswith(shown, choose .. '  ') then
        return on_choice(items[i], i)
      end
    end
    on_choice(nil, nil)
  end
  picker()
  wait(step .. ': the picker is offered', function()
    return offered
  end)
  vim.ui.select = original
  return offered
end

--- The items' names (what comes before the two-space gap before the detail).
local function names(offered)
  return vim.tbl_map(function(s)
    return (s:gsub('  .*$', ''))
  end, offered)
end

-- 1. Topics: every topic in use or with a note; the choice opens where it is described.
local topics = pick('topics', studylog.pick_topics, '#caching')
check('topics offered', vim.deep_equal(names(topics), { '#caching', '#load-balancing' }), vim.inspect(topics))
check('each topic with its description (the topic note\'s for #caching)',
  topics[1] == '#caching  Keeping copies of data close to where it is read.'
  and topics[2]:find('^#load%-balancing  %a') ~= nil, vim.inspect(topics))
wait('choosing #caching opens its topic note', function()
  return where() == 'topics/caching.md:1'
end)
pick('topics again', studylog.pick_topics, '#load-balancing')
wait('choosing #load-balancing goes to its first use', function()
  return where() == 'log.md:10'
end)

-- 2. Entries: newest first; the choice goes to its heading.
local entries = pick('entries', studylog.pick_entries, '2026-11-18 Cache warming')
check('entries offered newest first',
  vim.deep_equal(names(entries), { '2026-11-24 Weighted backends', '2026-11-18 Cache warming' }),
  vim.inspect(entries))
wait('choosing the older entry goes to its heading', function()
  return where() == 'log.md:3'
end)

-- 3. `gf` on a [[wiki link]] follows it to the note (Vim's own gf: E447).
local link_at = vim.api.nvim_buf_get_lines(bufnr, 5, 6, false)[1]:find('[[caching]]', 1, true)
check('line 6 holds the link', link_at ~= nil)
vim.api.nvim_win_set_cursor(0, { 6, link_at + 3 })
local ok, err = pcall(vim.cmd, 'normal gf')
check('gf gives no error', ok, err)
wait('gf opened the linked note', function()
  return where() == 'topics/caching.md:1'
end)
vim.cmd('buffer ' .. bufnr)

-- 4. Missed days: every day the cadence expected, latest first (more than a
-- finding's message names); the choice gets its entry, in date order.
local missed = pick('missed days', studylog.pick_missed, '2026-11-21')
check('every missed day offered, latest first', vim.deep_equal(missed, {
  '2026-11-25', '2026-11-23', '2026-11-22', '2026-11-21', '2026-11-20', '2026-11-19',
}), vim.inspect(missed))
wait('choosing a missed day inserts its entry, cursor on it', function()
  return vim.api.nvim_get_current_buf() == bufnr
    and vim.api.nvim_get_current_line():find('^## 2026%-11%-21') ~= nil
    and vim.api.nvim_win_get_cursor(0)[1] > 3 and vim.api.nvim_win_get_cursor(0)[1] < 10
end)
vim.snippet.stop()
vim.cmd('stopinsert')

-- 5. Autotrigger completion: typing `#cach` and accepting gives `#caching`,
-- never the first item inserted while typing (`#load-balancingcach`).
check('a completeopt that never inserts by itself',
  vim.bo[bufnr].completeopt == 'menuone,noinsert,popup', vim.bo[bufnr].completeopt)
local last = vim.api.nvim_buf_line_count(bufnr)
vim.api.nvim_win_set_cursor(0, { last, 0 })

--- Calls `k` once `cond` holds, polling from timers (the main loop reads typed keys meanwhile).
local function after(step, cond, k)
  local started = vim.uv.now()
  local function poll()
    local good, value = pcall(cond)
    if good and value then
      out('ok ' .. step)
      return k(value)
    end
    if vim.uv.now() - started > harness.PATIENCE then
      return fail(step, 'timed out; line: ' .. vim.inspect(vim.api.nvim_get_current_line())
        .. ', mode: ' .. vim.api.nvim_get_mode().mode)
    end
    vim.defer_fn(poll, 20)
  end
  vim.defer_fn(poll, 0)
end

local function typed(keys)
  vim.api.nvim_feedkeys(vim.keycode(keys), 't', false)
end

typed('o#')
after('the menu opens after `#`', function()
  return vim.fn.pumvisible() == 1 and vim.api.nvim_get_current_line() == '#'
end, function()
  typed('cach')
  after('typing narrows the menu to caching, inserting nothing by itself', function()
    local info = vim.fn.complete_info({ 'selected', 'items' })
    local item = info.items[info.selected + 1]
    return vim.api.nvim_get_current_line() == '#cach' and item and item.word:find('caching') and true
  end, function()
    typed('<C-y>')
    after('accepted: the line reads #caching', function()
      return vim.fn.pumvisible() == 0 and vim.api.nvim_get_current_line() == '#caching'
    end, function()
      typed('<Esc>')
      out('done')
      vim.cmd('qall!')
    end)
  end)
end)
