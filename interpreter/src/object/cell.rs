//! `GilCell`: the one place where gilpy shares mutable object state between OS threads.
//!
//! # Why this is sound
//! Every mutable object interior (a list's items, a dict's table, an instance's attributes) lives
//! in a `GilCell`. Reading or writing it needs a `&Vm`, and a `Vm` is the per-thread state of a
//! thread that **holds its interpreter's GIL**:
//!
//! * `Vm` is `!Send` and `!Sync`, so a `&Vm` cannot move to another thread;
//! * code that releases the GIL (a blocking call, a check-interval switch, running Python code that
//!   might do either) takes `&mut Vm`, so the borrow checker rejects any `GilRef`/`GilRefMut`
//!   (which borrow the `&Vm`) still alive across it, and the closure run without the GIL cannot
//!   capture the `Vm` at all;
//! * the GIL is a mutex: releasing it on one thread and taking it on another orders every cell
//!   access before the switch before every access after it.
//!
//! So at any moment only one thread touches any cell of an interpreter, and never while a borrow
//! taken before a GIL release is alive. Within that thread the `RefCell` flag still catches the one
//! thing lifetimes cannot: a native function mutably borrowing a cell it is already reading. That
//! is an interpreter bug, reported as a Python `RuntimeError` by `try_*`, never memory corruption.
//!
//! Objects themselves are reference counted with `Arc`, whose counts are atomic, so a value may be
//! cloned or dropped on any thread, with or without the GIL; only its interior needs the GIL.

use std::cell::{Ref, RefCell, RefMut};

use crate::vm::Vm;

/// A mutable object interior guarded by the GIL (see the module docs).
pub struct GilCell<T> {
    inner: RefCell<T>,
}

pub type GilRef<'a, T> = Ref<'a, T>;
pub type GilRefMut<'a, T> = RefMut<'a, T>;

// SAFETY: the `RefCell` is only reached through `borrow`/`borrow_mut`, which take a `&Vm`, and a
// `Vm` exists only on the thread that holds the interpreter's GIL (it is !Send + !Sync, and the GIL
// is released only through `&mut Vm`, which ends every borrow). So no two threads ever touch the
// `RefCell` (including its borrow flag) concurrently, and the GIL mutex orders their accesses.
unsafe impl<T: Send> Sync for GilCell<T> {}

impl<T> GilCell<T> {
    pub const fn new(value: T) -> GilCell<T> {
        GilCell { inner: RefCell::new(value) }
    }

    /// Shared access; `_vm` proves the GIL is held.
    #[inline]
    pub fn borrow<'a>(&'a self, _vm: &'a Vm) -> GilRef<'a, T> {
        self.inner.borrow()
    }

    /// Exclusive access; `_vm` proves the GIL is held.
    #[inline]
    pub fn borrow_mut<'a>(&'a self, _vm: &'a Vm) -> GilRefMut<'a, T> {
        self.inner.borrow_mut()
    }

    /// Shared access, or `None` when the cell is mutably borrowed (the cycle collector, which
    /// must never guess at contents it cannot see).
    #[inline]
    pub fn try_borrow<'a>(&'a self, _vm: &'a Vm) -> Option<GilRef<'a, T>> {
        self.inner.try_borrow().ok()
    }

    /// Exclusive access, or `None` when the cell is borrowed.
    #[inline]
    pub fn try_borrow_mut<'a>(&'a self, _vm: &'a Vm) -> Option<GilRefMut<'a, T>> {
        self.inner.try_borrow_mut().ok()
    }

    /// Exclusive access when the caller owns the object outright (no other reference exists),
    /// e.g. while building it or in `Drop`.
    #[inline]
    pub fn get_mut(&mut self) -> &mut T {
        self.inner.get_mut()
    }

    pub fn into_inner(self) -> T {
        self.inner.into_inner()
    }

    /// For the cycle collector and `Drop` paths that run with the GIL held but without a `Vm`
    /// at hand.
    ///
    /// # Safety
    /// The caller must hold the interpreter's GIL and no `GilRefMut` of this cell may be alive.
    #[inline]
    pub unsafe fn borrow_unchecked(&self) -> GilRef<'_, T> {
        self.inner.borrow()
    }

    /// # Safety
    /// The caller must hold the interpreter's GIL and no other borrow of this cell may be alive.
    #[inline]
    pub unsafe fn borrow_mut_unchecked(&self) -> GilRefMut<'_, T> {
        self.inner.borrow_mut()
    }
}

impl<T: Default> Default for GilCell<T> {
    fn default() -> Self {
        GilCell::new(T::default())
    }
}
