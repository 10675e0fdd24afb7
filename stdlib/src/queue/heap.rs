//! The binary min-heap `PriorityQueue` keeps in a plain list, with `heapq`'s algorithm (push:
//! sift the new item up; pop: move the last item to the root, walk the hole down to a leaf
//! along the smaller children, then sift up), so that items that compare equal come out in the
//! same order as in CPython. Comparisons call `__lt__`, which may run Python code: no borrow of
//! the list is held across one, and a list that changed size meanwhile is an error, as in
//! `heapq`.

use gilpy_interpreter::object::{GilCell, Payload};
use gilpy_interpreter::{PyResult, Value, Vm};

/// The list's cell, or `TypeError: heap argument must be a list`.
fn cells<'a>(vm: &Vm, heap: &'a Value) -> PyResult<&'a GilCell<Vec<Value>>> {
    match heap.payload() {
        Some(Payload::List(items)) => Ok(items),
        _ => Err(vm.type_error("heap argument must be a list")),
    }
}

fn item_at(vm: &Vm, items: &GilCell<Vec<Value>>, i: usize) -> PyResult<Value> {
    let found = items.borrow(vm).get(i).cloned();
    found.ok_or_else(|| vm.index_error("list index out of range"))
}

/// `a < b`, then a check that the comparison left the heap's size alone.
fn less(vm: &mut Vm, items: &GilCell<Vec<Value>>, a: &Value, b: &Value, len: usize) -> PyResult<bool> {
    let lt = vm.lt(a, b)?;
    if items.borrow(vm).len() != len {
        return Err(vm.runtime_error("list changed size during iteration"));
    }
    Ok(lt)
}

fn set_at(vm: &Vm, items: &GilCell<Vec<Value>>, i: usize, v: Value) {
    // Swap the value in, and drop the old one after the borrow ends (it may have a finalizer).
    let old = items.borrow_mut(vm).get_mut(i).map(|slot| std::mem::replace(slot, v));
    drop(old);
}

/// Moves the item at `pos` towards the root (not above `start`) while it is smaller than its
/// parent.
fn sift_towards_root(vm: &mut Vm, items: &GilCell<Vec<Value>>, start: usize, mut pos: usize) -> PyResult<()> {
    let len = items.borrow(vm).len();
    let new_item = item_at(vm, items, pos)?;
    while pos > start {
        let parent_pos = (pos - 1) >> 1;
        let parent = item_at(vm, items, parent_pos)?;
        if !less(vm, items, &new_item, &parent, len)? {
            break;
        }
        set_at(vm, items, pos, parent);
        pos = parent_pos;
    }
    set_at(vm, items, pos, new_item);
    Ok(())
}

/// Walks the hole at `pos` down to a leaf along the smaller children, puts the item that was
/// at `pos` there, and sifts it back up.
fn sift_towards_leaves(vm: &mut Vm, items: &GilCell<Vec<Value>>, mut pos: usize) -> PyResult<()> {
    let len = items.borrow(vm).len();
    let start = pos;
    let new_item = item_at(vm, items, pos)?;
    let mut child = 2 * pos + 1;
    while child < len {
        let right = child + 1;
        if right < len {
            let (l, r) = (item_at(vm, items, child)?, item_at(vm, items, right)?);
            if !less(vm, items, &l, &r, len)? {
                child = right;
            }
        }
        let moved = item_at(vm, items, child)?;
        set_at(vm, items, pos, moved);
        pos = child;
        child = 2 * pos + 1;
    }
    set_at(vm, items, pos, new_item);
    sift_towards_root(vm, items, start, pos)
}

/// `heapq.heappush(heap, item)`.
pub fn push(vm: &mut Vm, heap: &Value, item: Value) -> PyResult<()> {
    let items = cells(vm, heap)?;
    let last = {
        let mut list = items.borrow_mut(vm);
        list.push(item);
        list.len() - 1
    };
    sift_towards_root(vm, items, 0, last)
}

/// `heapq.heappop(heap)`.
pub fn pop(vm: &mut Vm, heap: &Value) -> PyResult<Value> {
    let items = cells(vm, heap)?;
    let last = items.borrow_mut(vm).pop();
    let Some(last) = last else {
        return Err(vm.index_error("index out of range"));
    };
    let top = {
        let mut list = items.borrow_mut(vm);
        match list.first_mut() {
            Some(root) => std::mem::replace(root, last),
            None => return Ok(last),
        }
    };
    sift_towards_leaves(vm, items, 0)?;
    Ok(top)
}
