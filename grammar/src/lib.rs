//! # gilpy-grammar: source text to AST
//!
//! Owns lexing (a logos lexer wrapped to emit INDENT/DEDENT/NEWLINE), the lalrpop grammar, the
//! [`ast`] and Python-shaped [`SyntaxError`]s. It knows nothing of execution and depends on no other
//! gilpy crate.
//!
//! ```
//! use gilpy_grammar::{ast, parse_module, parse_expression, is_complete, Completeness, LineIndex};
//!
//! let src = "def add(a, b=1):\n    return a + b\n";
//! let module = parse_module(src).unwrap();
//! assert!(matches!(module.body[0].kind, ast::StmtKind::FunctionDef(_)));
//!
//! // Spans are byte offsets; LineIndex turns them into 1-based lines and columns.
//! let index = LineIndex::new(src);
//! assert_eq!(index.line_col(module.body[0].span.start), (1, 1));
//!
//! // eval() input
//! let e = parse_expression("  1 + 2 ** -3\n").unwrap();
//! assert!(matches!(e.kind, ast::ExprKind::BinOp { op: ast::BinOp::Add, .. }));
//!
//! // Errors look like CPython's.
//! let err = parse_module("x = 1\nif x > 1\n    pass\n").unwrap_err();
//! assert_eq!(
//!     err.render("x.py"),
//!     "  File \"x.py\", line 2\n    if x > 1\n            ^\nSyntaxError: expected ':'\n"
//! );
//!
//! // The REPL asks whether to prompt for more lines.
//! assert_eq!(is_complete("if x:"), Completeness::Incomplete);
//! assert_eq!(is_complete("if x:\n    y\n"), Completeness::Complete);
//! assert_eq!(is_complete("x = )"), Completeness::Invalid);
//! ```
//!
//! | file | role |
//! | --- | --- |
//! | `lexer.rs` | logos [`lexer::Tok`]; wrapper for NEWLINE/INDENT/DEDENT, brackets, number checks |
//! | `number.rs` | number literals, scanned as CPython's tokenizer does |
//! | `strings.rs` | string scanning, escapes, f-string fields, literal concatenation |
//! | `grammar.lalrpop` | the LR grammar; actions call `builder.rs` |
//! | `builder.rs` | node constructors (depth limit), target and argument checks |
//! | `parser.rs` | drives lexer + parser, maps parse errors to CPython's messages |
//! | `dump.rs` | `ast.dump()`-shaped text of a tree, for golden tests |
//! | `error.rs` | [`SyntaxError`] and its CPython-style rendering |
//! | `ast.rs` | the tree |

pub mod ast;
mod builder;
pub mod dump;
pub mod error;
pub mod lexer;
mod number;
mod parser;
mod patterns;
mod strings;

pub use builder::MAX_EXPR_DEPTH;
pub use error::{SyntaxError, SyntaxErrorKind};
pub use lexer::{MAX_BRACKET_DEPTH, MAX_INDENT_DEPTH};

/// Parses a whole module (a file, `exec()` input).
pub fn parse_module(source: &str) -> Result<ast::Module, SyntaxError> {
    parser::parse_module(source).map_err(|e| e.to_syntax_error(&LineIndex::new(source)))
}

/// Parses `eval()` input: one expression list, surrounding whitespace and newlines allowed.
pub fn parse_expression(source: &str) -> Result<ast::Expr, SyntaxError> {
    parser::parse_expression(source).map_err(|e| e.to_syntax_error(&LineIndex::new(source)))
}

/// What an interactive prompt should do with the lines typed so far.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Completeness {
    /// Run it.
    Complete,
    /// Prompt for another line (`...`).
    Incomplete,
    /// Report the syntax error.
    Invalid,
}

