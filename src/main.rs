//! The `gilpy` command, shaped like CPython's `python3`: `gilpy script.py`, `-c CODE`, `-m MODULE`,
//! `-` or piped stdin, `-i` for a prompt afterwards, and the REPL on a terminal. Thin by design:
//! running code lives in the interpreter crate's API, the modules in the stdlib crate.

mod options;
mod repl;
mod signals;

use std::io::{IsTerminal, Read};
use std::path::Path;
use std::process::ExitCode;

use gilpy_interpreter::{Interpreter, RunOutcome};
use options::{Options, Parsed, Program, HELP, USAGE};

/// Scripts run on a thread with a large, known stack so deep recursion ends in RecursionError.
const MAIN_STACK: usize = 256 * 1024 * 1024;

fn main() -> ExitCode {
    one_malloc_arena();
    let args: Vec<String> = std::env::args().skip(1).collect();
    let handle = std::thread::Builder::new().name("gilpy-main".into()).stack_size(MAIN_STACK).spawn(move || {
        gilpy_interpreter::vm::register_thread_stack(MAIN_STACK);
        gilpy_interpreter::vm::handle_signals_on_this_thread();
        let code = run(&args);
        if gilpy_stdlib::in_forked_child() {
            // A child of os.fork(): the process's first thread, which would return the exit code
            // from main(), does not exist here.
            std::process::exit(code);
        }
        code
    });
    match handle.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code as u8),
        _ => ExitCode::from(70),
    }
}

/// Makes every thread allocate from glibc's main arena instead of one arena per thread, unless
/// `MALLOC_ARENA_MAX` says otherwise. Under the GIL, Python threads take turns, so arenas buy no
/// parallelism; what they did do is place each thread's frame buffers elsewhere, and in some
/// placements the dispatch loop ran 15-40% slower: two CPU-bound threads on one pinned CPU took
/// 1.0-1.3x the time of the same work on one thread with per-thread arenas, 1.00-1.03x with one
/// (docs/performance.md, fourth round).
fn one_malloc_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    if std::env::var_os("MALLOC_ARENA_MAX").is_none() {
        // SAFETY: mallopt only sets an allocator parameter (glibc locks its own state), and no
        // other thread exists yet.
        unsafe { libc::mallopt(libc::M_ARENA_MAX, 1) };
    }
}

fn run(args: &[String]) -> i32 {
    if args.first().map(String::as_str) == Some(gilpy_stdlib::multiprocessing::CHILD_FLAG) {
        let builder = gilpy_stdlib::install(Interpreter::builder().argv(vec![String::new()]));
        return gilpy_stdlib::multiprocessing::run_child_if_requested(builder).unwrap_or(0);
    }
    match options::parse(args) {
        Parsed::Help => {
            print!("{HELP}");
            0
        }
        Parsed::Version => {
            println!("gilpy {} (Python 3.11 compatible)", env!("CARGO_PKG_VERSION"));
            0
        }
        Parsed::Error(message) => {
            eprintln!("{message}\n{USAGE}\nTry `gilpy -h' for more information.");
            2
        }
        Parsed::Run(options) => run_program(options),
    }
}

