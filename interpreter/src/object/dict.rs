//! `DictData`: an insertion-ordered hash table keyed by Python values.
//!
//! Entries sit in a `Vec` in insertion order (deleted ones leave a hole until the next compaction);
//! a `hashbrown::HashTable` maps hashes to entry indices. Hashing a key and comparing keys can run
//! Python code (`__hash__`, `__eq__`), which must not happen while the table is borrowed, so the
//! table works with precomputed hashes and reports [`Probe::Unsure`] when it meets a same-hash key
//! whose equality only Python code can decide; the VM (`vm/dict_ops.rs`) settles those outside the
//! borrow.

use std::sync::atomic::{AtomicU64, Ordering};

use hashbrown::HashTable;

use crate::value::Value;

#[derive(Clone)]
pub struct Entry {
    pub hash: i64,
    pub key: Value,
    pub value: Value,
}

#[derive(Default)]
pub struct DictData {
    entries: Vec<Option<Entry>>,
    table: HashTable<u32>,
    len: usize,
    /// 0 until a lookup cache depends on this dict's keys (see [`DictData::watch_keys`]); from
    /// then on a stamp that changes whenever a key is added or removed or entries move.
    keys_version: u64,
}

/// Where keys-version stamps come from. Process-wide so a stamp names one dict in one state:
/// a cache holding it cannot mistake another dict (say, a new one at a freed dict's address)
/// for the one it looked at. Drawn only when a watched dict's keys change, which is rare.
static NEXT_KEYS_VERSION: AtomicU64 = AtomicU64::new(1);

/// Changes whenever the keys of any watched dict change (or a dict is first watched): a cache
/// that depends on the key sets of several watched dicts is valid while this stays the same.
#[inline]
pub fn keys_epoch() -> u64 {
    NEXT_KEYS_VERSION.load(Ordering::Relaxed)
}

fn fresh_keys_version() -> u64 {
    NEXT_KEYS_VERSION.fetch_add(1, Ordering::Relaxed)
}

impl Clone for DictData {
    /// A copy is a different dict: it starts unwatched.
    fn clone(&self) -> DictData {
        DictData { entries: self.entries.clone(), table: self.table.clone(), len: self.len, keys_version: 0 }
    }
}

/// Result of looking a key up without running Python code.
pub enum Probe {
    Found(usize),
    Missing,
    /// Same-hash keys whose equality needs `__eq__`: (entry index, key).
    Unsure(Vec<(usize, Value)>),
}

/// Equality that needs no Python code: `Some(answer)` for built-in scalars, strs, bytes and tuples
/// of those; `None` when a user-defined `__eq__` could be involved.
pub fn builtin_eq(a: &Value, b: &Value) -> Option<bool> {
    builtin_eq_nested(a, b, 0)
}

/// Nested tuples deeper than this are compared by the VM, which guards its recursion.
const MAX_NATIVE_EQ_DEPTH: u32 = 64;

fn builtin_eq_nested(a: &Value, b: &Value, depth: u32) -> Option<bool> {
    use crate::object::Payload;
    match (a, b) {
        (Value::Int(x), Value::Int(y)) => Some(x == y),
        (Value::Int(x), Value::Float(y)) | (Value::Float(y), Value::Int(x)) => {
            Some((*x as f64) == *y && (*y as i64) == *x)
        }
        (Value::Float(x), Value::Float(y)) => Some(x == y),
        (Value::Bool(x), Value::Bool(y)) => Some(x == y),
        (Value::Bool(x), Value::Int(y)) | (Value::Int(y), Value::Bool(x)) => Some(*x as i64 == *y),
        (Value::Bool(x), Value::Float(y)) | (Value::Float(y), Value::Bool(x)) => Some(*x as i64 as f64 == *y),
        (Value::None, Value::None) => Some(true),
        (Value::Ellipsis, Value::Ellipsis) => Some(true),
        (Value::Obj(x), Value::Obj(y)) => {
            if x.ptr_eq(y) {
                return Some(true);
            }
            match (x.payload(), y.payload()) {
                (Payload::Str(s), Payload::Str(t)) => Some(s.as_str() == t.as_str()),
                (Payload::Bytes(s), Payload::Bytes(t)) => Some(s == t),
                (Payload::BigInt(s), Payload::BigInt(t)) => Some(s == t),
                (Payload::Tuple(s), Payload::Tuple(t)) => {
                    if s.len() != t.len() {
                        return Some(false);
                    }
                    if depth >= MAX_NATIVE_EQ_DEPTH {
                        return None;
                    }
                    for (p, q) in s.iter().zip(t.iter()) {
                        match builtin_eq_nested(p, q, depth + 1) {
                            Some(true) => {}
                            other => return other,
                        }
                    }
                    Some(true)
                }
                (Payload::Instance(_), _) | (_, Payload::Instance(_)) => None,
                (Payload::Native(_), _) | (_, Payload::Native(_)) => None,
                (Payload::FrozenSet(_), _) | (Payload::Set(_), _) => None,
                // Containers and other types that compare by value need their `__eq__`.
                (
                    Payload::List(_)
                    | Payload::Dict(_)
                    | Payload::DictView(..)
                    | Payload::Range(_)
                    | Payload::Slice(_)
                    | Payload::ByteArray(_)
                    | Payload::Complex(..)
                    | Payload::BoundMethod(_),
                    _,
                )
                | (
                    _,
                    Payload::List(_)
                    | Payload::Dict(_)
                    | Payload::DictView(..)
                    | Payload::Range(_)
                    | Payload::Slice(_)
                    | Payload::ByteArray(_)
                    | Payload::Complex(..)
                    | Payload::BoundMethod(_),
                ) => None,
                // Other built-in objects (functions, classes, modules...) compare by identity.
                _ => Some(false),
            }
        }
        (Value::Obj(o), other) | (other, Value::Obj(o)) => match o.payload() {
            crate::object::Payload::Instance(_) | crate::object::Payload::Native(_) => None,
            // `1 == 1+0j`, `2**70 == 2.0**70`.
            crate::object::Payload::Complex(..) => None,
            crate::object::Payload::BigInt(_) if matches!(other, Value::Float(_)) => None,
            _ => Some(false),
        },
        _ => Some(false),
    }
}

