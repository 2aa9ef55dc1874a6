-- Drives the tlslint server from headless Neovim 0.7 (vim.lsp.start_client) and prints every
-- publishDiagnostics as one JSON line "DIAG {...}". Used by neovim.test.ts.
-- usage: LSP_CMD='node dist/server.js --stdio' LSP_ROOT=<folder> LSP_FILES=<file>\n<file>... \
--        nvim --headless -u NONE --cmd 'filetype on' -c 'luafile test/lsp/neovim.lua'
local files = vim.split(vim.env.LSP_FILES, '\n', { trimempty = true })
local pending = {}
for _, f in ipairs(files) do pending[vim.uri_from_fname(f)] = true end
local remaining = #files

local id = vim.lsp.start_client({
  name = 'tlslint',
  cmd = vim.split(vim.env.LSP_CMD, ' ', { trimempty = true }),
  root_dir = vim.env.LSP_ROOT,
  handlers = {
    ['textDocument/publishDiagnostics'] = function(_, result)
      io.stdout:write('DIAG ' .. vim.fn.json_encode(result) .. '\n')
      if pending[result.uri] then
        pending[result.uri] = nil
        remaining = remaining - 1
      end
    end,
  },
})
if not id then
  io.stdout:write('ERROR: start_client failed\n')
  vim.cmd('cq!')
end

for _, f in ipairs(files) do
  vim.cmd('edit ' .. vim.fn.fnameescape(f))
  io.stdout:write('OPEN ' .. f .. ' filetype=' .. vim.bo.filetype .. '\n')
  vim.lsp.buf_attach_client(0, id)
end

local ok = vim.wait(tonumber(vim.env.LSP_TIMEOUT_MS or '30000'), function() return remaining == 0 end, 20)
if not ok then io.stdout:write('TIMEOUT: diagnostics missing for ' .. remaining .. ' file(s)\n') end
vim.lsp.stop_client(id)
-- Without this wait, exit lingers ~10 s.
vim.wait(3000, function() return vim.lsp.get_client_by_id(id) == nil end, 20)
vim.cmd(ok and 'qa!' or 'cq!')
