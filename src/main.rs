//! The `gilpy` command: run a script, `-c CODE`, or read a program from stdin. Thin by design:
//! everything else lives in the interpreter and stdlib crates.

use std::io::Read;
use std::process::ExitCode;

use gilpy_interpreter::Interpreter;

const USAGE: &str =
    "usage: gilpy [--version] [--help] [--check-interval N] [--gil-seed N] [--gil-stats] [--gil-trace FILE] \
[-c cmd | file | -] [arg] ...

GIL options (before the program):
  --check-interval N  offer the GIL to waiting threads every N bytecodes (default 100)
  --gil-seed N        deterministic scheduling: thread switches at seeded, reproducible points
  --gil-stats         print the GIL's statistics per thread to stderr at exit
  --gil-trace FILE    write the GIL's timeline at exit: Chrome trace-event JSON (Perfetto,
                      chrome://tracing), or a self-contained page if FILE ends in .html";

/// Scripts run on a thread with a large, known stack so deep recursion ends in RecursionError.
const MAIN_STACK: usize = 256 * 1024 * 1024;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let handle = std::thread::Builder::new().name("gilpy-main".into()).stack_size(MAIN_STACK).spawn(move || {
        gilpy_interpreter::vm::register_thread_stack(MAIN_STACK);
        run(args)
    });
    match handle.map(|h| h.join()) {
        Ok(Ok(code)) => ExitCode::from(code as u8),
        _ => ExitCode::from(70),
    }
}

/// GIL options given before the program.
#[derive(Default)]
struct GilOptions {
    check_interval: Option<u32>,
    seed: Option<u64>,
    stats: bool,
    trace: Option<String>,
}

/// Takes the GIL options off the front of `args` (after the program name).
fn parse_gil_options(args: &mut Vec<String>) -> Result<GilOptions, String> {
    let mut options = GilOptions::default();
    while args.len() > 1 {
        let (flag, inline) = match args[1].split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (args[1].clone(), None),
        };
        let takes_value = matches!(flag.as_str(), "--check-interval" | "--gil-seed" | "--gil-trace");
        if !takes_value && flag != "--gil-stats" {
            break;
        }
        args.remove(1);
        if flag == "--gil-stats" {
            options.stats = true;
            continue;
        }
        let value = match inline {
            Some(v) => v,
            None if args.len() > 1 => args.remove(1),
            None => return Err(format!("Argument expected for the {flag} option")),
        };
        match flag.as_str() {
            "--gil-trace" => options.trace = Some(value),
            "--check-interval" => match value.parse::<u32>() {
                Ok(n) if n > 0 => options.check_interval = Some(n),
                _ => return Err(format!("--check-interval expects a positive integer, not '{value}'")),
            },
            _ => match value.parse::<u64>() {
                Ok(n) => options.seed = Some(n),
                Err(_) => return Err(format!("--gil-seed expects a non-negative integer, not '{value}'")),
            },
        }
    }
    Ok(options)
}

fn run(mut args: Vec<String>) -> i32 {
    let gil = match parse_gil_options(&mut args) {
        Ok(o) => o,
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            return 2;
        }
    };
    let (filename, source, argv) = match args.get(1).map(String::as_str) {
        Some("--version" | "-V") => {
            println!("gilpy {} (Python 3.11 compatible)", env!("CARGO_PKG_VERSION"));
            return 0;
        }
        Some("--help" | "-h") => {
            println!("{USAGE}");
            return 0;
        }
        Some("-c") => match args.get(2) {
            Some(code) => {
                let mut argv = vec!["-c".to_string()];
                argv.extend(args[3..].iter().cloned());
                ("<string>".to_string(), code.clone(), argv)
            }
            None => {
                eprintln!("Argument expected for the -c option\n{USAGE}");
                return 2;
            }
        },
        Some(path) if path != "-" => match std::fs::read_to_string(path) {
            Ok(text) => (path.to_string(), text, args[1..].to_vec()),
            Err(e) => {
                eprintln!("gilpy: can't open file '{path}': [Errno {}] {e}", e.raw_os_error().unwrap_or(0));
                return 2;
            }
        },
        _ => {
            let mut text = String::new();
            if std::io::stdin().read_to_string(&mut text).is_err() {
                eprintln!("gilpy: could not read the program from stdin");
                return 2;
            }
            ("<stdin>".to_string(), text, vec![String::new()])
        }
    };
    let script_dir = match filename.as_str() {
        "<string>" | "<stdin>" => String::new(),
        f => std::path::Path::new(f).parent().map(|p| p.to_string_lossy().into_owned()).unwrap_or_default(),
    };
    let mut builder = Interpreter::builder().argv(argv).path(vec![script_dir]);
    if let Some(n) = gil.check_interval {
        builder = builder.check_interval(n);
    }
    if let Some(seed) = gil.seed {
        builder = builder.gil_seed(seed);
    }
    if gil.trace.is_some() {
        builder = builder.gil_trace(true);
    }
    let interp = gilpy_stdlib::install(builder).build();
    let status = match interp.run_main(&filename, &source) {
        Ok(()) => 0,
        Err((message, code)) => {
            eprint!("{message}");
            code
        }
    };
    // As CPython: wait for non-daemon threads, then exit (daemon threads end with the process).
    interp.shutdown();
    if gil.stats {
        eprint!("{}", interp.gil_report().format_table());
    }
    if let Some(path) = &gil.trace {
        let html = path.to_ascii_lowercase().ends_with(".html");
        let text = interp.gil_trace(html).unwrap_or_default();
        if let Err(e) = std::fs::write(path, text) {
            eprintln!("gilpy: can't write the GIL trace to '{path}': {e}");
        }
    }
    status
}
