//! Script callbacks called from several host threads. The engine handle and the callback are
//! `Send + Sync + Clone`; each call takes the GIL, so the host threads take turns with each
//! other (and with the script's own threads) like Python threads do. A host function releases
//! the GIL around slow Rust work with `allow_threads`.
//!
//! `cargo run --example callbacks_from_threads`

use std::time::Duration;

use gilpy::{allow_threads, Engine, PyObject};

fn main() -> Result<(), gilpy::Error> {
    let engine = Engine::new();
    engine.register_fn("slow_io", |ms: u64| allow_threads(|| std::thread::sleep(Duration::from_millis(ms))));
    engine.exec(
        "import threading\n\
         lock = threading.Lock()\n\
         handled = {}\n\
         def on_event(worker, n):\n\
         \x20   slow_io(1)\n\
         \x20   with lock:\n\
         \x20       handled[worker] = handled.get(worker, 0) + 1\n\
         \x20   return n * n\n",
    )?;
    let on_event: PyObject = engine.global("on_event")?;

    let workers: Vec<_> = (0..4)
        .map(|worker| {
            let on_event = on_event.clone();
            std::thread::spawn(move || -> Result<i64, gilpy::Error> {
                let mut sum = 0;
                for n in 0..10 {
                    sum += on_event.call::<i64>((worker, n))?;
                }
                Ok(sum)
            })
        })
        .collect();
    for (worker, handle) in workers.into_iter().enumerate() {
        let sum = handle.join().expect("worker thread")?;
        println!("worker {worker}: sum of squares {sum}");
        assert_eq!(sum, 285);
    }
    let handled: std::collections::BTreeMap<i64, i64> = engine.eval("handled")?;
    println!("events per worker: {handled:?}");
    assert!(handled.values().all(|&n| n == 10));
    println!("{}", engine.gil_stats().format_table());
    Ok(())
}
