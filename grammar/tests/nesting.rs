//! Absurdly nested source is a SyntaxError, never a stack overflow (in parsing, in building
//! the tree, or in dropping it). Runs on test threads' small (2 MiB) stacks on purpose.

use gilpy_grammar::{parse_expression, parse_module, MAX_EXPR_DEPTH};

fn err(src: &str) -> String {
    match parse_module(src) {
        Ok(_) => panic!("{}... parsed", &src[..src.len().min(40)]),
        Err(e) => e.msg,
    }
}

const TOO_DEEP: &str = "too many nested expressions (the limit is 1000 levels)";

#[test]
fn brackets_are_capped_like_cpython() {
    for (open, close) in [("(", ")"), ("[", "]"), ("{", "}")] {
        let src = format!("x = {}1{}\n", open.repeat(10_000), close.repeat(10_000));
        assert_eq!(err(&src), "too many nested parentheses");
    }
    // CPython's limit is 200 open brackets.
    assert!(parse_module(&format!("x = {}1{}\n", "(".repeat(199), ")".repeat(199))).is_ok());
    let e = parse_module(&format!("x = {}1{}\n", "(".repeat(201), ")".repeat(201))).unwrap_err();
    assert_eq!((e.msg.as_str(), e.offset), ("too many nested parentheses", 205));
}

#[test]
fn long_prefix_chains() {
    assert_eq!(err(&format!("{}1\n", "-".repeat(100_000))), TOO_DEEP);
    assert_eq!(err(&format!("{}x\n", "not ".repeat(100_000))), TOO_DEEP);
    assert_eq!(err(&format!("{}x\n", "~+".repeat(50_000))), TOO_DEEP);
    assert_eq!(err(&format!("f = {}1\n", "lambda: ".repeat(20_000))), TOO_DEEP);
    assert!(parse_expression(&format!("{}1", "-".repeat(100_000))).is_err());
}

#[test]
fn long_operator_chains() {
    assert_eq!(err(&format!("x = {}\n", vec!["1"; 100_000].join("+"))), TOO_DEEP);
    assert_eq!(err(&format!("x = {}1\n", "x**".repeat(20_000))), TOO_DEEP);
    assert_eq!(err(&format!("x = {}\n", vec!["a"; 20_000].join(" if b else "))), TOO_DEEP);
    assert_eq!(err(&format!("x = a{}\n", ".b".repeat(20_000))), TOO_DEEP);
    assert_eq!(err(&format!("x = f{}\n", "()".repeat(20_000))), TOO_DEEP);
    assert_eq!(err(&format!("x = a{}\n", "[0]".repeat(20_000))), TOO_DEEP);
    // A deep chain followed by a syntax error: the partial trees are dropped safely.
    assert!(parse_module(&format!("x = {} 2 3\n", vec!["1"; 100_000].join("+"))).is_err());
}

#[test]
fn flat_sequences_are_not_nesting() {
    for src in [
        format!("x = {}\n", vec!["1"; 30_000].join(", ")),
        format!("x = [{}]\n", vec!["1"; 30_000].join(", ")),
        format!("x = {}\n", vec!["a"; 30_000].join(" and ")),
        format!("x = {}\n", vec!["a"; 30_000].join(" < ")),
        format!("x = {}\n", vec!["'s'"; 30_000].join(" ")),
        "x = 1\n".repeat(50_000),
    ] {
        assert!(parse_module(&src).is_ok());
    }
}

#[test]
fn just_under_the_limit_parses_and_drops() {
    let depth = MAX_EXPR_DEPTH as usize - 1;
    let m = parse_module(&format!("x = {}1\n", "-".repeat(depth))).unwrap();
    drop(m);
    let m = parse_module(&format!("x = {}\n", vec!["1"; depth].join("+"))).unwrap();
    drop(m);
}

#[test]
fn fstrings_count_their_fields() {
    assert_eq!(err(&format!("x = f'{{{}1}}'\n", "-".repeat(5_000))), format!("f-string: {TOO_DEEP}"));
}

#[test]
fn indentation_is_capped_like_cpython() {
    let mut src = String::new();
    for i in 0..150 {
        src.push_str(&" ".repeat(i));
        src.push_str("if x:\n");
    }
    src.push_str(&" ".repeat(150));
    src.push_str("pass\n");
    let e = parse_module(&src).unwrap_err();
    assert_eq!(e.msg, "too many levels of indentation");
    assert_eq!(e.kind, gilpy_grammar::SyntaxErrorKind::Indentation);
}
