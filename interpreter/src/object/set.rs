//! `SetData`: the table behind `set` and `frozenset`, laid out exactly like CPython 3.11's
//! `setobject.c` (open addressing, 9 linear probes then perturbed jumps, resize at 60% fill), so
//! that a set of ints or tuples iterates and prints in the same order as under CPython.
//!
//! As with dicts, equality that needs Python code is reported back ([`Probe::Unsure`]) rather than
//! run while the table is borrowed.

use crate::object::dict::{builtin_eq, Probe};
use crate::value::Value;

const MIN_SIZE: usize = 8;
const LINEAR_PROBES: usize = 9;
const PERTURB_SHIFT: u32 = 5;

#[derive(Clone)]
enum Slot {
    Empty,
    /// A deleted entry (CPython's `dummy`, hash -1).
    Dummy,
    Active(i64, Value),
}

#[derive(Clone)]
pub struct SetData {
    table: Vec<Slot>,
    /// Active plus dummy slots.
    fill: usize,
    /// Active slots.
    used: usize,
    /// Where `pop` resumes its search.
    finger: usize,
}

impl Default for SetData {
    fn default() -> Self {
        SetData::new()
    }
}

impl SetData {
    pub fn new() -> SetData {
        SetData { table: vec![Slot::Empty; MIN_SIZE], fill: 0, used: 0, finger: 0 }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.used
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.used == 0
    }

    fn mask(&self) -> usize {
        self.table.len() - 1
    }

    /// Finds `key` with built-in equality, as `DictData::probe`.
    pub fn probe(&self, hash: i64, key: &Value) -> Probe {
        let mask = self.mask();
        let mut i = (hash as usize) & mask;
        let mut perturb = hash as usize;
        let mut unsure = Vec::new();
        loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            for j in 0..=probes {
                match &self.table[i + j] {
                    Slot::Empty => {
                        return if unsure.is_empty() { Probe::Missing } else { Probe::Unsure(unsure) };
                    }
                    Slot::Active(h, k) if *h == hash => match builtin_eq(k, key) {
                        Some(true) => return Probe::Found(i + j),
                        Some(false) => {}
                        None => unsure.push((i + j, k.clone())),
                    },
                    _ => {}
                }
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        }
    }

    /// Adds a key known not to be present (the caller probed first). As CPython 3.11's
    /// `set_add_entry`: the probe runs to the first empty slot, and if it passed dummies the key
    /// takes the *last* dummy seen (`freeslot = entry` without a NULL check), else the empty slot.
    pub fn insert_new(&mut self, hash: i64, key: Value) {
        let mask = self.mask();
        let mut i = (hash as usize) & mask;
        let mut perturb = hash as usize;
        let mut freeslot = None;
        let found_unused = loop {
            let probes = if i + LINEAR_PROBES <= mask { LINEAR_PROBES } else { 0 };
            let mut hit = None;
            for j in 0..=probes {
                match &self.table[i + j] {
                    Slot::Empty => {
                        hit = Some(i + j);
                        break;
                    }
                    Slot::Dummy => freeslot = Some(i + j),
                    Slot::Active(..) => {}
                }
            }
            if let Some(slot) = hit {
                break slot;
            }
            perturb >>= PERTURB_SHIFT;
            i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
        };
        if let Some(slot) = freeslot {
            self.used += 1;
            self.table[slot] = Slot::Active(hash, key);
            return;
        }
        self.fill += 1;
        self.used += 1;
        self.table[found_unused] = Slot::Active(hash, key);
        if self.fill * 5 >= mask * 3 {
            let minused = if self.used > 50000 { self.used * 2 } else { self.used * 4 };
            self.resize(minused);
        }
    }

