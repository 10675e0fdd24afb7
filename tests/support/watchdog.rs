//! Running a child gilpy that must not hang: it gets its own process group, and if it is still
//! running after the time limit the whole group (the child and everything it started) is
//! SIGKILLed and the run reports a timeout.

#![allow(dead_code)] // each test crate that includes this module uses a part of it

use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

pub struct Finished {
    pub status: ExitStatus,
    pub stdout: String,
    pub stderr: String,
    /// The process group the child led (its pid).
    pub group: i32,
}

/// Runs `command` with stdout and stderr sent to files in `scratch` (pipes could be held open
/// by grandchildren and block reading), killing its process group after `limit`.
pub fn run_bounded(mut command: Command, scratch: &Path, limit: Duration) -> Result<Finished, String> {
    let stdout_path = scratch.join("stdout");
    let stderr_path = scratch.join("stderr");
    let stdout = std::fs::File::create(&stdout_path).map_err(|e| e.to_string())?;
    let stderr = std::fs::File::create(&stderr_path).map_err(|e| e.to_string())?;
    command.stdin(Stdio::null()).stdout(stdout).stderr(stderr).process_group(0);
    let mut child = command.spawn().map_err(|e| format!("cannot start: {e}"))?;
    let group = child.id() as i32;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > limit {
            kill_group(group);
            let _ = child.wait();
            let read = |p: &Path| std::fs::read_to_string(p).unwrap_or_default();
            return Err(format!(
                "still running after {limit:?}: killed\n--- stdout ---\n{}\n--- stderr ---\n{}",
                read(&stdout_path),
                read(&stderr_path)
            ));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Ok(Finished {
        status,
        stdout: std::fs::read_to_string(&stdout_path).unwrap_or_default(),
        stderr: std::fs::read_to_string(&stderr_path).unwrap_or_default(),
        group,
    })
}

pub fn kill_group(group: i32) {
    // SAFETY: kill has no memory preconditions; a negative pid names the process group.
    unsafe { libc::kill(-group, libc::SIGKILL) };
}

/// Whether any process of `group` is still there, after waiting up to `grace` for stragglers
/// (orphaned zombies are reaped by init a moment after their parent exits).
pub fn group_alive(group: i32, grace: Duration) -> bool {
    let started = Instant::now();
    loop {
        // SAFETY: signal 0 only checks that the group exists.
        let alive = unsafe { libc::kill(-group, 0) } == 0;
        if !alive || started.elapsed() > grace {
            return alive;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

/// A fresh empty directory for one test.
pub fn scratch_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("gilpy-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}