/// Decides, like CPython's `codeop`, whether `source` (the lines typed so far, joined with
/// `"\n"`) is a complete statement. It is `Incomplete` while a bracket or triple-quoted string
/// is open, after a trailing backslash, after a block header, and while the last statement is
/// compound and no empty line has ended it: `"if x:\n    y"` is incomplete, `"if x:\n    y\n"`
/// (an empty last line) is complete.
pub fn is_complete(source: &str) -> Completeness {
    match parser::run(source, lexer::Mode::Module).0 {
        parser::Outcome::Err { more_input_could_help: true, .. } => Completeness::Incomplete,
        parser::Outcome::Err { .. } => Completeness::Invalid,
        parser::Outcome::Ok(builder::TopResult::Module(m)) => {
            let last_line = source.rsplit(['\n', '\r']).next().unwrap_or("");
            let ended_by_blank = source.contains(['\n', '\r']) && last_line.trim().is_empty();
            if parser::ends_with_compound(&m) && !ended_by_blank {
                Completeness::Incomplete
            } else {
                Completeness::Complete
            }
        }
        parser::Outcome::Ok(_) => Completeness::Complete,
    }
}

/// Maps byte offsets of one source text to lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex {
    src: String,
    /// Byte offset where each line starts.
    starts: Vec<u32>,
}

impl LineIndex {
    pub fn new(src: &str) -> LineIndex {
        let mut starts = vec![0u32];
        let b = src.as_bytes();
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => starts.push(i as u32 + 1),
                b'\r' => {
                    if b.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    starts.push(i as u32 + 1);
                }
                _ => {}
            }
            i += 1;
        }
        LineIndex { src: src.to_string(), starts }
    }

    /// 1-based line and 1-based column in characters of a byte offset.
    pub fn line_col(&self, byte_offset: u32) -> (usize, usize) {
        let off = (byte_offset as usize).min(self.src.len());
        let line = self.starts.partition_point(|&s| s as usize <= off).max(1);
        let start = self.starts[line - 1] as usize;
        let mut off = off;
        while !self.src.is_char_boundary(off) {
            off -= 1;
        }
        let col = self.src[start..off].chars().count() + 1;
        (line, col)
    }

    /// The text of a 1-based line, without its line ending (empty past the end).
    pub fn line_text(&self, line: usize) -> &str {
        if line == 0 || line > self.starts.len() {
            return "";
        }
        let start = self.starts[line - 1] as usize;
        let end = self.starts.get(line).map(|&e| e as usize).unwrap_or(self.src.len());
        self.src[start..end].trim_end_matches(['\n', '\r'])
    }

    /// Number of lines (a final line without a newline counts).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index() {
        let src = "ab\ncé\r\nd\re\n";
        let idx = LineIndex::new(src);
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(2), (1, 3));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(6), (2, 3)); // after the 2-byte 'é'
        assert_eq!(idx.line_col(8), (3, 1));
        assert_eq!(idx.line_col(10), (4, 1));
        assert_eq!(idx.line_col(12), (5, 1));
        assert_eq!(idx.line_col(1000), (5, 1));
        assert_eq!((idx.line_text(1), idx.line_text(2), idx.line_text(3), idx.line_text(4)), ("ab", "cé", "d", "e"));
        assert_eq!(idx.line_text(5), "");
        assert_eq!(idx.line_text(0), "");
        assert_eq!(idx.line_count(), 5);
    }

    #[test]
    fn syntax_error_fields_follow_cpython() {
        let e = parse_module("x = 1\nf() = 1\n").unwrap_err();
        assert_eq!(
            (e.kind, e.lineno, e.offset, e.end_lineno, e.end_offset, e.text.as_deref()),
            (SyntaxErrorKind::Syntax, 2, 1, 2, 4, Some("f() = 1"))
        );
        let e = parse_module("if x:\npass\n").unwrap_err();
        assert_eq!((e.kind, e.lineno, e.offset), (SyntaxErrorKind::Indentation, 2, 1));
        // Columns count characters, not bytes.
        let e = parse_module("s = 'é' 1\n").unwrap_err();
        assert_eq!((e.offset, e.end_offset), (9, 10));
    }
}