    /// Grows (or shrinks) the table to the smallest power of two above `minused`, reinserting
    /// live keys in table order, as `set_table_resize` does.
    pub fn resize(&mut self, minused: usize) {
        let mut newsize = MIN_SIZE;
        while newsize <= minused {
            newsize <<= 1;
        }
        let old = std::mem::replace(&mut self.table, vec![Slot::Empty; newsize]);
        self.fill = self.used;
        let mask = newsize - 1;
        for slot in old {
            if let Slot::Active(hash, key) = slot {
                let mut i = (hash as usize) & mask;
                let mut perturb = hash as usize;
                'probe: loop {
                    if matches!(self.table[i], Slot::Empty) {
                        self.table[i] = Slot::Active(hash, key);
                        break 'probe;
                    }
                    if i + LINEAR_PROBES <= mask {
                        for j in 1..=LINEAR_PROBES {
                            if matches!(self.table[i + j], Slot::Empty) {
                                self.table[i + j] = Slot::Active(hash, key);
                                break 'probe;
                            }
                        }
                    }
                    perturb >>= PERTURB_SHIFT;
                    i = (i.wrapping_mul(5).wrapping_add(1).wrapping_add(perturb)) & mask;
                }
            }
        }
    }

    /// Makes room before adding `n` keys from another set or dict, as `set_update_internal`.
    pub fn reserve_for_merge(&mut self, n: usize) {
        if (self.fill + n) * 5 >= self.mask() * 3 {
            self.resize((self.used + n) * 2);
        }
    }

    pub fn remove_at(&mut self, index: usize) -> Option<Value> {
        match std::mem::replace(&mut self.table[index], Slot::Dummy) {
            Slot::Active(_, key) => {
                self.used -= 1;
                Some(key)
            }
            other => {
                self.table[index] = other;
                None
            }
        }
    }

    /// `set.pop()`: CPython's finger walk.
    pub fn pop(&mut self) -> Option<Value> {
        if self.used == 0 {
            return None;
        }
        let mut i = self.finger & self.mask();
        while !matches!(self.table[i], Slot::Active(..)) {
            i = (i + 1) & self.mask();
        }
        self.finger = i + 1;
        self.remove_at(i)
    }

    pub fn clear(&mut self) {
        *self = SetData::new();
    }

    pub fn iter(&self) -> impl Iterator<Item = &Value> {
        self.table.iter().filter_map(|s| match s {
            Slot::Active(_, k) => Some(k),
            _ => None,
        })
    }

    pub fn iter_with_hash(&self) -> impl Iterator<Item = (i64, &Value)> {
        self.table.iter().filter_map(|s| match s {
            Slot::Active(h, k) => Some((*h, k)),
            _ => None,
        })
    }

    /// The live key at table position `index` or after it, for iterators.
    pub fn next_from(&self, index: usize) -> Option<(usize, &Value)> {
        self.table.get(index..)?.iter().enumerate().find_map(|(off, s)| match s {
            Slot::Active(_, k) => Some((index + off, k)),
            _ => None,
        })
    }

    pub fn to_vec(&self) -> Vec<Value> {
        self.iter().cloned().collect()
    }

    /// Active plus dummy slots (CPython's `fill`).
    pub fn fill(&self) -> usize {
        self.fill
    }

    /// Table size minus one (CPython's `mask`).
    pub fn table_mask(&self) -> usize {
        self.mask()
    }

    /// `set_swap_bodies` (used by `intersection_update`): take `other`'s table, keeping this
    /// set's `pop` finger as CPython does.
    pub fn replace_body(&mut self, other: SetData) -> SetData {
        let finger = self.finger;
        let old = std::mem::replace(self, other);
        self.finger = finger;
        old
    }

    /// `set_merge`'s first fast path: when this table is empty, has the same size as `other`'s
    /// and `other` has no dummies, copy `other`'s slots verbatim (same positions). Returns false
    /// (doing nothing) when the conditions do not hold.
    pub fn copy_table_from(&mut self, other: &SetData) -> bool {
        if self.fill != 0 || self.table.len() != other.table.len() || other.fill != other.used {
            return false;
        }
        self.table.clone_from(&other.table);
        self.fill = other.fill;
        self.used = other.used;
        true
    }
}
