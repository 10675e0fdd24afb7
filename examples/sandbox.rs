//! A sandboxed engine for untrusted scripts: no `os`, no `open`, no `multiprocessing`, no imports
//! from disk; output captured; a recursion limit; and a runaway script stopped from another host
//! thread with `Engine::interrupt` (it raises `KeyboardInterrupt` in the script).
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

    // A runaway script, stopped by a watchdog thread.
    let watchdog = engine.clone();
    let timer = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(100));
        watchdog.interrupt();
    });
    let started = std::time::Instant::now();
    let err = engine.exec("n = 0\nwhile True:\n    n += 1").expect_err("interrupted");
    timer.join().expect("watchdog");
    let spins: i64 = engine.global("n").expect("n is set");
    println!("runaway loop stopped after {spins} iterations ({:?}): {}", started.elapsed(), err.type_name());
    assert_eq!(err.type_name(), "KeyboardInterrupt");
}
