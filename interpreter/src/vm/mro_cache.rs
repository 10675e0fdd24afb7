//! The attribute-lookup cache: where a name was found along a class's MRO, so that the next
//! lookup reads one dict entry instead of probing every class on the way (CPython's type
//! attribute cache, keyed differently).
//!
//! An entry records *where* the name was (the class in the MRO and the entry index in its dict),
//! or that it was nowhere, never the value: values are read fresh, so `Shape.count += 1`, which
//! rebinds an existing key, leaves every entry valid. What invalidates an entry is a change to
//! the key set of one of the MRO's dicts. Those dicts are watched (`DictData::watch_keys`) before
//! an entry is made, and any key change of a watched dict moves the process-wide keys epoch
//! (`dict::keys_epoch`), which every entry records. So a hit costs one atomic load and compare
//! plus a direct entry read; adding or deleting a class attribute anywhere empties the cache in
//! effect, which is rare once a program runs. MROs never change after a class is made
//! (`Class::mro_tail`), and class ids are never reused, so a dead class cannot alias a new one.
//!
//! The cache is per thread (in the `Vm`), so it needs no synchronisation; the epoch is read with
//! the GIL held, which orders it after any change made by another thread.

use std::cell::RefCell;

use crate::object::dict::keys_epoch;
use crate::object::{Class, DictData, GilCell, ObjRef, Payload};
use crate::value::Value;
use crate::vm::Vm;

/// Entries per thread (a power of two). Direct-mapped: a colliding lookup replaces the entry.
const ENTRIES: usize = 512;
/// `found` value of an entry for a name the MRO does not have.
const NOT_FOUND: u32 = u32::MAX;

struct Entry {
    class_id: u64,
    epoch: u64,
    hash: i64,
    name: Box<str>,
    /// Index into `[class] + mro_tail`, or `NOT_FOUND`.
    found: u32,
    /// Entry index in that class's dict.
    index: u32,
}

#[derive(Default)]
pub(crate) struct MroCache {
    /// Allocated on first use: most threads of a script never look an attribute up.
    entries: RefCell<Vec<Option<Entry>>>,
}

fn slot_of(class_id: u64, hash: i64) -> usize {
    (class_id.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ hash as u64) as usize & (ENTRIES - 1)
}

/// The dict of the `i`-th class of `c`'s MRO (`c` itself at 0), borrowed from the class.
fn mro_dict(c: &Class, i: usize) -> Option<&GilCell<DictData>> {
    if i == 0 {
        return Some(&c.dict);
    }
    match c.mro_tail.get(i - 1)?.payload() {
        Payload::Class(k) => Some(&k.dict),
        _ => None,
    }
}

/// `name` (with its str hash) looked up along the MRO of `class`: the value in the first class
/// dict that has it.
#[inline]
pub(crate) fn lookup(vm: &Vm, class: &ObjRef, hash: i64, name: &str) -> Option<Value> {
    let Payload::Class(c) = class.payload() else { return None };
    let slot = slot_of(c.id, hash);
    if let Some(hit) = cached(vm, c, slot, hash, name) {
        return hit;
    }
    fill(vm, c, slot, hash, name)
}

/// `Some(result)` when the entry for `(class, name)` is present and still valid.
#[inline]
fn cached(vm: &Vm, c: &Class, slot: usize, hash: i64, name: &str) -> Option<Option<Value>> {
    let entries = vm.mro_cache.entries.try_borrow().ok()?;
    let e = entries.get(slot)?.as_ref()?;
    if e.class_id != c.id || e.hash != hash || e.epoch != keys_epoch() || !same_name(e.name.as_bytes(), name.as_bytes())
    {
        return None;
    }
    if e.found == NOT_FOUND {
        return Some(None);
    }
    let (found, index) = (e.found as usize, e.index as usize);
    drop(entries);
    let value = mro_dict(c, found)?.try_borrow(vm)?.entry_at(index).map(|entry| entry.value.clone());
    value.map(Some)
}

/// `a == b` for attribute names, most of them under 17 bytes: compared with two (overlapping)
/// word loads instead of a call to `memcmp`, which cost a third of every cache hit.
#[inline(always)]
fn same_name(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    if n != b.len() {
        return false;
    }
    let word = |s: &[u8], at: usize| u64::from_ne_bytes(s[at..at + 8].try_into().expect("8 bytes"));
    let half = |s: &[u8], at: usize| u32::from_ne_bytes(s[at..at + 4].try_into().expect("4 bytes"));
    match n {
        8..=16 => word(a, 0) == word(b, 0) && word(a, n - 8) == word(b, n - 8),
        4..=7 => half(a, 0) == half(b, 0) && half(a, n - 4) == half(b, n - 4),
        _ => a == b,
    }
}

/// The uncached lookup, recording its result when every dict on the MRO could be watched.
#[cold]
#[inline(never)]
fn fill(vm: &Vm, c: &Class, slot: usize, hash: i64, name: &str) -> Option<Value> {
    let mro_len = 1 + c.mro_tail.len();
    // Watch first: a first watch draws a fresh version, which moves the epoch.
    let mut watched = true;
    for i in 0..mro_len {
        let Some(dict) = mro_dict(c, i) else { continue };
        match dict.try_borrow_mut(vm) {
            Some(mut d) => {
                d.watch_keys();
            }
            None => watched = false,
        }
    }
    let epoch = keys_epoch();
    let mut result = None;
    let mut found = NOT_FOUND;
    let mut index = 0;
    for i in 0..mro_len {
        let Some(dict) = mro_dict(c, i) else { continue };
        let dict = dict.borrow(vm);
        if let Some(at) = dict.find_str_hashed(hash, name) {
            result = dict.entry_at(at).map(|e| e.value.clone());
            found = i as u32;
            index = at as u32;
            break;
        }
    }
    if watched {
        if let Ok(mut entries) = vm.mro_cache.entries.try_borrow_mut() {
            if entries.is_empty() {
                entries.resize_with(ENTRIES, || None);
            }
            entries[slot] = Some(Entry { class_id: c.id, epoch, hash, name: name.into(), found, index });
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::same_name;

    #[test]
    fn same_name_agrees_with_slice_equality() {
        let names = [
            "",
            "x",
            "ab",
            "abc",
            "abcd",
            "abcde",
            "area",
            "scale",
            "__init__",
            "describe",
            "__getattribute__",
            "__getattribute_",
            "a_rather_long_attribute_name",
            "a_rather_long_attribute_namf",
            "_r",
            "_s",
            "abcdefgh",
            "abcdefgi",
            "bbcdefgh",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "xbcdefghijklmnop",
            "abcdefghXjklmnop",
        ];
        for a in names {
            for b in names {
                assert_eq!(same_name(a.as_bytes(), b.as_bytes()), a == b, "{a:?} vs {b:?}");
            }
        }
    }
}
