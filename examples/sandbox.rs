//! A sandboxed engine for untrusted scripts: no `os`, no `open`, no `multiprocessing`, no imports
//! from disk; output captured; a recursion limit. (Instruction budgets, deadlines and interrupts
//! are the interpreter's limits, set with `EngineBuilder::interpreter`.)
//!
//! `cargo run --example sandbox`

use gilpy::{Engine, Output, Stdlib};

fn main() {
    let engine = Engine::builder().stdlib(Stdlib::Sandboxed).stdout(Output::Buffer).recursion_limit(100).build();
    engine.register_fn("score", |word: String| word.len() as i64);

    for attempt in [
        "import os\nos.system('echo pwned')",
        "open('/etc/passwd').read()",
        "__import__('multiprocessing')",
        "def f():\n    return f()\nf()",
    ] {
        let err = engine.exec(attempt).expect_err("the sandbox refuses");
        println!("{:<40} -> {}: {}", attempt.lines().next().unwrap_or(""), err.type_name(), err.message());
    }

    engine.exec("import json\nprint(json.dumps({w: score(w) for w in ['gil', 'py']}))").expect("allowed");
    let out = engine.take_stdout();
    println!("allowed script printed {out:?}");
    assert_eq!(out, "{\"gil\": 3, \"py\": 2}\n");
}
