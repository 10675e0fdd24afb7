//! # gilpy-stdlib: the standard modules
//!
//! One file or folder per Python module, found by its import name, built only on the
//! interpreter's public API. [`install`] registers them all with an interpreter builder: native
//! modules (Rust) and frozen ones (Python source in `lib/`, compiled into the binary).

use gilpy_interpreter::InterpreterBuilder;

pub mod multiprocessing;

/// Registers every stdlib module with `builder`.
pub fn install(builder: InterpreterBuilder) -> InterpreterBuilder {
    multiprocessing::install(builder)
}
