//! Where a script's output goes: a callback per chunk (here: prefixed log lines), a buffer,
//! and per-call capture that returns a value together with what the call printed.
//!
//! `cargo run --example capture_output`

use gilpy::{Engine, Output};

fn main() -> Result<(), gilpy::Error> {
    let engine =
        Engine::builder().stdout(Output::callback(|text| print!("[script] {text}"))).stderr(Output::Buffer).build();
    engine.exec("print('hello from the script')")?;
    engine.exec("import sys\nprint('a warning', file=sys.stderr)")?;
    let warnings = engine.take_stderr();
    println!("stderr was: {warnings:?}");
    assert_eq!(warnings, "a warning\n");

    let run = engine.eval_captured::<i64>("[print(i) for i in range(3)] and 42");
    println!("value {:?}, printed {:?}", run.value, run.stdout);
    assert_eq!(run.value?, 42);
    assert_eq!(run.stdout, "0\n1\n2\n");
    Ok(())
}
