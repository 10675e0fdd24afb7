//! Exposing Rust to scripts: a host function with typed arguments, a host type as a Python
//! class (the Python object owns the Rust value; the host copies it back out), and a host error
//! that shows in the script's traceback as a `<rust:...>` frame.
//!
//! `cargo run --example host_function_and_type`

use gilpy::{Class, Engine, PyObject};

/// A Rust type the script uses as the class `Inventory`.
#[derive(Clone, Debug, Default)]
struct Inventory {
    items: Vec<(String, u32)>,
}

impl Inventory {
    fn add(&mut self, name: String, count: u32) {
        self.items.push((name, count));
    }

    fn total(&self) -> u32 {
        self.items.iter().map(|(_, n)| n).sum()
    }
}

fn price_of(item: String) -> Result<f64, String> {
    match item.as_str() {
        "apple" => Ok(0.5),
        "pear" => Ok(0.75),
        other => Err(format!("no price for {other:?}")),
    }
}

fn main() -> Result<(), gilpy::Error> {
    let engine = Engine::new();
    engine.register_fn("price_of", price_of);
    engine.register_class(
        Class::<Inventory>::new("Inventory")
            .constructor(Inventory::default)
            .method("add", Inventory::add)
            .getter("total", Inventory::total)
            .getter("names", |inv: &Inventory| inv.items.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>()),
    )?;

    engine.exec(
        "inv = Inventory()\n\
         inv.add('apple', 4)\n\
         inv.add('pear', 2)\n\
         cost = sum(price_of(name) * n for name, n in zip(inv.names, [4, 2]))\n\
         print(f'{inv.total} items, cost {cost:.2f}')",
    )?;

    let inv: PyObject = engine.global("inv")?;
    let copy: Inventory = inv.host_clone()?;
    println!("back in Rust: {copy:?}");
    assert_eq!(copy.total(), 6);

    let err = engine.exec("price_of('durian')").unwrap_err();
    println!("{err}");
    assert!(err.traceback().contains("<rust:host_function_and_type::price_of>"));
    Ok(())
}