fn run_program(options: Options) -> i32 {
    let interactive_stdin = matches!(options.program, Program::Stdin { .. }) && std::io::stdin().is_terminal();
    let (argv0, path0) = match &options.program {
        Program::Command(_) => ("-c".to_string(), String::new()),
        // CPython puts '-m' in argv[0] while it looks for the module, then the module's file.
        Program::Module(_) => ("-m".to_string(), current_dir()),
        Program::Script(path) => (path.clone(), script_dir(path)),
        Program::Stdin { dash: true } => ("-".to_string(), String::new()),
        Program::Stdin { dash: false } => (String::new(), String::new()),
    };
    let mut argv = vec![argv0];
    argv.extend(options.args.iter().cloned());
    let mut builder = Interpreter::builder().argv(argv).path(vec![path0]);
    if let Some(n) = options.check_interval {
        builder = builder.check_interval(n);
    }
    if let Some(seed) = options.gil_seed {
        builder = builder.gil_seed(seed);
    }
    if options.gil_trace.is_some() {
        builder = builder.gil_trace(true);
    }
    let interp = gilpy_stdlib::install(builder).build();
    if !options.no_site {
        interp.install_site_builtins();
    }
    signals::install_sigint_handler(&interp);

    let outcome = match &options.program {
        Program::Command(code) => interp.run_as_main("<string>", code),
        Program::Module(name) => match interp.run_module_as_main(name) {
            Ok(outcome) => outcome,
            Err(message) => {
                eprintln!("{}: {message}", executable());
                return 1;
            }
        },
        Program::Script(path) => {
            let absolute = absolute(path);
            match std::fs::read_to_string(path) {
                Ok(source) => interp.run_as_main(&absolute, &source),
                Err(e) => {
                    eprintln!("{}: can't open file '{absolute}': {}", executable(), os_error(&e));
                    return 2;
                }
            }
        }
        Program::Stdin { .. } if interactive_stdin => return repl::run(&interp, !options.quiet),
        Program::Stdin { .. } if options.inspect => return repl::run(&interp, !options.quiet),
        Program::Stdin { .. } => {
            let mut source = String::new();
            if let Err(e) = std::io::stdin().read_to_string(&mut source) {
                eprintln!("{}: can't read the program from stdin: {}", executable(), os_error(&e));
                return 2;
            }
            interp.run_as_main("<stdin>", &source)
        }
    };
    if options.inspect {
        // Like `python3 -i`: report how the program ended, whatever it was, then prompt.
        match outcome {
            RunOutcome::Finished => {}
            RunOutcome::Raised { traceback, .. } => eprint!("{traceback}"),
            RunOutcome::Exit { traceback, .. } => eprint!("{traceback}"),
        }
        let status = repl::run(&interp, false);
        finish(&interp, &options);
        return status;
    }
    // As CPython: the uncaught exception is reported first, then threads are joined and
    // `atexit` functions run.
    if !matches!(outcome, RunOutcome::Finished) {
        interp.with_vm(gilpy_interpreter::flush_std);
    }
    let status = match &outcome {
        RunOutcome::Finished => 0,
        RunOutcome::Raised { traceback, .. } => {
            eprint!("{traceback}");
            1
        }
        RunOutcome::Exit { code, message, .. } => {
            eprint!("{message}");
            *code
        }
    };
    finish(&interp, &options);
    if let RunOutcome::Raised { keyboard_interrupt: true, .. } = outcome {
        signals::exit_by_sigint();
    }
    status
}

/// As CPython at exit: wait for non-daemon threads (daemon threads end with the process), then
/// print the GIL report if asked.
fn finish(interp: &Interpreter, options: &Options) {
    interp.shutdown();
    if options.gil_stats {
        eprint!("{}", interp.gil_report().format_table());
    }
    if let Some(path) = &options.gil_trace {
        let html = path.to_ascii_lowercase().ends_with(".html");
        let text = interp.gil_trace(html).unwrap_or_default();
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("gilpy: can't write the GIL trace to '{path}': {e}");
        }
    }
}

fn current_dir() -> String {
    std::env::current_dir().map(|d| d.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The script's path made absolute, as CPython reports it in `__file__` and tracebacks.
fn absolute(path: &str) -> String {
    std::path::absolute(path).map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| path.to_string())
}

/// `sys.path[0]` for a script: its directory, absolute.
fn script_dir(path: &str) -> String {
    let absolute = absolute(path);
    Path::new(&absolute).parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default()
}

/// The name error messages start with, CPython's `sys.executable`-style.
fn executable() -> String {
    std::env::current_exe().map(|p| p.to_string_lossy().into_owned()).unwrap_or_else(|_| "gilpy".to_string())
}

/// `[Errno 2] No such file or directory`, as Python formats an `OSError`.
fn os_error(e: &std::io::Error) -> String {
    let text = e.to_string();
    let message = text.split(" (os error").next().unwrap_or(&text).to_string();
    match e.raw_os_error() {
        Some(code) => format!("[Errno {code}] {message}"),
        None => message,
    }
}
