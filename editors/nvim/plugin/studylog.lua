--- studylog user commands: :StudylogNewEntry, :StudylogToday, :StudylogStats
--- and the pickers :StudylogTopics, :StudylogEntries, :StudylogMissed.
if vim.g.loaded_studylog then
  return
end
vim.g.loaded_studylog = true

local function command(name, fn, opts)
  vim.api.nvim_create_user_command(name, fn, opts)
end

command('StudylogNewEntry', function()
  require('studylog').new_entry()
end, { desc = 'studylog: new entry for today (or go to it)' })

command('StudylogToday', function(args)
  require('studylog').today_command(args.args)
end, {
  nargs = '?',
  complete = function()
    return { 'yesterday', 'tomorrow' }
  end,
  desc = 'studylog: open or create the entry for today, yesterday, tomorrow or YYYY-MM-DD',
})

command('StudylogStats', function()
  require('studylog').stats()
end, { desc = 'studylog: practice stats and heatmap' })

command('StudylogTopics', function()
  require('studylog').pick_topics()
end, { desc = 'studylog: pick a topic' })

command('StudylogEntries', function()
  require('studylog').pick_entries()
end, { desc = 'studylog: pick an entry' })

command('StudylogMissed', function()
  require('studylog').pick_missed()
end, { desc = 'studylog: pick a missed day and write its entry' })
