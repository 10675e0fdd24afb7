//! # gilpy-stdlib: the standard modules
//!
//! One file or folder per Python module, found by its import name, built only on the
//! interpreter's public API. [`install`] registers them all with an interpreter builder: native
//! modules (Rust) and frozen ones (Python source in `lib/`, compiled into the binary).
//! `build.rs` compiles every frozen module ahead of time (the interpreter is a build dependency),
//! so importing one loads its code objects instead of parsing and compiling it: a spawned
//! multiprocessing child imports several before it runs a line of the user's code.
//!
//! | module | kind | file |
//! | --- | --- | --- |
//! | `_thread` | native | `thread.rs`: threads, `lock`, `RLock` |
//! | `gil` | native | `gil.rs`: the GIL's statistics and timeline, for scripts |
//! | `threading` | frozen | `lib/threading.py`, on `_thread` |
//! | `_queue` | native | `queue/`: `SimpleQueue`, `Empty`, the native core of `Queue` |
//! | `queue` | frozen | `lib/queue.py`, on `_queue` |
//! | `time` | native | `time.rs`: clocks, sleep, struct_time, strftime |
//! | `os`, `os.path` | native | `os/`: processes, files, environ, paths |
//! | `json` | native | `json/`: encoder, decoder, `JSONDecodeError` |
//! | `random` | native | `random/`: CPython's Mersenne Twister and `Random` methods |
//! | `atexit` | frozen | `lib/atexit.py`, run by `Interpreter::shutdown` |
//! | `pickle` | native | `pickle/`: CPython's format, protocols 0-5 |
//! | `re` | frozen + native | `lib/re.py` on `re/` (`_re`, fancy-regex) |
//! | `signal` | frozen + native | `lib/signal.py` on `signal.rs` (`_signal`): numbers, SIG_DFL/SIG_IGN |
//! | `multiprocessing` | frozen + native | `lib/multiprocessing/` on `multiprocessing/` (`_multiprocessing`) |
//!
//! # Embedding: multiprocessing in a host application
//! `multiprocessing` starts a child by running the current executable (`sys.executable`) with
//! [`multiprocessing::CHILD_FLAG`]. In a Rust program that embeds gilpy that executable is the
//! host, so the host must call [`multiprocessing::run_child_if_requested`] first thing in
//! `main` (like CPython's `freeze_support()`), with a builder set up as for its own
//! interpreter, and exit with the status it returns when it returns one:
//!
//! ```no_run
//! fn builder() -> gilpy_interpreter::InterpreterBuilder {
//!     gilpy_stdlib::install(gilpy_interpreter::Interpreter::builder())
//! }
//!
//! fn main() -> std::process::ExitCode {
//!     if let Some(status) = gilpy_stdlib::multiprocessing::run_child_if_requested(builder()) {
//!         return std::process::ExitCode::from(status.clamp(0, 255) as u8);
//!     }
//!     let interp = builder().build();
//!     // ... interp.run_main(...), then interp.shutdown() (joins children, flushes queues)
//!     # drop(interp);
//!     std::process::ExitCode::SUCCESS
//! }
//! ```
//!
//! Functions given to `Process` or `Pool` must be importable in the child: put them in a
//! module file on `sys.path` or a `frozen_module` the builder registers (a host's inline main
//! script is not re-imported by children). `multiprocessing.set_executable(path)` points
//! children at another binary instead, for example a `gilpy` installed next to the host.
//! `examples/embed_multiprocessing.rs` is a complete host, run by
//! `tests/embed_multiprocessing.rs`.

use gilpy_interpreter::builtins::types::make_class;
use gilpy_interpreter::object::{NativeFn, NativeFunction, ObjRef, Payload};
use gilpy_interpreter::{InterpreterBuilder, Value, Vm};

#[allow(non_snake_case)]
pub mod _codecs;
pub mod gil;
mod json;
mod os;
mod queue;
pub use os::in_forked_child;
mod random;
mod signal;
pub mod thread;
pub mod time;
mod util;

pub mod multiprocessing;
pub mod pickle;
pub mod re;

// `FROZEN_MODULES`: the Python modules of `src/lib`, compiled by `build.rs`.
include!(concat!(env!("OUT_DIR"), "/frozen_modules.rs"));

/// Registers every stdlib module with `builder`.
pub fn install(mut builder: InterpreterBuilder) -> InterpreterBuilder {
    for (name, source, code) in FROZEN_MODULES {
        builder = builder.precompiled_module(name, source, code);
    }
    multiprocessing::install(builder)
        .native_module("_thread", thread::init)
        .native_module("gil", gil::init)
        .native_module("time", time::init)
        .native_module("json", json::init)
        .native_module("random", random::init)
        .native_module("os", os::init)
        .native_module("posixpath", os::path::init)
        .native_module("os.path", os::path::init)
        .native_module("_queue", queue::init)
        .native_module("pickle", pickle::init)
        .native_module("_codecs", _codecs::init)
        .native_module("_re", re::init)
        .native_module("_signal", signal::init)
}

/// Adds native functions to a module.
pub(crate) fn add_functions(vm: &mut Vm, module: &ObjRef, functions: &[(&'static str, NativeFn)]) {
    let Some(dict) = vm.module_dict(module) else { return };
    for &(name, func) in functions {
        let f = ObjRef::new(Payload::NativeFunction(NativeFunction { name, func, bound: None, owner: None }));
        vm.dict_set_str_value(&dict, Value::str(name), Value::Obj(f));
    }
}

/// Sets module attributes.
pub(crate) fn set_attrs<const N: usize>(vm: &mut Vm, module: &ObjRef, values: [(&str, Value); N]) {
    let Some(dict) = vm.module_dict(module) else { return };
    for (name, value) in values {
        vm.dict_set_str_value(&dict, Value::str(name), value);
    }
}

/// A type defined in Rust, deriving from `base`, shown as `module.name`.
pub(crate) fn native_class(
    vm: &mut Vm,
    name: &'static str,
    module: &str,
    base: ObjRef,
    methods: &[(&'static str, NativeFn)],
) -> ObjRef {
    let class = make_class(name, Some(base), None, true, methods);
    if let Payload::Class(c) = class.payload() {
        c.dict.borrow_mut(vm).set_str("__module__", Value::str(module));
    }
    class
}

#[cfg(test)]
mod tests {
    use gilpy_interpreter::bytecode::SourceFile;
    use gilpy_interpreter::compile::{compile_source, Mode};
    use gilpy_interpreter::marshal::{dump_code, load_code};

    use crate::FROZEN_MODULES;

    #[test]
    fn precompiled_modules_are_what_the_compiler_makes_of_their_source() {
        assert!(FROZEN_MODULES.iter().any(|(name, ..)| *name == "multiprocessing.pool"));
        for (name, source, code) in FROZEN_MODULES {
            let filename = format!("<frozen {name}>");
            let compiled = compile_source(source, &filename, Mode::Exec).expect("stdlib modules compile");
            assert!(dump_code(&compiled).unwrap() == *code, "{name}: precompiled code differs from its source's");
            let loaded = load_code(code, &SourceFile::new(&filename, source)).expect("precompiled code loads");
            assert_eq!(loaded.disassemble(), compiled.disassemble(), "{name}");
        }
    }
}
