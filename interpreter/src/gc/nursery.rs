//! Where new containers wait until a `Vm` hands them to its interpreter's collector.
//!
//! `ObjRef::new` has no `Vm` at hand, so it records a weak reference in a per-OS-thread list;
//! the thread's `Vm` (which holds the GIL) moves the list into the interpreter's youngest
//! generation at its periodic check, before it releases the GIL and when it is dropped. A `Vm`
//! created while another is active on the thread (one interpreter calling into another) sets the
//! outer one's entries aside and gives them back when it ends, so no interpreter ever receives
//! objects of another (their interiors are guarded by the other interpreter's GIL).
//!
//! Only the owning thread touches its list, without any lock. Objects made with no `Vm` on the
//! thread (the built-in types, while an interpreter is being built) belong to no interpreter
//! yet, so they stay untracked, as do objects still listed when a thread exits: an untracked
//! object is never cleared, and its references count as references from outside, so that only
//! ever keeps garbage alive, never frees something in use.

use std::cell::RefCell;

use crate::object::{ObjRef, WeakRef};

/// Below this many entries the list is never pruned.
const MIN_PRUNE_MARK: usize = 4096;

struct Nursery {
    items: Vec<WeakRef>,
    /// Length at which dead entries are dropped, so a thread making and dropping many
    /// containers between two periodic checks (inside one native call) stays bounded.
    prune_mark: usize,
}

thread_local! {
    static NURSERY: RefCell<Nursery> = const {
        RefCell::new(Nursery { items: Vec::new(), prune_mark: MIN_PRUNE_MARK })
    };
}

/// Records a new container (called by `ObjRef::new`, kept out of line so that stays small).
#[inline(never)]
pub fn register(obj: &ObjRef) {
    // `try_with`: objects made while the thread's locals are being destroyed stay untracked.
    let _ = NURSERY.try_with(|n| {
        if let Ok(mut n) = n.try_borrow_mut() {
            drop_dead_tail(&mut n.items);
            n.items.push(obj.downgrade());
            if n.items.len() >= n.prune_mark {
                prune(&mut n);
            }
        }
    });
}

/// How many of the newest entries each registration looks at.
const TAIL: usize = 4;

/// Drops entries among the newest few whose object has already died. Most containers are
/// temporaries that die within a few instructions; letting their weak reference go at once
/// frees their memory while it is still hot, where the allocator reuses it first.
#[inline]
fn drop_dead_tail(items: &mut Vec<WeakRef>) {
    let len = items.len();
    let mut i = len;
    while i > len.saturating_sub(TAIL) {
        i -= 1;
        if !items[i].is_alive() {
            items.swap_remove(i);
        }
    }
}

#[cold]
fn prune(n: &mut Nursery) {
    n.items.retain(WeakRef::is_alive);
    n.prune_mark = (n.items.len() * 2).max(MIN_PRUNE_MARK);
}

/// Takes every entry recorded on this thread so far.
pub fn take() -> Vec<WeakRef> {
    NURSERY
        .try_with(|n| match n.try_borrow_mut() {
            Ok(mut n) => {
                n.prune_mark = MIN_PRUNE_MARK;
                std::mem::take(&mut n.items)
            }
            Err(_) => Vec::new(),
        })
        .unwrap_or_default()
}

/// Moves the entries of objects still alive into `young`, keeping the list's capacity.
pub fn drain_into(young: &mut Vec<WeakRef>) {
    let _ = NURSERY.try_with(|n| {
        if let Ok(mut n) = n.try_borrow_mut() {
            young.extend(n.items.drain(..).filter(WeakRef::is_alive));
            n.prune_mark = MIN_PRUNE_MARK;
        }
    });
}

/// Is anything waiting? Cheap enough for every periodic check.
#[inline]
pub fn is_empty() -> bool {
    NURSERY.try_with(|n| n.try_borrow().map(|n| n.items.is_empty()).unwrap_or(true)).unwrap_or(true)
}

/// Puts entries set aside by [`take`] back (an inner `Vm` ending hands its outer one's back).
pub fn restore(mut items: Vec<WeakRef>) {
    if items.is_empty() {
        return;
    }
    let _ = NURSERY.try_with(|n| {
        if let Ok(mut n) = n.try_borrow_mut() {
            items.append(&mut n.items);
            n.items = items;
        }
    });
}
