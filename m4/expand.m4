# expand.m4 - expand a variable that refers to ${prefix} and friends, for the summary
# SPDX-License-Identifier: LGPL-2.1-or-later
AC_DEFUN([AS_AC_EXPAND], [
  ex_prefix_save=$prefix
  ex_exec_prefix_save=$exec_prefix
  test "x$prefix" = xNONE && prefix="$ac_default_prefix"
  test "x$exec_prefix" = xNONE && exec_prefix="$prefix"
  ex_full="$2"
  while :; do
    ex_new=`eval echo "$ex_full"`
    test "x$ex_new" = "x$ex_full" && break
    ex_full=$ex_new
  done
  prefix=$ex_prefix_save
  exec_prefix=$ex_exec_prefix_save
  $1=$ex_full
])
