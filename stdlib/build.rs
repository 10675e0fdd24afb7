//! Compiles the stdlib's Python modules (`src/lib/**.py`) ahead of time.
//!
//! Each module's code object is compiled by the interpreter crate (a build dependency, so the
//! same compiler the binary carries) and written with `marshal::dump_code` to `OUT_DIR`.
//! `frozen_modules.rs` there lists every module by import name with its source and its code,
//! for `lib.rs` to register: importing one then loads bytes instead of parsing and compiling
//! (a spawned multiprocessing child imports half a dozen of them before it runs anything).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use gilpy_interpreter::compile::{compile_source, Mode};
use gilpy_interpreter::marshal::dump_code;

fn main() {
    let lib = Path::new(&std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("src/lib");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    println!("cargo:rerun-if-changed={}", lib.display());
    let mut modules = Vec::new();
    python_files(&lib, &mut modules);
    modules.sort();
    let mut table = String::from("/// Every module of `src/lib`: import name, source, precompiled code.\n");
    table.push_str("pub(crate) const FROZEN_MODULES: &[(&str, &str, &[u8])] = &[\n");
    for path in &modules {
        let name = module_name(&lib, path);
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let filename = format!("<frozen {name}>");
        let code = compile_source(&text, &filename, Mode::Exec)
            .unwrap_or_else(|e| panic!("{}: line {}: {}", path.display(), e.lineno, e.msg));
        let bytes = dump_code(&code).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let blob = out.join(format!("{name}.code"));
        std::fs::write(&blob, bytes).unwrap_or_else(|e| panic!("{}: {e}", blob.display()));
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(table, "    ({name:?}, include_str!({:?}), include_bytes!({:?})),", path.display(), blob.display())
            .expect("writing to a String cannot fail");
    }
    table.push_str("];\n");
    let generated = out.join("frozen_modules.rs");
    std::fs::write(&generated, table).unwrap_or_else(|e| panic!("{}: {e}", generated.display()));
}

/// The `.py` files under `dir`, recursively.
fn python_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    for entry in entries {
        let path = entry.expect("a readable directory entry").path();
        if path.is_dir() {
            python_files(&path, found);
        } else if path.extension().is_some_and(|ext| ext == "py") {
            found.push(path);
        }
    }
}

/// `multiprocessing/pool.py` is `multiprocessing.pool`; a package's `__init__.py` is the package.
fn module_name(lib: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(lib).expect("under src/lib").with_extension("");
    let mut parts: Vec<String> = relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    if parts.last().is_some_and(|p| p == "__init__") {
        parts.pop();
    }
    parts.join(".")
}
