//! Python-shaped syntax errors: [`SyntaxError`] carries what CPython's `SyntaxError` object does
//! (message, line, 1-based column offsets, source line) and renders like CPython's traceback.

use std::fmt;

use crate::LineIndex;

/// Which exception class CPython would raise.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SyntaxErrorKind {
    /// `SyntaxError`
    Syntax,
    /// `IndentationError` (a subclass of `SyntaxError`)
    Indentation,
    /// `TabError` (a subclass of `IndentationError`)
    Tab,
}

impl SyntaxErrorKind {
    /// The Python class name: `SyntaxError`, `IndentationError` or `TabError`.
    pub fn name(self) -> &'static str {
        match self {
            SyntaxErrorKind::Syntax => "SyntaxError",
            SyntaxErrorKind::Indentation => "IndentationError",
            SyntaxErrorKind::Tab => "TabError",
        }
    }
}

/// A syntax error located as CPython locates it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub kind: SyntaxErrorKind,
    pub msg: String,
    /// 1-based line.
    pub lineno: usize,
    /// 1-based column in characters (CPython's `SyntaxError.offset`).
    pub offset: usize,
    pub end_lineno: usize,
    /// 1-based column just past the end; equal to `offset` when the error has no width.
    pub end_offset: usize,
    /// The source line, without its newline.
    pub text: Option<String>,
}

impl SyntaxError {
    /// CPython's stderr shape for this error (without a `Traceback` header), e.g.
    ///
    /// ```text
    ///   File "x.py", line 5
    ///     if x > 1
    ///             ^
    /// SyntaxError: expected ':'
    /// ```
    ///
    /// Mirrors `print_error_text` in CPython 3.11's `Python/pythonrun.c`: leading whitespace of
    /// the line is stripped and the caret moved with it; the carets span `offset..end_offset` on
    /// the same line, and an `IndentationError` gets a single caret.
    pub fn render(&self, filename: &str) -> String {
        let mut out = format!("  File \"{}\", line {}\n", filename, self.lineno);
        if let Some(text) = &self.text {
            let line_size = text.chars().count() as isize + 1; // CPython's text keeps its '\n'
            let offset = self.offset as isize;
            let mut end_offset = if self.end_offset == 0 { -1 } else { self.end_offset as isize };
            if self.end_lineno > self.lineno {
                end_offset = line_size;
            }
            if end_offset > line_size + 1 {
                end_offset = line_size + 1;
            }
            let mut reps = if end_offset > 0 && end_offset > offset { (end_offset - offset) as usize } else { 1 };
            if self.kind != SyntaxErrorKind::Syntax {
                reps = 1;
            }
            let stripped = text.trim_start_matches([' ', '\t', '\x0c']);
            let removed = (text.chars().count() - stripped.chars().count()) as isize;
            let mut col = offset - 1 - removed;
            let len = stripped.chars().count() as isize;
            if col > len {
                col = len;
            }
            out.push_str("    ");
            out.push_str(stripped);
            out.push('\n');
            if col >= 0 {
                out.push_str("    ");
                out.push_str(&" ".repeat(col as usize));
                out.push_str(&"^".repeat(reps));
                out.push('\n');
            }
        }
        out.push_str(self.kind.name());
        out.push_str(": ");
        out.push_str(&self.msg);
        out.push('\n');
        out
    }
}

impl fmt::Display for SyntaxError {
    /// `expected ':' (line 5)`, close to `str()` of a CPython `SyntaxError`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (line {})", self.msg, self.lineno)
    }
}

impl std::error::Error for SyntaxError {}

/// Internal error kind; the same three classes.
pub(crate) type ErrKind = SyntaxErrorKind;

/// An error located by byte offsets, before it is turned into a [`SyntaxError`].
#[derive(Clone, Debug, PartialEq)]
pub struct ParseErr {
    pub kind: ErrKind,
    pub msg: String,
    pub start: usize,
    pub end: usize,
    /// Report column 0 (CPython's offset for errors at a DEDENT or the end of input), which
    /// shows no caret.
    pub zero_offset: bool,
}

impl ParseErr {
    pub(crate) fn new(kind: ErrKind, msg: impl Into<String>, start: usize, end: usize) -> ParseErr {
        ParseErr { kind, msg: msg.into(), start, end, zero_offset: false }
    }

    pub(crate) fn syntax(msg: impl Into<String>, start: usize, end: usize) -> ParseErr {
        ParseErr::new(ErrKind::Syntax, msg, start, end)
    }

    pub(crate) fn at_column_zero(mut self) -> ParseErr {
        self.zero_offset = true;
        self
    }

    /// Locates the error in `source`.
    pub(crate) fn to_syntax_error(&self, index: &LineIndex) -> SyntaxError {
        let (lineno, offset) = index.line_col(self.start as u32);
        let (end_lineno, end_offset) = if self.zero_offset {
            (lineno, 0)
        } else if self.end > self.start {
            index.line_col(self.end as u32)
        } else {
            (lineno, offset)
        };
        let offset = if self.zero_offset { 0 } else { offset };
        let text = Some(index.line_text(lineno).to_string());
        SyntaxError { kind: self.kind, msg: self.msg.clone(), lineno, offset, end_lineno, end_offset, text }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(kind: SyntaxErrorKind, offset: usize, end_offset: usize, text: &str) -> SyntaxError {
        SyntaxError { kind, msg: "m".into(), lineno: 3, offset, end_lineno: 3, end_offset, text: Some(text.into()) }
    }

    #[test]
    fn render_strips_indentation_and_moves_the_caret() {
        let e = err(SyntaxErrorKind::Syntax, 13, 13, "    if x > 1");
        assert_eq!(e.render("x.py"), "  File \"x.py\", line 3\n    if x > 1\n            ^\nSyntaxError: m\n");
    }

    #[test]
    fn render_ranges_and_clipping() {
        let e = err(SyntaxErrorKind::Syntax, 1, 4, "f() = 1");
        assert!(e.render("x.py").contains("\n    f() = 1\n    ^^^\n"));
        // Past the end of the line the caret stops just after it.
        let e = err(SyntaxErrorKind::Syntax, 40, 40, "x = 1");
        assert!(e.render("x.py").contains("\n    x = 1\n         ^\n"));
        // A range running onto later lines is cut at the end of the first.
        let e = SyntaxError { end_lineno: 5, end_offset: 2, ..err(SyntaxErrorKind::Syntax, 5, 2, "x = (1,") };
        assert!(e.render("x.py").contains("\n    x = (1,\n        ^^^\n"));
    }

    #[test]
    fn render_indentation_errors() {
        // One caret only, and none when it would point into the stripped indentation.
        let e = err(SyntaxErrorKind::Indentation, 1, 5, "pass");
        assert!(e.render("x.py").ends_with("    pass\n    ^\nIndentationError: m\n"));
        let e = err(SyntaxErrorKind::Indentation, 4, 4, "    z");
        assert_eq!(e.render("x.py"), "  File \"x.py\", line 3\n    z\nIndentationError: m\n");
        let e = err(SyntaxErrorKind::Tab, 1, 1, "\tz");
        assert!(e.render("x.py").ends_with("    z\nTabError: m\n"));
    }
}
