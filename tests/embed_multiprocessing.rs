//! The embedding hook for multiprocessing: `examples/embed_multiprocessing.rs`, a host binary
//! that calls `run_child_if_requested` at the top of `main`, runs a Pool and a Process whose
//! children are the host binary itself. Cargo builds examples before it runs integration
//! tests (`cargo test`); the binary is in `examples/` next to the gilpy binary.

#[path = "support/watchdog.rs"]
mod watchdog;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

fn example_binary() -> PathBuf {
    let gilpy = PathBuf::from(env!("CARGO_BIN_EXE_gilpy"));
    gilpy.parent().expect("the gilpy binary is in a directory").join("examples/embed_multiprocessing")
}

#[test]
fn host_binary_runs_its_own_multiprocessing_children() {
    let binary = example_binary();
    assert!(
        binary.exists(),
        "{} is missing: run `cargo test` without target filters, or `cargo build --examples` first",
        binary.display()
    );
    let scratch = watchdog::scratch_dir("embed-mp");
    let tmpdir = scratch.join("tmp");
    std::fs::create_dir(&tmpdir).unwrap();
    let mut command = Command::new(&binary);
    command.env("TMPDIR", &tmpdir);
    let run = watchdog::run_bounded(command, &scratch, Duration::from_secs(30)).unwrap_or_else(|e| panic!("{e}"));
    let report = format!("--- stdout ---\n{}\n--- stderr ---\n{}", run.stdout, run.stderr);
    assert!(run.status.success(), "exit {:?}\n{report}", run.status);
    assert_eq!(
        run.stdout,
        "pool.map: [0, 1, 4, 9, 16, 25]\n\
         apply_async: 144\n\
         child of the host: running embed_multiprocessing, parent ok: True\n\
         child exitcode: 0\n",
        "{report}"
    );
    assert!(!watchdog::group_alive(run.group, Duration::from_secs(3)), "children outlived the host");
    let _ = std::fs::remove_dir_all(&scratch);
}
