//! Multiprocessing under faults: the scripts in `tests/mp_faults/` kill children, managers and
//! pool workers mid-work and check (with asserts, ending by printing `ok`) that nothing hangs
//! and every error is an exception. Each runs under a watchdog that kills its whole process
//! group after 30 s, so a hang fails the test instead of stalling the suite. After each run the
//! test checks what the script leaves behind: nothing in its private TMPDIR (Unix sockets of
//! managers, the per-process temp dir), no process of its process group, no new /dev/shm entry.

#[path = "support/watchdog.rs"]
mod watchdog;

use std::path::PathBuf;
use std::process::Command;
use std::time::Duration;

const LIMIT: Duration = Duration::from_secs(30);

fn shm_entries() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir("/dev/shm")
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.retain(|n| n.contains("gilpy"));
    names.sort();
    names
}

fn run_fault_script(name: &str) {
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/mp_faults").join(format!("{name}.py"));
    let scratch = watchdog::scratch_dir(&format!("mp-{name}"));
    let tmpdir = scratch.join("tmp");
    std::fs::create_dir(&tmpdir).unwrap();
    let shm_before = shm_entries();

    let mut command = Command::new(env!("CARGO_BIN_EXE_gilpy"));
    command.arg(&script).current_dir(script.parent().unwrap()).env("TMPDIR", &tmpdir);
    let run = watchdog::run_bounded(command, &scratch, LIMIT).unwrap_or_else(|e| panic!("{name}: {e}"));

    let report = format!("--- stdout ---\n{}\n--- stderr ---\n{}", run.stdout, run.stderr);
    assert!(run.status.success(), "{name}: exit {:?}\n{report}", run.status);
    assert_eq!(run.stdout.lines().last(), Some("ok"), "{name}: did not finish\n{report}");
    if watchdog::group_alive(run.group, Duration::from_secs(3)) {
        watchdog::kill_group(run.group);
        panic!("{name}: processes of its group outlived it\n{report}");
    }
    let left: Vec<_> = std::fs::read_dir(&tmpdir).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert!(left.is_empty(), "{name}: left in TMPDIR: {left:?}\n{report}");
    let new_shm: Vec<_> = shm_entries().into_iter().filter(|n| !shm_before.contains(n)).collect();
    assert!(new_shm.is_empty(), "{name}: left in /dev/shm: {new_shm:?}");
    let _ = std::fs::remove_dir_all(&scratch);
}

#[test]
fn child_killed_mid_work() {
    run_fault_script("kill_child");
}

#[test]
fn dead_manager_makes_proxy_calls_raise() {
    run_fault_script("kill_manager");
}

#[test]
fn pool_worker_death_fails_its_task_only() {
    run_fault_script("pool_worker_dies");
}

#[test]
fn resources_cleaned_up_at_exit() {
    run_fault_script("cleanup_at_exit");
}

#[test]
fn locks_of_a_killed_child_stay_held() {
    run_fault_script("killed_lock_holder");
}

#[test]
fn manager_and_pool_of_a_killed_process_exit_by_themselves() {
    run_fault_script("parent_killed");
}

#[test]
fn pool_imap_reads_its_input_lazily() {
    run_fault_script("pool_imap_lazy");
}

#[test]
fn daemonic_children_end_with_their_parent() {
    run_fault_script("daemon_children_at_exit");
}

#[test]
fn every_fault_script_has_a_test() {
    let source = include_str!("mp_faults.rs");
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/mp_faults");
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "py") {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let call = format!("run_fault_script(\"{stem}\")");
            assert!(source.contains(&call), "tests/mp_faults/{stem}.py has no test in mp_faults.rs");
        }
    }
}
