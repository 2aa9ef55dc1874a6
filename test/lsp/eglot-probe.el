;;; eglot-probe.el --- Prints "eglot ok" when eglot loads in `emacs --batch -Q' -*- lexical-binding: t -*-
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(princ (if (require 'eglot nil t) "eglot ok\n" "no eglot\n"))
;;; eglot-probe.el ends here