impl DictData {
    pub fn new() -> DictData {
        DictData::default()
    }

    pub fn with_capacity(n: usize) -> DictData {
        DictData { entries: Vec::with_capacity(n), table: HashTable::with_capacity(n), len: 0, keys_version: 0 }
    }

    /// The current keys-version stamp (0 while nothing watches this dict).
    #[inline]
    pub fn keys_version(&self) -> u64 {
        self.keys_version
    }

    /// Starts stamping key-set changes, for a cache that remembers where a key sits; returns the
    /// current stamp. While the stamp is unchanged, every entry index stays valid for its key.
    pub fn watch_keys(&mut self) -> u64 {
        if self.keys_version == 0 {
            self.keys_version = fresh_keys_version();
        }
        self.keys_version
    }

    #[inline]
    fn keys_changed(&mut self) {
        if self.keys_version != 0 {
            self.keys_version = fresh_keys_version();
        }
    }

    #[inline]
    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Looks `key` up by `hash` with built-in equality only.
    pub fn probe(&self, hash: i64, key: &Value) -> Probe {
        let mut unsure = Vec::new();
        for &idx in self.table.iter_hash(hash as u64) {
            let entry = self.entries[idx as usize].as_ref().expect("table points at live entries");
            if entry.hash != hash {
                continue;
            }
            match builtin_eq(&entry.key, key) {
                Some(true) => return Probe::Found(idx as usize),
                Some(false) => {}
                None => unsure.push((idx as usize, entry.key.clone())),
            }
        }
        if unsure.is_empty() {
            Probe::Missing
        } else {
            Probe::Unsure(unsure)
        }
    }

    /// Fast lookup for a key known to compare by built-in equality (e.g. a str attribute name).
    #[inline]
    pub fn get_builtin(&self, hash: i64, key: &Value) -> Option<&Value> {
        match self.probe(hash, key) {
            Probe::Found(i) => Some(&self.entries[i].as_ref()?.value),
            _ => None,
        }
    }

    /// Lookup of a str key (attribute and global names).
    #[inline]
    pub fn get_str(&self, key: &str) -> Option<&Value> {
        self.get_str_hashed(crate::object::str_hash(key.as_bytes()), key)
    }

    /// [`DictData::get_str`] with the key's hash already known (looking one name up in
    /// several dicts, as along an MRO).
    #[inline]
    pub fn get_str_hashed(&self, hash: i64, key: &str) -> Option<&Value> {
        for &idx in self.table.iter_hash(hash as u64) {
            let entry = self.entries[idx as usize].as_ref()?;
            if entry.hash == hash && entry.key.as_str() == Some(key) {
                return Some(&entry.value);
            }
        }
        None
    }

    /// The entry index of the exact-str key `key`, as [`DictData::get_str_hashed`] finds it.
    pub fn find_str_hashed(&self, hash: i64, key: &str) -> Option<usize> {
        for &idx in self.table.iter_hash(hash as u64) {
            let entry = self.entries[idx as usize].as_ref()?;
            if entry.hash == hash && entry.key.as_str() == Some(key) {
                return Some(idx as usize);
            }
        }
        None
    }

