//! A sandboxed engine for untrusted scripts: no `os`, no `open`, no `multiprocessing`, no imports
//! from disk; output captured; a recursion limit; and a runaway script stopped from another host
//! thread with `Engine::interrupt` (it raises `KeyboardInterrupt` in the script); then limits
//! that stop a script no `except` can keep alive, with its threads.
//!
//! `cargo run --example sandbox`

use std::time::Duration;

use gilpy::{Engine, LimitKind, Limits, Output, Stdlib};

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

    // Limits cover every thread the script starts, and `except BaseException` cannot swallow
    // them: here a thread spins and the main thread waits for it for ever.
    engine.set_limits(&Limits { time: Some(Duration::from_millis(200)), ..Default::default() });
    let stubborn = "import threading\n\
                    def spin():\n    while True:\n        try:\n            pass\n        except BaseException:\n            pass\n\
                    t = threading.Thread(target=spin)\nt.start()\nt.join()";
    let err = engine.exec(stubborn).expect_err("the time limit stops it");
    let exceeded = engine.limit_exceeded().expect("a limit was exceeded");
    println!("stubborn script: {}: {}", err.type_name(), exceeded.message);
    assert_eq!(exceeded.kind, LimitKind::Time);
    engine.set_limits(&Limits::default());
}
