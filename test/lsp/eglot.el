;;; eglot.el --- Drives the tlslint server from headless Emacs (eglot) -*- lexical-binding: t -*-
;; Used by eglot.test.ts. Opens each file, connects eglot with the set-up docs/editors.md documents,
;; waits for every file's diagnostics as Flymake shows them, and prints one line per diagnostic:
;;   DIAG <file>:<line>:<column>: <type> <text>
;; usage: TLSLINT_SERVER=dist/server.js LSP_FILES="a.py\nb.go" emacs --batch -Q -l test/lsp/eglot.el
;; Debian installs eglot under site-lisp/elpa, which -Q leaves out of the load path.
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'flymake)
(require 'cl-lib)

(setq eglot-sync-connect t
      eglot-autoshutdown t
      eglot-events-buffer-size 0
      flymake-no-changes-timeout nil
      inhibit-message nil)

;; The set-up of docs/editors.md: every mode a fixture opens in, one server command.
(add-to-list 'eglot-server-programs
             `((python-mode go-mode js-mode sh-mode) . ("node" ,(getenv "TLSLINT_SERVER") "--stdio")))
;; Debian's emacs-nox has no go-mode: a stand-in so .go files get a major mode and the "go" language id.
(unless (fboundp 'go-mode)
  (define-derived-mode go-mode prog-mode "Go")
  (add-to-list 'auto-mode-alist '("\\.go\\'" . go-mode)))

(defvar tlslint-published (make-hash-table :test #'equal)
  "Files for which the server published diagnostics.")

(cl-defmethod eglot-handle-notification :after
  (_server (_method (eql textDocument/publishDiagnostics)) &key uri &allow-other-keys)
  (puthash (eglot--uri-to-path uri) t tlslint-published))

(let* ((files (split-string (getenv "LSP_FILES") "\n" t))
       (timeout (string-to-number (or (getenv "LSP_TIMEOUT_S") "30")))
       (buffers nil)
       (ok t))
  (dolist (f files)
    (let ((buf (find-file-noselect f)))
      (with-current-buffer buf
        (princ (format "OPEN %s mode=%s\n" f major-mode)))
      (push buf buffers)))
  (setq buffers (nreverse buffers))
  ;; One connection, as `eglot-ensure' makes: it manages every open buffer of those modes in the project.
  (with-current-buffer (car buffers)
    (apply #'eglot--connect (eglot--guess-contact)))
  (dolist (buf buffers)
    (with-current-buffer buf
      (unless (eglot-managed-p) (princ (format "NOT MANAGED %s\n" buffer-file-name)) (setq ok nil))
      (flymake-mode 1)))
  ;; Wait for a publication for every file, then for Flymake to show it.
  (let ((deadline (+ (float-time) timeout)))
    (while (and (< (hash-table-count tlslint-published) (length files)) (< (float-time) deadline))
      (accept-process-output nil 0.05))
    ;; Batch Emacs runs no idle timers: start Flymake by hand until it shows what eglot received.
    (dolist (buf buffers)
      (with-current-buffer buf
        (while (and (not (flymake-diagnostics)) (< (float-time) deadline)
                    (gethash (file-truename buffer-file-name) tlslint-published))
          (flymake-start nil t)
          (accept-process-output nil 0.1)))))
  (when (< (hash-table-count tlslint-published) (length files))
    (princ (format "TIMEOUT: diagnostics for %d of %d files\n" (hash-table-count tlslint-published) (length files)))
    (setq ok nil))
  (dolist (buf buffers)
    (with-current-buffer buf
      (dolist (d (sort (flymake-diagnostics) (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))
        (let ((pos (flymake-diagnostic-beg d)))
          (princ (format "DIAG %s:%d:%d: %s %s\n"
                         (file-name-nondirectory buffer-file-name)
                         (line-number-at-pos pos) (1+ (save-excursion (goto-char pos) (current-column)))
                         (flymake-diagnostic-type d)
                         (substring-no-properties (flymake-diagnostic-text d))))))))
  ;; kill-emacs ends the server too (its stdin closes); a polite shutdown would wait for it.
  (kill-emacs (if ok 0 1)))
;;; eglot.el ends here
