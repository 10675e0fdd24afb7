//! The lexer: NEWLINE/INDENT/DEDENT placement, spans, line endings, numbers.

use gilpy_grammar::ast::Constant;
use gilpy_grammar::lexer::{tokenize, Mode, StrLit, Tok};

fn toks(src: &str) -> Vec<Tok> {
    let t = tokenize(src, 0, src.len(), Mode::Module);
    assert!(t.error.is_none(), "{src:?}: {:?}", t.error);
    t.toks.into_iter().map(|t| t.1).collect()
}

/// Token kinds as short strings: names as themselves, layout tokens in capitals.
fn shape(src: &str) -> String {
    toks(src)
        .iter()
        .map(|t| match t {
            Tok::Name(n) => n.clone(),
            Tok::Newline => "NL".into(),
            Tok::Indent => "IN".into(),
            Tok::Dedent => "DE".into(),
            Tok::Int(Constant::Int(i)) => i.to_string(),
            Tok::Colon => ":".into(),
            Tok::If => "if".into(),
            Tok::Else => "else".into(),
            Tok::LPar => "(".into(),
            Tok::RPar => ")".into(),
            Tok::Comma => ",".into(),
            Tok::Equal => "=".into(),
            Tok::Plus => "+".into(),
            other => format!("{other:?}"),
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn indentation() {
    assert_eq!(shape("if a:\n    b\nc\n"), "if a : NL IN b NL DE c NL");
    assert_eq!(shape("if a:\n  if b:\n    c\nd"), "if a : NL IN if b : NL IN c NL DE DE d NL");
    // Blank, whitespace-only and comment-only lines are ignored, whatever their indentation.
    assert_eq!(shape("if a:\n\n    b\n  # c\n\n        # d\n    e\n"), "if a : NL IN b NL e NL DE");
    // End of input closes every block, with or without a final newline.
    assert_eq!(shape("if a:\n  b"), "if a : NL IN b NL DE");
    assert_eq!(shape("if a:\n  if b:\n    c\n"), "if a : NL IN if b : NL IN c NL DE DE");
    // Tabs count to the next multiple of 8; consistent mixing is fine.
    assert_eq!(shape("if a:\n\tb\n\tc\n"), "if a : NL IN b NL c NL DE");
    assert_eq!(shape("if a:\n \tb\n \tc\n"), "if a : NL IN b NL c NL DE");
    // ... but the same column reached differently is a TabError, as in CPython.
    let t = tokenize("if a:\n \tb\n\tc\n", 0, 13, Mode::Module);
    assert_eq!(t.error.unwrap().err.kind, gilpy_grammar::SyntaxErrorKind::Tab);
    // A form feed resets the column.
    assert_eq!(shape("a\n\x0cb\n"), "a NL b NL");
}

#[test]
fn brackets_and_continuations_join_lines() {
    assert_eq!(shape("x = (1,\n   2)\ny"), "x = ( 1 , 2 ) NL y NL");
    assert_eq!(shape("x = 1 + \\\n    2\n"), "x = 1 + 2 NL");
    assert_eq!(shape("x = (1,  # c\n\n 2)\n"), "x = ( 1 , 2 ) NL");
    // A multi-line string does not confuse the next line's indentation.
    assert_eq!(shape("if a:\n    x = '''\nfoo\n'''\n    y\n"), "if a : NL IN x = Str(Str(\"\\nfoo\\n\")) NL y NL DE");
}

#[test]
fn spans_move_forward_and_slice_the_source() {
    let src = "def f(a, b=2):\n    return a + b  # sum\n\nclass C:\n    x = f'{1}' 'y'\n";
    let t = tokenize(src, 0, src.len(), Mode::Module);
    let mut last = 0;
    for (s, tok, e) in &t.toks {
        assert!(*s >= last && e >= s, "{tok:?} at {s}..{e} after {last}");
        last = *s;
        if let Tok::Name(n) = tok {
            assert_eq!(&src[*s..*e], n);
        }
    }
}

#[test]
fn crlf_and_cr_lex_like_lf() {
    let lf = "if a:\n    b = (1,\n  2)\n    c = '''x\ny'''\nd\n";
    let strip = |v: Vec<(usize, Tok, usize)>| v.into_iter().map(|t| t.1).collect::<Vec<_>>();
    let want = strip(tokenize(lf, 0, lf.len(), Mode::Module).toks);
    for nl in ["\r\n", "\r"] {
        let src = lf.replace('\n', nl);
        assert_eq!(strip(tokenize(&src, 0, src.len(), Mode::Module).toks), want, "{nl:?}");
    }
}

#[test]
fn bom_shebang_and_coding_lines() {
    assert_eq!(shape("\u{feff}x = 1\n"), "x = 1 NL");
    assert_eq!(shape("#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nx = 1\n"), "x = 1 NL");
    assert!(gilpy_grammar::parse_module("\u{feff}if x:\n    y\n").is_ok());
}

#[test]
fn soft_keywords_are_names() {
    assert_eq!(shape("match case _ type"), "match case _ type NL");
}

fn int(src: &str) -> Constant {
    match toks(src).into_iter().next() {
        Some(Tok::Int(c)) => c,
        other => panic!("{src}: {other:?}"),
    }
}

fn float(src: &str) -> Tok {
    toks(src).into_iter().next().unwrap()
}

#[test]
fn numbers() {
    assert_eq!(int("0"), Constant::Int(0));
    assert_eq!(int("1_000"), Constant::Int(1000));
    assert_eq!(int("0x_ff"), Constant::Int(255));
    assert_eq!(int("0XFF"), Constant::Int(255));
    assert_eq!(int("0o17"), Constant::Int(15));
    assert_eq!(int("0b1010"), Constant::Int(10));
    assert_eq!(int("000"), Constant::Int(0));
    assert_eq!(int("9223372036854775807"), Constant::Int(i64::MAX));
    assert_eq!(int("9223372036854775808"), Constant::BigInt("9223372036854775808".parse().unwrap()));
    assert_eq!(int("0x1_0000_0000_0000_0000"), Constant::BigInt(num_bigint::BigInt::from(1u128 << 64)));
    assert_eq!(float("1.5"), Tok::Float(1.5));
    assert_eq!(float("1."), Tok::Float(1.0));
    assert_eq!(float(".5"), Tok::Float(0.5));
    assert_eq!(float("1e-7"), Tok::Float(1e-7));
    assert_eq!(float("1E+3"), Tok::Float(1000.0));
    assert_eq!(float("1_0.5"), Tok::Float(10.5));
    assert_eq!(float("1_0e1_0"), Tok::Float(10e10));
    assert_eq!(float("1e400"), Tok::Float(f64::INFINITY));
    assert_eq!(float("2j"), Tok::Imag(2.0));
    assert_eq!(float("1.5J"), Tok::Imag(1.5));
    assert_eq!(float("1e3j"), Tok::Imag(1000.0));
    assert_eq!(float(".5j"), Tok::Imag(0.5));
    // A number may run into a keyword (CPython only warns).
    assert_eq!(shape("1if x else 2"), "1 if x else 2 NL");
    for bad in ["1abc", "0x", "0o8", "0b2", "1_", "1__0", "012", "1e", "0x1g", "1j1", "1.5x"] {
        let t = tokenize(bad, 0, bad.len(), Mode::Module);
        assert!(t.error.is_some(), "{bad} should not lex");
    }
}

#[test]
fn strings() {
    let s = |src: &str| match toks(src).into_iter().next() {
        Some(Tok::Str(StrLit::Str(s))) => s,
        other => panic!("{src}: {other:?}"),
    };
    let b = |src: &str| match toks(src).into_iter().next() {
        Some(Tok::Str(StrLit::Bytes(b))) => b,
        other => panic!("{src}: {other:?}"),
    };
    assert_eq!(s(r#""a\n\t\\\'\"b""#), "a\n\t\\'\"b");
    assert_eq!(s(r"'\x41\u00e9\U0001F600\101\0'"), "Aé😀A\0");
    assert_eq!(s(r"'\N{DIGIT ONE}\N{LATIN SMALL LETTER E WITH ACUTE}'"), "1é");
    assert_eq!(s(r"'\d\q'"), "\\d\\q");
    assert_eq!(s("'a\\\nb'"), "ab");
    assert_eq!(s(r"r'\n\d'"), "\\n\\d");
    assert_eq!(s(r#"R"\"""#), "\\\"");
    assert_eq!(s("'''a\nb'''"), "a\nb");
    assert_eq!(s("\"\"\"a\"b\"\"c\"\"\""), "a\"b\"\"c");
    assert_eq!(s("'''a\r\nb'''"), "a\nb");
    assert_eq!(s("u'x'"), "x");
    assert_eq!(s("''"), "");
    assert_eq!(s("'日本'"), "日本");
    assert_eq!(b(r"b'\x00\xff\n'"), vec![0, 255, 10]);
    assert_eq!(b(r"rb'\x00'"), b"\\x00".to_vec());
    assert_eq!(b(r"BR'\n'"), b"\\n".to_vec());
    assert!(matches!(toks("f'{x}'")[0], Tok::Str(StrLit::FStr { raw: false, .. })));
    assert!(matches!(toks("Rf'{x}'")[0], Tok::Str(StrLit::FStr { raw: true, .. })));
    assert!(matches!(toks("fR'{x}'")[0], Tok::Str(StrLit::FStr { raw: true, .. })));
    // `ur` is not a prefix: a name and a string.
    assert!(matches!(&toks("ur'x'")[..2], [Tok::Name(_), Tok::Str(_)]));
}

#[test]
fn with_parenthesised_items_are_marked() {
    let kinds = toks("with (a as b, c):\n pass\n");
    assert_eq!(kinds[1], Tok::LParWith);
    let kinds = toks("with (a, b) as c:\n pass\n");
    assert_eq!(kinds[1], Tok::LPar);
}
