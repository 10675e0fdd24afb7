//! Golden tests against CPython 3.11: error messages and carets (`golden/errors.golden`) and
//! trees with positions (`golden/ast.golden`). The expectations come from CPython itself:
//! regenerate them with `python3 tests/golden/gen.py` after editing the `.cases` files.

use gilpy_grammar::{dump, parse_module};

/// Reverses the one-line escaping of the case files (`\n`, `\t`, `\r`, `\f`, `\\`).
fn unescape(line: &str) -> String {
    let mut out = String::new();
    let mut it = line.chars().peekable();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.peek() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some('f') => out.push('\x0c'),
                Some('\\') => out.push('\\'),
                Some(&other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => {
                    out.push('\\');
                    continue;
                }
            }
            it.next();
        } else {
            out.push(c);
        }
    }
    out
}

/// `(escaped source, expected text)` pairs of a golden file.
fn golden(name: &str) -> Vec<(String, String)> {
    let path = format!("{}/tests/golden/{}", env!("CARGO_MANIFEST_DIR"), name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let mut out = Vec::new();
    for block in text.split("\nsrc: ").map(|b| b.trim_start_matches("src: ")) {
        if block.trim().is_empty() {
            continue;
        }
        let (src, expected) = block.split_once('\n').unwrap();
        out.push((src.to_string(), expected.trim_end_matches('\n').to_string() + "\n"));
    }
    out
}

#[test]
fn error_messages_and_carets_match_cpython() {
    let cases = golden("errors.golden");
    assert!(cases.len() > 150, "golden file too short");
    let mut failures = Vec::new();
    for (raw, expected) in &cases {
        let src = unescape(raw);
        let got = match parse_module(&src) {
            Ok(_) => "OK\n".to_string(),
            Err(e) => e.render("x.py"),
        };
        if &got != expected {
            failures.push(format!("src: {raw}\n--- cpython\n{expected}--- gilpy\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}

#[test]
fn trees_and_positions_match_cpython() {
    let cases = golden("ast.golden");
    assert!(cases.len() > 50, "golden file too short");
    let mut failures = Vec::new();
    for (raw, expected) in &cases {
        let src = unescape(raw);
        let got = match parse_module(&src) {
            Ok(m) => dump::dump_module(&m, &src, true) + "\n",
            Err(e) => e.render("x.py"),
        };
        if &got != expected {
            failures.push(format!("src: {raw}\n--- cpython\n{expected}--- gilpy\n{got}"));
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
