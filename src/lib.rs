//! # gilpy: a Python-syntax interpreter with a real GIL, embeddable in Rust applications
//!
//! One dependency, one `use`: [`Engine`] is an interpreter with the standard library, a handle
//! that is `Send + Sync + Clone`, usable from any host thread.
//!
//! ## Run code, exchange values
//! ```
//! use gilpy::Engine;
//!
//! let engine = Engine::new();
//! engine.exec("def total(prices, tax=0.2):\n    return round(sum(prices) * (1 + tax), 2)").unwrap();
//! let t: f64 = engine.call("total", (vec![10.0, 5.0],)).unwrap();
//! assert_eq!(t, 18.0);
//!
//! engine.set_global("names", vec!["ann", "bob"]).unwrap();
//! let upper: Vec<String> = engine.eval("[n.upper() for n in names]").unwrap();
//! assert_eq!(upper, ["ANN", "BOB"]);
//! ```
//!
//! ## Extend: host functions and host types
//! ```
//! use gilpy::{Class, Engine};
//!
//! struct Counter { value: i64 }
//!
//! let engine = Engine::new();
//! engine.register_fn("add", |a: i64, b: i64| a + b);
//! engine.register_class(
//!     Class::<Counter>::new("Counter")
//!         .constructor(|| Counter { value: 0 })
//!         .method("increment", |c: &mut Counter| c.value += 1)
//!         .getter("value", |c: &Counter| c.value),
//! ).unwrap();
//! let v: i64 = engine.eval("(lambda c: [c.increment() for _ in range(add(2, 3))] and c.value)(Counter())").unwrap();
//! assert_eq!(v, 5);
//! ```
//!
//! ## Errors
//! Every failure is an [`Error`] carrying the exception's type, message and CPython-shaped
//! traceback; a host function's error shows in it as a frame `File "<rust:crate::name>"`, with
//! the Rust error's `source()` chain as `__cause__`s. A panicking host function raises
//! `SystemError`; no panic crosses into the interpreter.
//!
//! ## Threads and the GIL
//! Any host thread may call in: it takes the GIL for the call. Script threads (`threading`)
//! keep running between calls. A host function can release the GIL around slow Rust work with
//! [`allow_threads`]. [`Engine::gil_stats`] reports how the lock was shared. On glibc, a host
//! that runs CPU-bound script threads should start with `MALLOC_ARENA_MAX=1` (or call
//! `mallopt(M_ARENA_MAX, 1)` first thing, as the `gilpy` binary does): per-thread malloc arenas
//! can slow threads that take turns under the GIL by 15-40% (docs/performance.md).
//!
//! ## Output and sandboxing
//! [`Output`] sends `print` to the process, a buffer, a callback or nowhere;
//! [`Engine::capture`] collects what one call printed. [`Stdlib::Sandboxed`] leaves out what
//! reaches the host system (`os`, `open`, `multiprocessing`, file imports).
//!
//! ## Conversions
//! See [`IntoPy`] and [`FromPy`] for the table of Rust and Python types.
//!
//! ## The API at a glance
//!
//! | need | API |
//! | --- | --- |
//! | make an interpreter | [`Engine::new`], [`Engine::builder`]: [`Stdlib`], [`Output`], argv, path, recursion limit, check interval, in-memory modules |
//! | run code | [`Engine::exec`], [`Engine::exec_file`], [`Engine::eval`], [`Engine::compile`] + [`Engine::run`], [`Scope`]s |
//! | values | [`IntoPy`], [`FromPy`], [`Bytes`], [`BigInt`], [`PyObject`] handles |
//! | globals and calls | [`Engine::set_global`], [`Engine::global`], [`Engine::call`], [`PyObject::call`], [`PyObject::call_method`], [`CallArgs`] |
//! | extend | [`Engine::register_fn`], [`Engine::register_raw_fn`], [`Class`], [`Host`], [`Module`] |
//! | errors | [`Error`] (type, message, traceback, exception object) |
//! | threads | [`allow_threads`], [`declare_thread_stack`], [`Engine::gil_stats`], [`Engine::set_check_interval`], [`Engine::interrupt`] |
//! | output | [`Engine::capture`], [`Engine::eval_captured`], [`Engine::take_stdout`] |
//! | processes | [`EngineBuilder::run_multiprocessing_child`] |
//!
//! ## Lower level
//! [`interpreter`] and [`stdlib`] are the crates underneath, for what this API does not cover;
//! [`Engine::with_vm`] and [`PyObject::with_vm`] give their `Vm` with the GIL held.

#![warn(missing_docs)]

mod class;
mod convert;
mod engine;
mod error;
mod gil;
mod host;
mod object;
mod output;

pub use class::{Class, Host, HostMethod, Module};
pub use convert::{BigInt, Bytes, FromPy, IntoPy};
pub use engine::{Engine, EngineBuilder, Program, Scope, Stdlib, WeakEngine};
pub use error::Error;
pub use gil::{allow_threads, declare_thread_stack};
pub use host::{BoxError, HostFailure, HostFn, IntoHostResult, RawArgs};
pub use object::{CallArgs, IntoArgs, PyObject};
pub use output::{Captured, Output};

/// The interpreter crate (compiler, VM, object model, GIL), for lower-level access.
pub use gilpy_interpreter as interpreter;
/// The GIL statistics type returned by [`Engine::gil_stats`].
pub use gilpy_interpreter::gil::GilReport;
pub use gilpy_interpreter::{InterruptHandle, LimitExceeded, LimitKind, Limits};
/// The standard-library crate.
pub use gilpy_stdlib as stdlib;

/// `Result` with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn handles_are_send_and_sync() {
        assert_send_sync::<crate::Engine>();
        assert_send_sync::<crate::PyObject>();
        assert_send_sync::<crate::Error>();
        assert_send_sync::<crate::Program>();
    }
}
