--- studylog user commands: :StudylogNewEntry and :StudylogStats.
if vim.g.loaded_studylog then
  return
end
vim.g.loaded_studylog = true

vim.api.nvim_create_user_command('StudylogNewEntry', function()
  require('studylog').new_entry()
end, { desc = 'studylog: insert a new entry for today' })

vim.api.nvim_create_user_command('StudylogStats', function()
  require('studylog').stats()
end, { desc = 'studylog: show practice stats' })
