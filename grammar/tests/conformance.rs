//! Every case of the shared conformance suite parses, except the one syntax-error case, which
//! must fail exactly as CPython does.

use std::path::PathBuf;

fn cases_dir() -> Option<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/cases");
    dir.is_dir().then_some(dir)
}

#[test]
fn conformance_cases_parse() {
    let Some(dir) = cases_dir() else {
        eprintln!("shared/conformance/cases not found beside the repository; skipping");
        return;
    };
    let mut files: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "py"));
    files.sort();
    assert!(!files.is_empty());
    for path in files {
        let src = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_str().unwrap();
        let res = gilpy_grammar::parse_module(&src);
        if name == "err_090_syntax_error.py" {
            let e = res.expect_err("err_090 must be a syntax error");
            assert_eq!((e.msg.as_str(), e.lineno, e.offset, e.end_offset), ("expected ':'", 5, 13, 13));
            assert_eq!(
                e.render(name),
                "  File \"err_090_syntax_error.py\", line 5\n    if x > 1\n            ^\nSyntaxError: expected ':'\n"
            );
        } else if let Err(e) = res {
            panic!("{name} does not parse:\n{}", e.render(name));
        }
    }
}
