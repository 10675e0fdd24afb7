//! Hello, embed: run Python code from Rust, read values back, call a script function.
//!
//! `cargo run --example hello_embed`

use gilpy::Engine;

fn main() -> Result<(), gilpy::Error> {
    let engine = Engine::new();
    engine.exec("def greet(name):\n    return f'Hello, {name}!'")?;
    let greeting: String = engine.call("greet", ("embedder",))?;
    println!("{greeting}");

    engine.set_global("numbers", vec![3, 1, 4, 1, 5, 9])?;
    let top: Vec<i64> = engine.eval("sorted(numbers, reverse=True)[:3]")?;
    println!("top three: {top:?}");
    assert_eq!(top, [9, 5, 4]);

    match engine.exec("numbers[10]") {
        Ok(()) => unreachable!("index 10 is out of range"),
        Err(err) => println!("the script failed as expected:\n{err}"),
    }
    Ok(())
}
