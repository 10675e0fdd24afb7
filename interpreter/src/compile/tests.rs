//! Compiler tests: every conformance case compiles (and passes the stack-depth check that
//! `finish_unit` runs in debug builds), compile-time errors match CPython's messages and
//! positions, names are classified as CPython's symtable does, and a few disassemblies have the
//! documented shapes.

use std::sync::Arc;

use super::symtable::{NameScope, ScopeKind, SymbolTable};
use super::{compile, compile_source, Mode};
use crate::bytecode::{CodeObject, Instr, SourceFile};
use crate::object::Payload;

/// Runs `f` on a thread with a big stack (deep-nesting tests, unoptimised builds).
fn big_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(256 << 20).spawn(f).unwrap().join().unwrap()
}

fn compile_ok(src: &str) -> CodeObject {
    match compile_source(src, "<test>", Mode::Exec) {
        Ok(c) => c,
        Err(e) => panic!("compiling {src:?} failed: {e:?}"),
    }
}

/// The code object of the function (or class body...) with this qualname, searched recursively.
fn find<'c>(code: &'c CodeObject, qualname: &str) -> &'c CodeObject {
    fn walk<'c>(c: &'c CodeObject, q: &str) -> Option<&'c CodeObject> {
        if c.qualname == q {
            return Some(c);
        }
        c.consts.iter().find_map(|v| match v.payload() {
            Some(Payload::Code(inner)) => walk(inner, q),
            _ => None,
        })
    }
    walk(code, qualname).unwrap_or_else(|| panic!("no code object {qualname}"))
}

fn names(v: &[crate::Value]) -> Vec<&str> {
    v.iter().map(|x| x.as_str().unwrap()).collect()
}

fn symtable_of(src: &str) -> SymbolTable {
    let module = gilpy_grammar::parse_module(src).unwrap();
    SymbolTable::build_module(&module).unwrap_or_else(|e| panic!("{}", e.msg))
}

/// The scope of `name` in the scope called `scope` (a function/class name, `<listcomp>`, `top`).
fn scope_of(t: &SymbolTable, scope: &str, name: &str) -> NameScope {
    let s = t.scopes.iter().find(|s| s.name == scope).unwrap_or_else(|| panic!("no scope {scope}"));
    s.scope_of(name)
}

// ----- conformance cases -----

#[test]
fn every_conformance_case_compiles() {
    big_stack(|| {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/conformance/cases");
        let dir = if dir.exists() { dir } else { std::path::PathBuf::from("/work/shared/conformance/cases") };
        let mut paths: Vec<_> = std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
        paths.sort();
        let mut n = 0;
        let mut failures = Vec::new();
        for p in paths {
            let name = p.file_name().unwrap().to_str().unwrap().to_string();
            if !name.ends_with(".py") || name == "err_090_syntax_error.py" {
                continue;
            }
            n += 1;
            let text = std::fs::read_to_string(&p).unwrap();
            if let Err(e) = compile_source(&text, &name, Mode::Exec) {
                failures.push(format!("{name}: {e:?}"));
            }
        }
        assert!(n > 50, "found only {n} cases in {}", dir.display());
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    });
}

// ----- errors -----

