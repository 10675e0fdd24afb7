//! # gilpy-stdlib: the standard modules
//!
//! One file or folder per Python module, found by its import name, built only on the
//! interpreter's public API. [`install`] registers them all with an interpreter builder: native
//! modules (Rust) and frozen ones (Python source in `lib/`, compiled into the binary).

#[allow(non_snake_case)]
pub mod _codecs;
pub mod pickle;
pub mod re;

use gilpy_interpreter::InterpreterBuilder;

/// Registers every stdlib module with `builder`.
pub fn install(builder: InterpreterBuilder) -> InterpreterBuilder {
    builder
        .native_module("pickle", pickle::init)
        .native_module("_codecs", _codecs::init)
        .frozen_module("copyreg", include_str!("lib/copyreg.py"))
        .native_module("_re", re::init)
        .frozen_module("re", include_str!("lib/re.py"))
}
