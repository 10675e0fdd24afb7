//! `is_complete` (the REPL's continuation decision) and `parse_expression` (eval input).

use gilpy_grammar::{ast, is_complete, parse_expression, Completeness::*};

#[test]
fn completeness_follows_codeop() {
    // Expectations from CPython's codeop.compile_command(src, "<input>", "single"), except
    // where noted; sources are the lines typed so far joined with "\n".
    let cases = [
        ("x = 1", Complete),
        ("", Complete),
        (" ", Complete),
        ("# c", Complete),
        ("x = (1,", Incomplete),
        ("print(\"a\"", Incomplete),
        ("x = [1,\n 2", Incomplete),
        ("(1 2", Invalid),
        ("x = )", Invalid),
        ("x = 1 +", Invalid),
        ("x = \"abc", Invalid),
        ("x = \"\"\"abc", Incomplete),
        ("x = '''abc\ndef", Incomplete),
        ("x = 1 + \\", Incomplete),
        ("if x:", Incomplete),
        ("if x:\n", Incomplete),
        ("if x:\n\n", Incomplete),
        ("if x:\n  y", Incomplete),
        ("if x:\n  y\n", Complete),
        ("if x:\n  y\n\n", Complete),
        ("if x:\n  y\nelse:", Incomplete),
        ("if x:\n  y\nelse:\n  z", Incomplete),
        ("if x:\n  y\nelse:\n  z\n", Complete),
        ("if 1: pass", Incomplete),
        ("if 1: pass\n", Complete),
        ("def f(): pass", Incomplete),
        ("def f():\n  return 1\n", Complete),
        ("class A:\n  def f(self):\n    pass", Incomplete),
        ("class A:\n  def f(self):\n    pass\n", Complete),
        ("@dec", Incomplete),
        ("@dec\n", Incomplete),
        ("if x:\n  if y:", Incomplete),
        ("match x:", Incomplete),
        ("match x:\n  case 1:", Incomplete),
        ("match x:\n  case 1:\n    pass", Incomplete),
        ("match x:\n  case 1:\n    pass\n", Complete),
        ("match x:\n  case 1: pass", Incomplete),
        ("match x:\n  case 1: pass\n", Complete),
        ("match = 1", Complete),
        ("match(x)", Complete),
        ("try:\n  x", Incomplete),
        ("try:\n  x\n", Incomplete),
        ("try:\n  x\n\n", Incomplete),
        ("try:\n  x\nexcept:\n  pass\n", Complete),
        ("for x in y:\n  pass\nx=1", Complete), // codeop: "multiple statements" in single mode
        ("while True:\n    x = (1,\n", Incomplete),
        ("if x\n", Invalid),
        ("x = 1abc", Invalid),
        ("  x", Invalid),
    ];
    for (src, want) in cases {
        assert_eq!(is_complete(src), want, "is_complete({src:?})");
    }
}

#[test]
fn expressions_for_eval() {
    for src in
        ["1", "  1 + 2", "\t x", "1\n", "1\n\n\n", "a, b", "x if y else z", "lambda: 0", "(\n1 +\n2)", "[x for x in y]"]
    {
        assert!(parse_expression(src).is_ok(), "{src:?}");
    }
    let e = parse_expression("a, b,").unwrap();
    assert!(matches!(e.kind, ast::ExprKind::Tuple(ref v) if v.len() == 2));
    for src in ["", "x = 1", "1\n2", "if x: y", "*a", "1 +", "yield x", "x :=1"] {
        let err = parse_expression(src).unwrap_err();
        assert_eq!(err.kind, gilpy_grammar::SyntaxErrorKind::Syntax, "{src:?}");
    }
    let err = parse_expression("1 +").unwrap_err();
    assert_eq!((err.msg.as_str(), err.lineno, err.offset), ("invalid syntax", 1, 4));
}
