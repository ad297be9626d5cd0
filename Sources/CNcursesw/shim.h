#ifndef CHUANGWEN_NCURSES_SHIM_H
#define CHUANGWEN_NCURSES_SHIM_H

// SwiftPM drops pkg-config's -D_XOPEN_SOURCE: ask for the wide API here.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <stdio.h>
#include <ncursesw/curses.h>
#include <wchar.h>

// Globals and macros Swift 6 cannot use directly.
static inline WINDOW *cw_stdscr(void) { return stdscr; }
static inline int cw_key_resize(void) { return KEY_RESIZE; }
static inline int cw_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int cw_a_bold(void) { return (int)A_BOLD; }
static inline int cw_a_reverse(void) { return (int)A_REVERSE; }
static inline int cw_a_dim(void) { return (int)A_DIM; }
static inline int cw_a_underline(void) { return (int)A_UNDERLINE; }
static inline int cw_has_colors(void) { return has_colors() ? 1 : 0; }
// newterm on the process's own terminal: stdin and stdout are C globals.
static inline SCREEN *cw_newterm(void) { return newterm(NULL, stdout, stdin); }
static inline int cw_key_code_yes(void) { return KEY_CODE_YES; }
static inline int cw_a_normal(void) { return (int)A_NORMAL; }

// Writes a run of wide characters at (y, x) with attributes, in one call.
static inline void cw_put(int y, int x, const wchar_t *text, int n, int attrs) {
  attr_t old_attrs; short old_pair;
  wattr_get(stdscr, &old_attrs, &old_pair, NULL);
  wattrset(stdscr, attrs);
  mvaddnwstr(y, x, text, n);
  wattrset(stdscr, old_attrs);
}

#endif
