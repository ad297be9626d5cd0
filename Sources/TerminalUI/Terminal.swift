import CNcursesw
import TextScreen

/// The only code that calls ncurses.
public enum TerminalPlaceholder {}
