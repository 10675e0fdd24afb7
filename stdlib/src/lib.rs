//! # gilpy-stdlib: the standard modules
//!
//! One file or folder per Python module, found by its import name, built only on the
//! interpreter's public API. [`install`] registers them all with an interpreter builder: native
//! modules (Rust) and frozen ones (Python source in `lib/`, compiled into the binary).

use gilpy_interpreter::InterpreterBuilder;

mod json;
mod os;
mod random;
mod time;
mod util;

/// Registers every stdlib module with `builder`.
pub fn install(builder: InterpreterBuilder) -> InterpreterBuilder {
    builder
        .native_module("time", time::init)
        .native_module("json", json::init)
        .native_module("random", random::init)
        .native_module("os", os::init)
        .native_module("posixpath", os::path::init)
        .native_module("os.path", os::path::init)
}