    pub fn entry_at(&self, index: usize) -> Option<&Entry> {
        self.entries.get(index).and_then(|e| e.as_ref())
    }

    pub fn value_at_mut(&mut self, index: usize) -> Option<&mut Value> {
        self.entries.get_mut(index).and_then(|e| e.as_mut()).map(|e| &mut e.value)
    }

    /// Inserts a key known not to be present.
    pub fn insert_new(&mut self, hash: i64, key: Value, value: Value) {
        let idx = self.entries.len() as u32;
        self.entries.push(Some(Entry { hash, key, value }));
        self.keys_changed();
        let entries = &self.entries;
        self.table
            .insert_unique(hash as u64, idx, |&i| entries[i as usize].as_ref().map(|e| e.hash as u64).unwrap_or(0));
        self.len += 1;
    }

    /// Sets a key whose equality is decided by built-in equality; returns the old value.
    pub fn set_builtin(&mut self, hash: i64, key: Value, value: Value) -> Option<Value> {
        match self.probe(hash, &key) {
            Probe::Found(i) => {
                let slot = self.value_at_mut(i).expect("found entry is live");
                Some(std::mem::replace(slot, value))
            }
            _ => {
                self.insert_new(hash, key, value);
                None
            }
        }
    }

    /// Sets a str key (namespaces).
    pub fn set_str(&mut self, key: &str, value: Value) -> Option<Value> {
        let hash = crate::object::str_hash(key.as_bytes());
        self.set_builtin(hash, Value::str(key), value)
    }

    pub fn set_str_value(&mut self, key: Value, value: Value) -> Option<Value> {
        let hash = match key.payload() {
            Some(crate::object::Payload::Str(s)) => s.hash(),
            _ => return None,
        };
        self.set_builtin(hash, key, value)
    }

    /// Removes the entry at `index`, returning it.
    pub fn remove_at(&mut self, index: usize) -> Option<Entry> {
        let entry = self.entries.get_mut(index)?.take()?;
        self.keys_changed();
        if let Ok(found) = self.table.find_entry(entry.hash as u64, |&i| i as usize == index) {
            found.remove();
        }
        self.len -= 1;
        if self.entries.len() > 16 && self.len * 2 < self.entries.len() {
            self.compact();
        }
        Some(entry)
    }

    pub fn remove_str(&mut self, key: &str) -> Option<Value> {
        let hash = crate::object::str_hash(key.as_bytes());
        let idx = match self.probe(hash, &Value::str(key)) {
            Probe::Found(i) => i,
            _ => return None,
        };
        self.remove_at(idx).map(|e| e.value)
    }

    fn compact(&mut self) {
        self.keys_changed();
        self.entries.retain(|e| e.is_some());
        self.table.clear();
        let entries = &self.entries;
        let hash_of = |i: &u32| entries[*i as usize].as_ref().map(|e| e.hash as u64).unwrap_or(0);
        for (i, e) in entries.iter().enumerate() {
            let hash = e.as_ref().map(|e| e.hash).unwrap_or(0);
            self.table.insert_unique(hash as u64, i as u32, hash_of);
        }
    }

    pub fn clear(&mut self) {
        self.keys_changed();
        self.entries.clear();
        self.table.clear();
        self.len = 0;
    }

    /// Live entries in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = &Entry> {
        self.entries.iter().filter_map(|e| e.as_ref())
    }

    /// Live entries with their indices, for iterators that must survive mutation.
    pub fn entries_from(&self, start: usize) -> Option<(usize, &Entry)> {
        self.entries[start.min(self.entries.len())..]
            .iter()
            .enumerate()
            .find_map(|(off, e)| e.as_ref().map(|e| (start + off, e)))
    }

    /// One past the last entry index (for iteration by index).
    pub fn capacity_index(&self) -> usize {
        self.entries.len()
    }

    pub fn keys(&self) -> Vec<Value> {
        self.iter().map(|e| e.key.clone()).collect()
    }

    pub fn values(&self) -> Vec<Value> {
        self.iter().map(|e| e.value.clone()).collect()
    }

    pub fn items(&self) -> Vec<(Value, Value)> {
        self.iter().map(|e| (e.key.clone(), e.value.clone())).collect()
    }

    /// Removes and returns the last inserted entry (`popitem`).
    pub fn pop_last(&mut self) -> Option<Entry> {
        let idx = self.entries.iter().rposition(|e| e.is_some())?;
        self.remove_at(idx)
    }
}
