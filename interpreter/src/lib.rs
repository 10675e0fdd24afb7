//! # gilpy-interpreter: compiler, bytecode, VM, object model, GIL and embedding API
//!
//! Pipeline: `gilpy_grammar::parse_module` gives an AST; [`compile`] turns it into a
//! [`bytecode::CodeObject`]; the VM ([`vm`]) runs code objects on frames, one dispatch loop in
//! `vm/eval.rs`. [`marshal`] turns code objects into bytes and back, so the stdlib ships its
//! Python modules precompiled.
//!
//! ## Objects and threads
//! A [`Value`] is 16 bytes: `None`, bools, machine ints and floats inline, everything else an
//! [`object::ObjRef`], an `Arc` to an immutable header and a payload. Mutable interiors (list
//! items, dict tables, instance attributes) are [`object::GilCell`]s, which can only be borrowed
//! with a `&Vm`, the per-thread state of the thread that holds the GIL; anything that can release
//! the GIL or run Python code takes `&mut Vm`, so no borrow of an interior survives a GIL release
//! or a re-entrant call. `object/cell.rs` holds the only `unsafe` of the object model and the
//! argument for its soundness. A Python-level race (two threads doing `n -= 1`) can lose updates
//! exactly as in CPython, but can never touch memory unsafely.
//!
//! ## Memory
//! Reference counting frees garbage at once; `gc/` collects reference cycles with CPython's
//! algorithm (subtract internal references from the counts, what stays above zero is reachable
//! from outside). It needs no root scanning, so values held by Rust code count as roots for free.
//! `ObjRef::new` tracks every container as it is made; collections run at the dispatch loop's
//! periodic check, in generations like CPython's, and `gc` is a built-in Python module.
//!
//! ## No global state
//! Everything an interpreter owns hangs off its [`Interpreter`]; several can live in one process.
//!
//! This crate depends only on `gilpy-grammar`; the stdlib crate builds on its public API.

pub mod builtins;
pub mod bytecode;
pub mod compile;
pub mod gc;
pub mod gil;
mod interactive;
mod interp;
pub mod limits;
pub mod marshal;
pub mod object;
pub mod sync;
pub mod sysmodule;
pub mod value;
pub mod vm;

pub use interactive::RunOutcome;
pub use interp::{flush_std, handle_uncaught, Interpreter, InterpreterBuilder};
pub use limits::{InterruptHandle, LimitExceeded, LimitKind, Limits};
pub use value::Value;
pub use vm::{Args, PyErr, Vm};

/// The result of anything that can raise a Python exception.
pub type PyResult<T> = Result<T, PyErr>;