/// (source, CPython's message, line, column)
const ERRORS: &[(&str, &str, usize, usize)] = &[
    ("return 1", "'return' outside function", 1, 1),
    ("class C:\n    return 1\n", "'return' outside function", 2, 5),
    ("break", "'break' outside loop", 1, 1),
    ("continue", "'continue' not properly in loop", 1, 1),
    ("def f():\n    break\n", "'break' outside loop", 2, 5),
    ("for x in y:\n    def f():\n        continue\n", "'continue' not properly in loop", 3, 9),
    ("yield 1", "'yield' outside function", 1, 1),
    ("class C:\n yield 1", "'yield' outside function", 2, 2),
    ("def f():\n  nonlocal x\n", "no binding for nonlocal 'x' found", 2, 3),
    ("def f():\n  x = 1\n  global x\n", "name 'x' is assigned to before global declaration", 3, 3),
    ("def f():\n  print(x)\n  global x\n", "name 'x' is used prior to global declaration", 3, 3),
    ("nonlocal x", "nonlocal declaration not allowed at module level", 1, 1),
    ("def f(a):\n global a", "name 'a' is parameter and global", 2, 2),
    ("def f(a):\n nonlocal a", "name 'a' is parameter and nonlocal", 2, 2),
    ("def f():\n x=1\n def g():\n  global x\n  nonlocal x", "name 'x' is nonlocal and global", 4, 3),
    ("del f()", "cannot delete function call", 1, 5),
    ("*a = 1", "starred assignment target must be in a list or tuple", 1, 1),
    ("a, *b, *c = 1", "multiple starred expressions in assignment", 1, 1),
    ("f(x=1, x=2)", "keyword argument repeated: x", 1, 8),
    ("def f(a, a): pass", "duplicate argument 'a' in function definition", 1, 10),
    ("lambda a, a: 0", "duplicate argument 'a' in function definition", 1, 11),
    ("try:\n pass\nexcept:\n pass\nexcept E:\n pass", "default 'except:' must be last", 3, 1),
    ("def f():\n from m import *", "import * only allowed at module level", 2, 16),
    ("[(yield) for x in y]", "'yield' inside list comprehension", 1, 3),
    (
        "class C:\n  [(y := 1) for x in a]",
        "assignment expression within a comprehension cannot be used in a class body",
        2,
        5,
    ),
    ("[(x := 1) for x in a]", "assignment expression cannot rebind comprehension iteration variable 'x'", 1, 3),
    ("def f():\n x: int\n global x", "annotated name 'x' can't be global", 3, 2),
    (
        "x=1\nfrom __future__ import annotations",
        "from __future__ imports must occur at the beginning of the file",
        2,
        1,
    ),
    (
        "def f():\n from __future__ import annotations",
        "from __future__ imports must occur at the beginning of the file",
        2,
        2,
    ),
    ("from __future__ import braces", "not a chance", 1, 1),
    ("from __future__ import nope", "future feature nope is not defined", 1, 1),
];

