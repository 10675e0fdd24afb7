//! `multiprocessing` from inside a host binary: worker processes are this same executable,
//! started with a flag that `EngineBuilder::run_multiprocessing_child` recognises at the top of
//! `main`. The children build their engine from the same configuration, so they import the same
//! in-memory module and call the same host function.
//!
//! `cargo run --example multiprocessing_host`

use gilpy::{Engine, EngineBuilder};

const WORK: &str = "import os\n\ndef square(x):\n    return x * x + offset()\n\ndef pid(_):\n    return os.getpid()\n";

/// The configuration parent and children share.
fn configuration() -> EngineBuilder {
    Engine::builder().source_module("work", WORK).function("offset", || 1000)
}

fn main() -> Result<(), gilpy::Error> {
    let engine = configuration().run_multiprocessing_child().build();
    engine.exec(
        "import multiprocessing, os, work\n\
         with multiprocessing.Pool(2) as pool:\n\
         \x20   results = pool.map(work.square, range(6))\n\
         \x20   pids = set(pool.map(work.pid, range(8)))\n\
         print('parent', os.getpid(), 'got', results, 'from', len(pids), 'worker process(es)')\n\
         assert os.getpid() not in pids",
    )?;
    let results: Vec<i64> = engine.global("results")?;
    assert_eq!(results, [1000, 1001, 1004, 1009, 1016, 1025]);
    engine.shutdown();
    Ok(())
}
