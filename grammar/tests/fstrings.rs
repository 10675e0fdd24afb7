//! f-strings: fields, conversions, nested format specs, debug `=`, concatenation, spans.

use gilpy_grammar::ast::{Constant, Expr, ExprKind};
use gilpy_grammar::parse_expression;

fn parts(src: &str) -> Vec<Expr> {
    match parse_expression(src).unwrap_or_else(|e| panic!("{src}: {e}")).kind {
        ExprKind::JoinedStr(v) => v,
        other => panic!("{src}: not a JoinedStr: {other:?}"),
    }
}

fn lit(e: &Expr) -> &str {
    match &e.kind {
        ExprKind::Constant(Constant::Str(s)) => s,
        other => panic!("not a str constant: {other:?}"),
    }
}

/// `(value source text, conversion, format spec parts)` of a FormattedValue.
fn field<'a>(src: &'a str, e: &'a Expr) -> (&'a str, Option<char>, Option<&'a Vec<Expr>>) {
    match &e.kind {
        ExprKind::FormattedValue { value, conversion, format_spec } => {
            let spec = format_spec.as_ref().map(|s| match &s.kind {
                ExprKind::JoinedStr(v) => v,
                other => panic!("spec is not a JoinedStr: {other:?}"),
            });
            (&src[value.span.start as usize..value.span.end as usize], *conversion, spec)
        }
        other => panic!("not a FormattedValue: {other:?}"),
    }
}

#[test]
fn literal_text_and_fields() {
    let src = "f'a{x}b{y!r}c{z!s:>10}d{w!a}'";
    let p = parts(src);
    assert_eq!(p.len(), 8);
    assert_eq!(lit(&p[0]), "a");
    assert_eq!(field(src, &p[1]), ("x", None, None));
    assert_eq!(field(src, &p[3]).1, Some('r'));
    let (z, conv, spec) = field(src, &p[5]);
    assert_eq!((z, conv), ("z", Some('s')));
    assert_eq!(lit(&spec.unwrap()[0]), ">10");
    assert_eq!(field(src, &p[7]).1, Some('a'));
}

#[test]
fn braces_escapes_and_empty() {
    assert!(parts("f''").is_empty());
    let p = parts("f'{{x}} {{'");
    assert_eq!(p.len(), 1);
    assert_eq!(lit(&p[0]), "{x} {");
    let p = parts(r"f'\n{x}\t\x41'");
    assert_eq!(lit(&p[0]), "\n");
    assert_eq!(lit(&p[2]), "\tA");
    let p = parts(r"rf'\n{x}'");
    assert_eq!(lit(&p[0]), "\\n");
    let p = parts(r"f'\N{DIGIT ONE}{x}'");
    assert_eq!(lit(&p[0]), "1");
}

#[test]
fn nested_format_specs() {
    let src = "f'{x:{w}.{p}f}'";
    let p = parts(src);
    let (_, _, spec) = field(src, &p[0]);
    let spec = spec.unwrap();
    assert_eq!(spec.len(), 4);
    assert_eq!(field(src, &spec[0]).0, "w");
    assert_eq!(lit(&spec[1]), ".");
    assert_eq!(field(src, &spec[2]).0, "p");
    assert_eq!(lit(&spec[3]), "f");
    // An empty spec is an empty JoinedStr, as in CPython.
    let p = parts("f'{x:}'");
    assert!(field("f'{x:}'", &p[0]).2.unwrap().is_empty());
}

#[test]
fn debug_fields() {
    let src = "f'{x=}'";
    let p = parts(src);
    assert_eq!(lit(&p[0]), "x=");
    assert_eq!(field(src, &p[1]), ("x", Some('r'), None));
    let src = "f'{x + 1 = }'";
    let p = parts(src);
    assert_eq!(lit(&p[0]), "x + 1 = ");
    assert_eq!(field(src, &p[1]).0, "x + 1");
    // With a spec or a conversion, no implicit !r.
    let src = "f'{x=:>5}'";
    assert_eq!(field(src, &parts(src)[1]).1, None);
    let src = "f'{x=!s}'";
    assert_eq!(field(src, &parts(src)[1]).1, Some('s'));
    // `!=`, `==`, `<=`, `>=` are operators, not conversions or debug markers.
    let src = "f'{a!=b}{a==b}{a<=b}{a>b}'";
    let p = parts(src);
    assert_eq!(p.len(), 4);
    assert_eq!(field(src, &p[0]).0, "a!=b");
    assert_eq!(field(src, &p[3]).0, "a>b");
}

#[test]
fn expressions_inside_fields() {
    let src = "f'{d[\"k\"]}{ {1: 2}[1] }{(lambda: 1)()}{a if b else c}{f\"{y}\"}{x,y}'";
    let p = parts(src);
    assert_eq!(p.len(), 6);
    assert_eq!(field(src, &p[0]).0, "d[\"k\"]");
    assert_eq!(field(src, &p[1]).0, "{1: 2}[1]");
    assert!(
        matches!(p[4].kind, ExprKind::FormattedValue { ref value, .. } if matches!(value.kind, ExprKind::JoinedStr(_)))
    );
    // Triple-quoted f-strings may split a field over lines.
    let src = "f'''{\n  x\n  +\n  y\n}'''";
    assert_eq!(field(src, &parts(src)[0]).0, "x\n  +\n  y");
}

#[test]
fn concatenation_makes_one_joined_str() {
    let src = "'a' f'{x}' 'b' f'c{y}' 'd'";
    let p = parts(src);
    assert_eq!(p.len(), 5);
    assert_eq!(lit(&p[0]), "a");
    assert_eq!(lit(&p[2]), "bc");
    assert_eq!(lit(&p[4]), "d");
    assert!(parse_expression("'a' b'b'").is_err());
    assert!(parse_expression("f'a' b'b'").is_err());
}

#[test]
fn field_spans_point_into_the_source() {
    let src = "x = 1\ny = f'{abc + 1}'\n";
    let m = gilpy_grammar::parse_module(src).unwrap();
    let gilpy_grammar::ast::StmtKind::Assign { value, .. } = &m.body[1].kind else { panic!() };
    let ExprKind::JoinedStr(p) = &value.kind else { panic!() };
    let ExprKind::FormattedValue { value, .. } = &p[0].kind else { panic!() };
    assert_eq!(&src[value.span.start as usize..value.span.end as usize], "abc + 1");
    let idx = gilpy_grammar::LineIndex::new(src);
    assert_eq!(idx.line_col(value.span.start), (2, 8));
}

#[test]
fn errors() {
    for (src, msg) in [
        ("f'{}'", "f-string: empty expression not allowed"),
        ("f'{ }'", "f-string: empty expression not allowed"),
        ("f'{x!z}'", "f-string: invalid conversion character: expected 's', 'r', or 'a'"),
        ("f'{x'", "f-string: expecting '}'"),
        ("f'}'", "f-string: single '}' is not allowed"),
        ("f'{a#}'", "f-string expression part cannot include '#'"),
        ("f'{a\\n}'", "f-string expression part cannot include a backslash"),
        ("f'{x:{y:{z}}}'", "f-string: expressions nested too deeply"),
        ("f'{a b}'", "f-string: invalid syntax. Perhaps you forgot a comma?"),
        ("f'{a +}'", "f-string: invalid syntax"),
        ("f'{)}'", "f-string: unmatched ')'"),
    ] {
        let e = parse_expression(src).unwrap_err();
        assert_eq!(e.msg, msg, "{src}");
    }
}
