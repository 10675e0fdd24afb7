//! The interactive prompt: `>>> ` and `... ` prompts, blocks ended by a blank line, results
//! echoed, tracebacks printed without leaving. On a terminal lines come from rustyline (editing,
//! history in `~/.gilpy_history` or `$GILPY_HISTFILE`, Tab completion); otherwise they are read
//! from stdin with the prompts written to stderr, as CPython does.

use std::borrow::Cow;
use std::io::{BufRead, IsTerminal, Write};
use std::path::PathBuf;

use gilpy_grammar::{is_complete, Completeness};
use gilpy_interpreter::{Interpreter, RunOutcome};
use rustyline::completion::Completer;
use rustyline::error::ReadlineError;
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::history::DefaultHistory;
use rustyline::validate::Validator;
use rustyline::{CompletionType, Config, Context, Editor, Helper};

/// What a read of one line gave.
enum Line {
    Text(String),
    /// Ctrl-C at the prompt.
    Interrupted,
    /// Ctrl-D, or the end of piped input.
    Eof,
}

enum LineSource {
    Terminal { editor: Box<Editor<ReplHelper, DefaultHistory>>, history: Option<PathBuf> },
    Piped,
}

impl LineSource {
    fn new(interp: &Interpreter) -> LineSource {
        if !std::io::stdin().is_terminal() {
            return LineSource::Piped;
        }
        let config = Config::builder()
            .completion_type(CompletionType::List)
            .auto_add_history(false)
            .max_history_size(1000)
            .map_or_else(|_| Config::default(), |b| b.build());
        let Ok(mut editor) = Editor::with_config(config) else {
            return LineSource::Piped;
        };
        editor.set_helper(Some(ReplHelper { interp: interp.clone() }));
        let history = history_file();
        if let Some(path) = &history {
            let _ = editor.load_history(path);
        }
        LineSource::Terminal { editor: Box::new(editor), history }
    }

    fn read(&mut self, prompt: &str) -> Line {
        match self {
            LineSource::Terminal { editor, .. } => match editor.readline(prompt) {
                Ok(text) => {
                    if !text.trim().is_empty() {
                        let _ = editor.add_history_entry(text.as_str());
                    }
                    Line::Text(text)
                }
                Err(ReadlineError::Interrupted) => Line::Interrupted,
                Err(_) => Line::Eof,
            },
            LineSource::Piped => {
                let mut stderr = std::io::stderr();
                let _ = stderr.write_all(prompt.as_bytes());
                let _ = stderr.flush();
                let mut text = String::new();
                match std::io::stdin().lock().read_line(&mut text) {
                    Ok(0) | Err(_) => Line::Eof,
                    Ok(_) => Line::Text(text.trim_end_matches(['\n', '\r']).to_string()),
                }
            }
        }
    }

    fn save_history(&mut self) {
        if let LineSource::Terminal { editor, history: Some(path) } = self {
            let _ = editor.save_history(path);
        }
    }
}

/// `$GILPY_HISTFILE`, else `~/.gilpy_history`; none when neither can be named.
fn history_file() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("GILPY_HISTFILE") {
        return (!path.is_empty()).then(|| PathBuf::from(path));
    }
    std::env::var_os("HOME").filter(|h| !h.is_empty()).map(|home| PathBuf::from(home).join(".gilpy_history"))
}

pub fn banner() -> String {
    format!(
        "gilpy {} (Python 3.11 compatible) on {}\nType \"exit()\" or Ctrl-D to leave.\n",
        env!("CARGO_PKG_VERSION"),
        std::env::consts::OS
    )
}

/// Runs the prompt until Ctrl-D or `exit()`; returns the process exit status.
pub fn run(interp: &Interpreter, show_banner: bool) -> i32 {
    interp.set_default_prompts();
    if show_banner {
        eprint!("{}", banner());
    }
    let mut source = LineSource::new(interp);
    let mut lines: Vec<String> = Vec::new();
    let status = loop {
        let prompt = interp.prompt(!lines.is_empty());
        match source.read(&prompt) {
            Line::Text(text) => {
                lines.push(text);
                let input = lines.join("\n");
                if is_complete(&input) == Completeness::Incomplete {
                    continue;
                }
                lines.clear();
                if input.trim().is_empty() {
                    continue;
                }
                interp.clear_interrupt();
                match interp.run_interactive(&format!("{input}\n")) {
                    RunOutcome::Finished => {}
                    RunOutcome::Raised { traceback, .. } => eprint!("{traceback}"),
                    RunOutcome::Exit { code, message, .. } => {
                        eprint!("{message}");
                        break code;
                    }
                }
            }
            Line::Interrupted => {
                lines.clear();
                eprintln!("KeyboardInterrupt");
            }
            Line::Eof => {
                if matches!(source, LineSource::Piped) {
                    eprintln!();
                }
                break 0;
            }
        }
    };
    source.save_history();
    status
}

struct ReplHelper {
    interp: Interpreter,
}

impl Completer for ReplHelper {
    type Candidate = String;

    fn complete(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> rustyline::Result<(usize, Vec<String>)> {
        let before = &line[..pos];
        let start = before
            .char_indices()
            .rev()
            .take_while(|(_, c)| c.is_alphanumeric() || *c == '_' || *c == '.')
            .last()
            .map_or(pos, |(i, _)| i);
        let word = &before[start..];
        if word.is_empty() {
            // Tab in the indentation indents, as in CPython's REPL.
            return Ok(if before.trim().is_empty() { (pos, vec!["    ".to_string()]) } else { (pos, vec![]) });
        }
        Ok((start, self.interp.complete(word)))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;
}

impl Highlighter for ReplHelper {
    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(&'s self, prompt: &'p str, _default: bool) -> Cow<'b, str> {
        Cow::Borrowed(prompt)
    }
}

impl Validator for ReplHelper {}

impl Helper for ReplHelper {}