#[test]
fn compile_errors_match_cpython() {
    let mut failures = Vec::new();
    for &(src, msg, line, col) in ERRORS {
        match compile_source(src, "<test>", Mode::Exec) {
            Ok(_) => failures.push(format!("{src:?}: compiled, expected {msg:?}")),
            Err(e) => {
                if (e.msg.as_str(), e.lineno, e.offset) != (msg, line, col) {
                    failures.push(format!(
                        "{src:?}: got {:?} at {}:{}, expected {msg:?} at {line}:{col}",
                        e.msg, e.lineno, e.offset
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn future_imports_are_checked_and_dropped() {
    let code = compile_ok("'doc'\nfrom __future__ import annotations\nfrom __future__ import division\nx = 1\n");
    assert!(!code.instructions.iter().any(|i| matches!(i, Instr::ImportName(_))));
}

#[test]
fn syntax_error_carries_source_text() {
    let Err(e) = compile_source("x = 1\ndef f():\n    pass\nreturn x\n", "t.py", Mode::Exec) else {
        panic!("compiled")
    };
    assert_eq!(e.msg, "'return' outside function");
    assert_eq!((e.lineno, e.offset, e.end_lineno, e.end_offset), (4, 1, 4, 9));
    assert_eq!(e.text.as_deref(), Some("return x"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    big_stack(|| {
        // Built directly as an AST, so the test does not depend on the parser's own limits.
        use gilpy_grammar::ast::{BinOp, Constant, Expr, ExprKind, Module, Span, Stmt, StmtKind};
        let leaf = || Expr { kind: ExprKind::Constant(Constant::Int(1)), span: Span::new(0, 1) };
        let mut e = leaf();
        for _ in 0..5000 {
            e = Expr {
                kind: ExprKind::BinOp { left: Box::new(e), op: BinOp::Add, right: Box::new(leaf()) },
                span: Span::new(0, 1),
            };
        }
        let module = Module { body: vec![Stmt { kind: StmtKind::Expr(e), span: Span::new(0, 1) }] };
        let Err(err) = compile(&module, SourceFile::new("<deep>", "1"), Mode::Exec) else { panic!("compiled") };
        assert_eq!(err.msg, super::DEPTH_MESSAGE);
        // Dropping a 5000-deep Box tree recurses too; fine on this stack.
        drop(module);
    });
}

#[test]
fn moderately_deep_nesting_compiles() {
    big_stack(|| {
        let src = format!("x = {}\n", vec!["1"; 500].join(" + "));
        compile_ok(&src);
    });
}

// ----- symbol classification -----

#[test]
fn closure_captures_a_cell() {
    let src = "def outer():\n    x = 1\n    def inner():\n        return x\n    return inner\n";
    let t = symtable_of(src);
    assert_eq!(scope_of(&t, "outer", "x"), NameScope::Cell);
    assert_eq!(scope_of(&t, "inner", "x"), NameScope::Free);
    let code = compile_ok(src);
    let outer = find(&code, "outer");
    assert_eq!(names(&outer.cellvars), ["x"]);
    assert_eq!(names(&outer.varnames), ["inner"], "a cell is not a fast local");
    let inner = find(&code, "outer.<locals>.inner");
    assert_eq!(names(&inner.freevars), ["x"]);
    assert!(inner.instructions.contains(&Instr::LoadDeref(0)));
    // outer builds the closure tuple.
    assert!(outer.instructions.windows(2).any(|w| w == [Instr::LoadClosure(0), Instr::BuildTuple(1)]));
}

#[test]
fn cell_parameters_get_cell2arg() {
    let code = compile_ok("def f(a, b):\n    return lambda: b\n");
    let f = find(&code, "f");
    assert_eq!(names(&f.varnames), ["a", "b"]);
    assert_eq!(names(&f.cellvars), ["b"]);
    assert_eq!(&*f.cell2arg, &[Some(1)]);
}

#[test]
fn nonlocal_and_global() {
    let src = "g = 0\ndef f():\n    n = 0\n    def inc():\n        nonlocal n\n        global g\n        n += 1\n        g += 1\n    return inc\n";
    let t = symtable_of(src);
    assert_eq!(scope_of(&t, "f", "n"), NameScope::Cell);
    assert_eq!(scope_of(&t, "inc", "n"), NameScope::Free);
    assert_eq!(scope_of(&t, "inc", "g"), NameScope::GlobalExplicit);
    let code = compile_ok(src);
    let inc = find(&code, "f.<locals>.inc");
    assert!(inc.instructions.iter().any(|i| matches!(i, Instr::StoreDeref(_))));
    assert!(inc.instructions.iter().any(|i| matches!(i, Instr::StoreGlobal(_))));
}

#[test]
fn class_names_are_not_visible_in_methods() {
    let src = "x = 'global'\nclass C:\n    x = 'class'\n    def m(self):\n        return x\n";
    let t = symtable_of(src);
    assert_eq!(scope_of(&t, "C", "x"), NameScope::Local);
    assert_eq!(scope_of(&t, "m", "x"), NameScope::GlobalImplicit);
    let code = compile_ok(src);
    let m = find(&code, "C.m");
    assert!(m.instructions.iter().any(|i| matches!(i, Instr::LoadGlobal(_))));
    let c = find(&code, "C");
    assert!(c.flags.uses_namespace);
    assert!(c.instructions.iter().any(|i| matches!(i, Instr::StoreName(_))));
}

#[test]
fn class_body_reads_free_variables_with_load_class_deref() {
    let src = "def f():\n    y = 1\n    class C:\n        z = y\n    return C\n";
    let code = compile_ok(src);
    let c = find(&code, "f.<locals>.C");
    assert_eq!(names(&c.freevars), ["y"]);
    assert!(c.instructions.contains(&Instr::LoadClassDeref(0)));
}

#[test]
fn class_binding_and_passing_through_the_same_name() {
    // DEF_FREE_CLASS: C binds x itself and passes the outer x through to m.
    let src =
        "def f():\n    x = 1\n    class C:\n        x = 2\n        def m(self):\n            return x\n    return C\n";
    let code = compile_ok(src);
    let c = find(&code, "f.<locals>.C");
    assert_eq!(names(&c.freevars), ["x"]);
    assert!(c.instructions.iter().any(|i| matches!(i, Instr::StoreName(_))), "the class's own x is a namespace name");
    assert_eq!(names(&find(&code, "f.<locals>.C.m").freevars), ["x"]);
}

#[test]
fn comprehension_scope() {
    let src = "def f(xs):\n    y = 2\n    return [x * y for x in xs if (n := x)]\n";
    let t = symtable_of(src);
    assert_eq!(scope_of(&t, "<listcomp>", "x"), NameScope::Local);
    assert_eq!(scope_of(&t, "<listcomp>", "y"), NameScope::Free);
    assert_eq!(scope_of(&t, "<listcomp>", "n"), NameScope::Free, "walrus binds in the enclosing function");
    assert_eq!(scope_of(&t, "f", "n"), NameScope::Cell);
    let code = compile_ok(src);
    let lc = find(&code, "f.<locals>.<listcomp>");
    assert_eq!(lc.argcount, 1);
    assert_eq!(names(&lc.varnames), [".0", "x"]);
    assert!(lc.instructions.contains(&Instr::ListAppend(2)));
    // The first iterable is evaluated in f and passed in.
    let f = find(&code, "f");
    assert!(f.instructions.windows(2).any(|w| w == [Instr::GetIter, Instr::Call(1)]));
}

#[test]
fn module_level_walrus_in_comprehension_is_global() {
    let t = symtable_of("[(last := x) for x in range(3)]\nprint(last)\n");
    assert_eq!(scope_of(&t, "<listcomp>", "last"), NameScope::GlobalExplicit);
}

#[test]
fn generators_and_genexprs() {
    let code = compile_ok("def g():\n    yield 1\n    return 2\ndef h():\n    return 1\nx = (i for i in range(3))\n");
    assert!(find(&code, "g").flags.generator);
    assert!(!find(&code, "h").flags.generator);
    let ge = find(&code, "<genexpr>");
    assert!(ge.flags.generator);
    assert!(ge.instructions.contains(&Instr::YieldValue));
}

#[test]
fn zero_argument_super_is_rewritten() {
    let src = "class A:\n    def m(self):\n        return super().m()\n    def n(self):\n        return __class__\n";
    let t = symtable_of(src);
    let c = t.scopes.iter().find(|s| s.name == "A").unwrap();
    assert!(c.needs_class_closure);
    assert_eq!(c.kind, ScopeKind::Class);
    let code = compile_ok(src);
    let body = find(&code, "A");
    assert_eq!(names(&body.cellvars), ["__class__"]);
    let n = body.instructions.len();
    let classcell = body.names.iter().position(|v| v.as_str() == Some("__classcell__")).unwrap() as u32;
    assert_eq!(body.instructions[n - 4..n - 2], [Instr::LoadClosure(0), Instr::StoreName(classcell)]);
    let m = find(&code, "A.m");
    assert_eq!(names(&m.freevars), ["__class__"]);
    // super, __class__, self, Call(2)
    assert!(m.instructions.windows(3).any(|w| w == [Instr::LoadDeref(0), Instr::LoadFast(0), Instr::Call(2)]));
    assert_eq!(names(&find(&code, "A.n").freevars), ["__class__"]);
}

#[test]
fn private_names_are_mangled() {
    let code = compile_ok("class C:\n    __x = 1\n    def m(self):\n        return self.__y + __z\n");
    let body = find(&code, "C");
    assert!(names(&body.names).contains(&"_C__x"));
    let m = find(&code, "C.m");
    assert!(names(&m.names).contains(&"_C__y"));
    assert!(names(&m.names).contains(&"_C__z"));
}

#[test]
fn qualnames_and_docstrings() {
    let code = compile_ok(
        "'mod doc'\ndef f():\n    'f doc'\n    def g():\n        return 1\n    return g\nclass C:\n    'C doc'\n    def m(self):\n        pass\n",
    );
    assert_eq!(find(&code, "f.<locals>.g").name, "g");
    let f = find(&code, "f");
    assert_eq!(f.consts[0].as_str(), Some("f doc"));
    assert!(f.flags.has_docstring);
    assert!(!find(&code, "f.<locals>.g").flags.has_docstring);
    assert!(find(&code, "f.<locals>.g").consts[0].is_none(), "no docstring: None first");
    find(&code, "C.m");
    let doc = code.names.iter().position(|v| v.as_str() == Some("__doc__")).unwrap() as u32;
    assert_eq!(code.instructions[1], Instr::StoreName(doc));
}

#[test]
fn decorated_function_starts_at_its_first_decorator() {
    let code = compile_ok("import functools\n\n@functools.cache\n@staticmethod\ndef f():\n    pass\n");
    assert_eq!(find(&code, "f").first_line, 3);
}

// ----- shapes -----

fn count(code: &CodeObject, pred: impl Fn(&Instr) -> bool) -> usize {
    code.instructions.iter().filter(|i| pred(i)).count()
}

#[test]
fn return_inside_try_finally_inlines_the_finally_body() {
    let code = compile_ok("def f():\n    try:\n        return g()\n    finally:\n        h()\n");
    let f = find(&code, "f");
    let h = f.names.iter().position(|v| v.as_str() == Some("h")).unwrap() as u32;
    // Normal exit, exception path and the return: three copies of the finally body.
    assert_eq!(count(f, |i| *i == Instr::LoadGlobal(h)), 3);
    let ret = f.instructions.iter().position(|i| *i == Instr::ReturnValue).unwrap();
    assert_eq!(
        f.instructions[ret - 4..=ret],
        [Instr::PopBlock, Instr::LoadGlobal(h), Instr::Call(0), Instr::PopTop, Instr::ReturnValue]
    );
}

#[test]
fn try_except_shape() {
    let code = compile_ok("try:\n    a()\nexcept (A, B) as e:\n    b(e)\nexcept:\n    c()\n");
    let ins: Vec<Instr> = code.instructions.to_vec();
    assert!(matches!(ins[0], Instr::SetupFinally(_)));
    assert!(ins.contains(&Instr::CheckExcMatch));
    assert!(ins.contains(&Instr::Reraise));
    assert_eq!(count(&code, |i| *i == Instr::PopExcept), 2);
    // `e = None; del e` after the named handler.
    let e = code.names.iter().position(|v| v.as_str() == Some("e")).unwrap() as u32;
    assert!(ins
        .windows(3)
        .any(|w| matches!(w, [Instr::LoadConst(_), Instr::StoreName(x), Instr::DeleteName(y)] if *x == e && *y == e)));
}

#[test]
fn break_in_for_pops_the_iterator_and_with_exits() {
    let code = compile_ok("def f(m):\n    for x in y:\n        with m:\n            break\n");
    let f = find(&code, "f");
    let ins = &f.instructions;
    assert!(ins.windows(4).any(|w| matches!(w, [Instr::PopBlock, Instr::ExitWith, Instr::PopTop, Instr::Jump(_)])));
}

#[test]
fn chained_comparison_shape() {
    let code = compile_ok("a < b < c\n");
    let ins = &code.instructions;
    assert!(ins.windows(3).any(|w| matches!(w, [Instr::DupTop, Instr::RotThree, Instr::Compare(_)])));
    assert!(ins.windows(2).any(|w| w == [Instr::RotTwo, Instr::PopTop]));
}

#[test]
fn calls() {
    let code = compile_ok("o.m(1, 2)\nf(a, k=1)\nf(*a, **k)\n");
    let ins = &code.instructions;
    assert!(ins.iter().any(|i| matches!(i, Instr::LoadMethod(_))));
    assert!(ins.contains(&Instr::CallMethod(2)));
    assert!(ins.contains(&Instr::CallKw(2)));
    assert!(ins.contains(&Instr::CallEx(1)));
    assert!(ins.contains(&Instr::DictMerge(1)));
}

#[test]
fn import_shapes() {
    let code = compile_ok("import a.b.c\nimport a.b as d\nfrom . import x\nfrom m import *\n");
    let ins = &code.instructions;
    let a = code.names.iter().position(|v| v.as_str() == Some("a")).unwrap() as u32;
    assert!(ins.contains(&Instr::StoreName(a)), "import a.b.c binds a");
    assert!(ins.iter().any(|i| matches!(i, Instr::LoadAttr(_))), "import a.b as d walks to b");
    assert!(ins.contains(&Instr::ImportStar));
    assert!(code.consts.iter().any(|c| matches!(c, crate::Value::Int(1))), "level 1");
}

#[test]
fn interactive_mode_prints_expressions() {
    let code = compile_source("1 + 1\nx = 2\nx\n", "<stdin>", Mode::Interactive).unwrap();
    assert_eq!(count(&code, |i| *i == Instr::PrintExpr), 2);
    let code = compile_source("def f():\n    1 + 1\n", "<stdin>", Mode::Interactive).unwrap();
    assert_eq!(count(find(&code, "f"), |i| *i == Instr::PrintExpr), 0);
}

#[test]
fn eval_mode_returns_the_value() {
    let code = compile_source("  1 + x\n", "<string>", Mode::Eval).unwrap();
    assert_eq!(code.instructions.last(), Some(&Instr::ReturnValue));
    assert!(!code.instructions.contains(&Instr::PopTop));
    assert!(compile_source("x = 1", "<string>", Mode::Eval).is_err());
    let source = SourceFile::new("<string>", "y * 2");
    let e = gilpy_grammar::parse_expression("y * 2").unwrap();
    let code = super::compile_expression(&e, Arc::clone(&source)).unwrap();
    assert_eq!(code.instructions.last(), Some(&Instr::ReturnValue));
}

#[test]
fn constants_are_folded_and_shared() {
    let code = compile_ok("x = -1\ny = (1, 2, (3, -4.5))\nz = 1\nw = 1.0\n");
    assert!(!code.instructions.contains(&Instr::UnaryNegative));
    assert!(!code.instructions.iter().any(|i| matches!(i, Instr::BuildTuple(_))));
    let ones = code.consts.iter().filter(|c| matches!(c, crate::Value::Int(1))).count();
    assert_eq!(ones, 1, "1 and 1.0 are distinct constants, 1 is shared");
}

#[test]
fn instructions_carry_their_lines() {
    let code = compile_ok("x = 1\ny = f(\n    a,\n    b / 0)\n");
    let div = code.instructions.iter().position(|i| matches!(i, Instr::Binary(_))).unwrap();
    assert_eq!(code.line_of(div), 4);
    let call = code.instructions.iter().position(|i| matches!(i, Instr::Call(_))).unwrap();
    assert_eq!(code.line_of(call), 2);
}

#[test]
fn super_needs_a_positional_first_parameter() {
    let code = compile_ok("class A:\n    def m(*args):\n        return super()\n");
    assert!(find(&code, "A.m").instructions.contains(&Instr::Call(0)), "left for the runtime to reject");
}

// ----- the stack checker itself -----

#[test]
fn stack_check_rejects_inconsistent_code() {
    use super::stack::analyze;
    // Two paths reach instruction 4 with different depths.
    let bad =
        [Instr::LoadConst(0), Instr::PopJumpIfFalse(3), Instr::LoadConst(0), Instr::LoadConst(0), Instr::ReturnValue];
    assert!(analyze(&bad).is_err());
    // PopExcept without an except-handler block.
    assert!(analyze(&[Instr::PopExcept, Instr::LoadConst(0), Instr::ReturnValue]).is_err());
    // Returning from inside a try block.
    assert!(analyze(&[Instr::SetupFinally(3), Instr::LoadConst(0), Instr::ReturnValue, Instr::Reraise]).is_err());
    // A well-formed try/except: the handler (5) starts with the exception pushed.
    let good = [
        Instr::SetupFinally(5),
        Instr::LoadConst(0),
        Instr::PopTop,
        Instr::PopBlock,
        Instr::Jump(7),
        Instr::PopTop,
        Instr::PopExcept,
        Instr::LoadConst(0),
        Instr::ReturnValue,
    ];
    assert_eq!(analyze(&good).ok(), Some(1));
}

// ----- differential programs -----

/// `testdata/*.py` are run by both CPython and gilpy (their output is `*.out`, from CPython);
/// here we only check that they compile.
#[test]
fn testdata_programs_compile() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/compile/testdata");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) == Some("py") {
            let text = std::fs::read_to_string(&path).unwrap();
            compile_ok(&text);
            n += 1;
        }
    }
    assert!(n >= 5);
}

#[test]
fn disassembly_names_each_operand_from_its_table() {
    let src = "def f(x):\n    y = x.a\n    return y[0], y[x], g\ndef h(z):\n    return lambda: z\n";
    let listing = compile_ok(src).disassemble();
    let shown_operands = [
        "LoadFastAttr { local: 0, name: 0 }  (x.a)",
        "(y[0])",
        "(y[x])",
        "LoadGlobal(1)  (g)",
        "LoadDeref(0)  (z)",
        "(None)",
    ];
    for shown in shown_operands {
        assert!(listing.contains(shown), "{shown} missing from:\n{listing}");
    }
}
