//! The globals and local namespace of each running frame, innermost last: what `globals()`,
//! `locals()` and `exec` without arguments see.
//!
//! Pushed and popped once per Python call, so it is kept free of reference counting on that
//! path: a function frame whose globals are its caller's (nearly every call) pushes an entry
//! that owns nothing and only remembers the address, and lookups walk down to the entry that
//! owns the dict. The address comparison is sound because the entry below keeps the dict alive
//! for as long as the new entry exists, so the address cannot be reused meanwhile.

use crate::object::ObjRef;

struct Scope {
    globals_addr: usize,
    /// `None` when the globals are those of the entry below.
    globals: Option<ObjRef>,
    namespace: Option<ObjRef>,
}

#[derive(Default)]
pub struct ScopeStack {
    entries: Vec<Scope>,
}

impl ScopeStack {
    #[inline]
    pub fn push(&mut self, globals: &ObjRef, namespace: Option<&ObjRef>) {
        let globals_addr = globals.addr();
        let inherited = namespace.is_none() && self.entries.last().is_some_and(|s| s.globals_addr == globals_addr);
        self.entries.push(Scope {
            globals_addr,
            globals: if inherited { None } else { Some(globals.clone()) },
            namespace: namespace.cloned(),
        });
    }

    #[inline]
    pub fn pop(&mut self) {
        self.entries.pop();
    }

    /// The innermost frame's globals.
    pub fn globals(&self) -> Option<ObjRef> {
        self.entries.iter().rev().find_map(|s| s.globals.clone())
    }

    /// The innermost frame's local namespace (its globals at module level or in a function
    /// whose locals were never published).
    pub fn locals(&self) -> Option<ObjRef> {
        let top = self.entries.last()?;
        top.namespace.clone().or_else(|| self.globals())
    }

    /// The innermost frame's published locals dict, if any.
    pub fn namespace(&self) -> Option<ObjRef> {
        self.entries.last().and_then(|s| s.namespace.clone())
    }

    pub fn set_namespace(&mut self, namespace: ObjRef) {
        if let Some(top) = self.entries.last_mut() {
            top.namespace = Some(namespace);
        }
    }
}
