//! Odd inputs must give a tree or a SyntaxError, never a panic.

use gilpy_grammar::{is_complete, parse_expression, parse_module};

#[test]
fn odd_inputs_do_not_panic() {
    let inputs = [
        "",
        " ",
        "\n",
        "\n\n\n",
        "# only a comment",
        "#",
        "\\",
        "\\\n",
        "x\\",
        "\0",
        "\u{feff}",
        "\r",
        "\r\n\r\n",
        "\t",
        "\x0c",
        "'",
        "\"",
        "'''",
        "f'",
        "f'{",
        "f'{'",
        "f'{x",
        "f'{x!",
        "f'{x:",
        "f'{x:{",
        "f'}'",
        "b'\\",
        "rb'\\'",
        "0x",
        "0b",
        "1e+",
        ".",
        "..",
        "...",
        "....",
        "@",
        "@@",
        "*",
        "**",
        ":",
        ":=",
        "->",
        "(",
        ")",
        "[",
        "]",
        "{",
        "}",
        "((",
        "))",
        "if",
        "if:",
        "def",
        "def f",
        "def f(",
        "class",
        "class A(",
        "lambda",
        "lambda:",
        "with",
        "with (",
        "with (a",
        "with (a as b",
        "with (a as b):",
        "try",
        "try:",
        "except",
        "del",
        "del ()",
        "import",
        "from",
        "from .",
        "from . import",
        "x = yield",
        "yield from",
        "f(**)",
        "f(*)",
        "f(a=)",
        "a[",
        "a[:",
        "a[::",
        "not",
        "not not",
        "x if",
        "x if y",
        "x if y else",
        "\u{2028}",
        "é = 1",
        "日本 = 1",
        "x = 'é",
        "$",
        "?",
        "!",
        "`",
        "x = 1 ; ; y = 2",
        ";",
        "pass;",
        "if x:\n\tpass\n  pass",
        "if x:\n  pass\n\tpass",
        "f'{x:{y:{z}}}'",
        "f'{x!r=}'",
        "f'{=}'",
        "f'{x=!}'",
        "f'{lambda x:1}'",
        "f'''{\n}'''",
        "u'x' b'y'",
        "x = 1\r\ny = 2\rz = 3",
        "\u{feff}\u{feff}x",
        "async def f(): pass",
        "await x",
        "match x:\n    case 1: pass",
    ];
    for src in inputs {
        let _ = parse_module(src);
        let _ = parse_expression(src);
        let _ = is_complete(src);
        if let Err(e) = parse_module(src) {
            let _ = e.render("x.py");
        }
    }
}

#[test]
fn empty_and_comment_only_modules() {
    for src in ["", "\n", "# c\n", "#!/bin/sh\n\n# c", "\n   \n\t\n", "\u{feff}"] {
        assert!(parse_module(src).unwrap().body.is_empty(), "{src:?}");
    }
}

#[test]
fn async_is_a_syntax_error_and_match_parses() {
    assert!(parse_module("async def f():\n    pass\n").is_err());
    assert!(parse_module("match x:\n    case 1:\n        pass\n").is_ok());
    assert!(parse_module("match x:\n    case 1: pass\n    case [a, *b] if a: pass\n").is_ok());
    // ... and `match` and `case` stay usable as names.
    assert!(parse_module("match = case = 1\nmatch.x(case)\nmatch(1)\ncase[0]\n").is_ok());
    assert!(parse_module("match x:\n    pass\n").is_err());
}
