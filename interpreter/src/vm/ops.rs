//! Operators and protocols: binary and unary operators, rich comparison, truth, hashing,
//! `in`, iteration, subscripts, str()/repr()/format(), and dict/set operations that may run
//! `__hash__`/`__eq__`.

use crate::builtins::{self, receiver};
use crate::bytecode::{BinaryOp, CompareOp};
use crate::object::dict::{builtin_eq, Probe};
use crate::object::{DictData, GilCell, ObjRef, Payload, SetData};
use crate::value::Value;
use crate::vm::attr::lookup_special;
use crate::vm::{Args, PyErr, Vm};
use crate::PyResult;

impl Vm {
    // ----- binary and unary operators -----

    pub fn binary_op(&mut self, a: &Value, b: &Value, op: BinaryOp) -> PyResult<Value> {
        if let Some(r) = builtins::int::numeric_binary(self, a, b, op) {
            return r;
        }
        if let Some(r) = self.str_binary(a, b, op) {
            return r;
        }
        self.binary_dunder(a, b, op, false)
    }

    pub fn inplace_op(&mut self, a: &Value, b: &Value, op: BinaryOp) -> PyResult<Value> {
        if let Some(r) = builtins::int::numeric_binary(self, a, b, op) {
            return r;
        }
        // str has no in-place operators: `s += t` is `s + t`.
        if let Some(r) = self.str_binary(a, b, op) {
            return r;
        }
        self.binary_dunder(a, b, op, true)
    }

    /// `str + str` and `str % values` without looking the dunders up, when no user class can
    /// take part (an instance operand could be a str subclass with a reflected method).
    #[inline]
    fn str_binary(&mut self, a: &Value, b: &Value, op: BinaryOp) -> Option<PyResult<Value>> {
        let x = a.as_str()?;
        match op {
            BinaryOp::Add => {
                let y = b.as_str()?;
                let mut s = String::with_capacity(x.len() + y.len());
                s.push_str(x);
                s.push_str(y);
                Some(Ok(Value::string(s)))
            }
            BinaryOp::Mod if !matches!(b.payload(), Some(Payload::Instance(_))) => {
                Some(builtins::str::percent_format(self, x, b).map(Value::string))
            }
            _ => None,
        }
    }

    fn binary_dunder(&mut self, a: &Value, b: &Value, op: BinaryOp, inplace: bool) -> PyResult<Value> {
        let (name, rname, iname) = op.dunders();
        if inplace {
            if let Some(f) = lookup_special(self, a, iname) {
                let r = self.call(&f, Args::new(&[a.clone(), b.clone()]))?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        let ta = self.class_of(a);
        let tb = self.class_of(b);
        let fa = lookup_special(self, a, name);
        let fb = if ta.ptr_eq(&tb) { None } else { lookup_special(self, b, rname) };
        let b_first = fb.is_some() && crate::vm::attr::is_subclass(self, &tb, &ta);
        if b_first {
            if let Some(f) = &fb {
                let r = self.call(f, Args::new(&[b.clone(), a.clone()]))?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        if let Some(f) = &fa {
            let r = self.call(f, Args::new(&[a.clone(), b.clone()]))?;
            if !matches!(r, Value::NotImplemented) {
                return Ok(r);
            }
        }
        if !b_first {
            if let Some(f) = &fb {
                let r = self.call(f, Args::new(&[b.clone(), a.clone()]))?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        if op == BinaryOp::Add {
            let seq_kind = match receiver(a).payload() {
                Some(Payload::Str(_)) => Some("str"),
                Some(Payload::List(_)) => Some("list"),
                Some(Payload::Tuple(_)) => Some("tuple"),
                _ => None,
            };
            if let Some(kind) = seq_kind {
                return Err(
                    self.type_error(format!("can only concatenate {kind} (not \"{}\") to {kind}", self.type_name(b)))
                );
            }
        }
        let sym = if inplace && op != BinaryOp::Pow { format!("{}=", op.symbol()) } else { op.symbol().to_string() };
        Err(self.type_error(format!(
            "unsupported operand type(s) for {sym}: '{}' and '{}'",
            self.type_name(a),
            self.type_name(b)
        )))
    }

    /// `-x`, `+x`, `~x`, `abs(x)` by dunder name.
    pub fn unary_op(&mut self, a: &Value, dunder: &str) -> PyResult<Value> {
        if let Some(r) = builtins::int::unary(self, a, dunder) {
            return r;
        }
        if let Some(f) = lookup_special(self, a, dunder) {
            return self.call(&f, Args::new(std::slice::from_ref(a)));
        }
        let sym = match dunder {
            "__neg__" => "unary -",
            "__pos__" => "unary +",
            "__invert__" => "unary ~",
            _ => "abs()",
        };
        Err(self.type_error(format!("bad operand type for {sym}: '{}'", self.type_name(a))))
    }

    // ----- comparison -----

    pub fn compare(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
        if let Some(r) = builtins::int::numeric_compare(a, b, op) {
            return Ok(Value::Bool(r));
        }
        if let (Some(x), Some(y)) = (a.as_str(), b.as_str()) {
            return Ok(Value::Bool(match op {
                CompareOp::Lt => x < y,
                CompareOp::Le => x <= y,
                CompareOp::Eq => x == y,
                CompareOp::Ne => x != y,
                CompareOp::Gt => x > y,
                CompareOp::Ge => x >= y,
            }));
        }
        // Comparing nested containers recurses through here (CPython's " in comparison" guard).
        if self.depth >= self.recursion_limit() || self.stack_exhausted() {
            return Err(self.new_exception_msg("RecursionError", "maximum recursion depth exceeded in comparison"));
        }
        self.depth += 1;
        let r = self.compare_by_dunders(a, b, op);
        self.depth -= 1;
        r
    }

    fn compare_by_dunders(&mut self, a: &Value, b: &Value, op: CompareOp) -> PyResult<Value> {
        let (name, rname) = op.dunders();
        let ta = self.class_of(a);
        let tb = self.class_of(b);
        let reflected_first = !ta.ptr_eq(&tb) && crate::vm::attr::is_subclass(self, &tb, &ta);
        let order: [(&Value, &Value, &str); 2] =
            if reflected_first { [(b, a, rname), (a, b, name)] } else { [(a, b, name), (b, a, rname)] };
        for (x, y, dunder) in order {
            if let Some(f) = lookup_special(self, x, dunder) {
                let r = self.call(&f, Args::new(&[x.clone(), y.clone()]))?;
                if !matches!(r, Value::NotImplemented) {
                    return Ok(r);
                }
            }
        }
        match op {
            CompareOp::Eq => Ok(Value::Bool(a.is(b))),
            CompareOp::Ne => Ok(Value::Bool(!a.is(b))),
            _ => Err(self.type_error(format!(
                "'{}' not supported between instances of '{}' and '{}'",
                op.symbol(),
                self.type_name(a),
                self.type_name(b)
            ))),
        }
    }

    /// `a == b` as a bool.
    pub fn eq(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        if let Some(r) = builtin_eq(a, b) {
            return Ok(r);
        }
        let r = self.compare(a, b, CompareOp::Eq)?;
        self.is_true(&r)
    }

    /// `a < b` as a bool (sorting, min, max).
    pub fn lt(&mut self, a: &Value, b: &Value) -> PyResult<bool> {
        match (a, b) {
            (Value::Int(x), Value::Int(y)) => return Ok(x < y),
            (Value::Float(x), Value::Float(y)) => return Ok(x < y),
            _ => {}
        }
        let r = self.compare(a, b, CompareOp::Lt)?;
        self.is_true(&r)
    }

    // ----- truth, hashing, membership -----

    pub fn is_true(&mut self, v: &Value) -> PyResult<bool> {
        Ok(match v {
            Value::Bool(b) => *b,
            Value::None => false,
            Value::Int(i) => *i != 0,
            Value::Float(f) => *f != 0.0,
            Value::Ellipsis | Value::NotImplemented => true,
            Value::Undefined => false,
            Value::Obj(o) => match o.payload() {
                Payload::Str(s) => !s.as_str().is_empty(),
                Payload::List(l) => !l.borrow(self).is_empty(),
                Payload::Tuple(t) => !t.is_empty(),
                Payload::Dict(d) => !d.borrow(self).is_empty(),
                Payload::Set(s) => !s.borrow(self).is_empty(),
                Payload::FrozenSet(s) => !s.is_empty(),
                Payload::BigInt(_) => true,
                Payload::Bytes(b) => !b.is_empty(),
                Payload::ByteArray(b) => !b.borrow(self).is_empty(),
                Payload::Range(r) => !r.is_empty(),
                Payload::Complex(re, im) => *re != 0.0 || *im != 0.0,
                Payload::Instance(_) | Payload::Native(_) => {
                    if let Some(f) = lookup_special(self, v, "__bool__") {
                        let r = self.call(&f, Args::new(std::slice::from_ref(v)))?;
                        return match r {
                            Value::Bool(b) => Ok(b),
                            _ => Err(self
                                .type_error(format!("__bool__ should return bool, returned {}", self.type_name(&r)))),
                        };
                    }
                    if let Some(f) = lookup_special(self, v, "__len__") {
                        let r = self.call(&f, Args::new(std::slice::from_ref(v)))?;
                        return Ok(self.to_index(&r)? != 0);
                    }
                    true
                }
                _ => true,
            },
        })
    }

    pub fn hash(&mut self, v: &Value) -> PyResult<i64> {
        if let Some(h) = builtins::int::numeric_hash(v) {
            return Ok(h);
        }
        match v {
            Value::None => return Ok(0x5f3759df),
            Value::Ellipsis => return Ok(0x1e11),
            Value::NotImplemented => return Ok(0x4e11),
            _ => {}
        }
        match v.payload() {
            Some(Payload::Str(s)) => return Ok(s.hash()),
            Some(Payload::Tuple(items)) => {
                if self.depth >= self.recursion_limit() || self.stack_exhausted() {
                    return Err(self.recursion_error());
                }
                self.depth += 1;
                let h = builtins::tuple::hash_tuple(self, items);
                self.depth -= 1;
                return h;
            }
            Some(Payload::FrozenSet(data)) => return Ok(builtins::set::hash_frozenset(data)),
            _ => {}
        }
        if let Some(f) = lookup_special(self, v, "__hash__") {
            if f.is_none() {
                return Err(self.type_error(format!("unhashable type: '{}'", self.type_name(v))));
            }
            let r = self.call(&f, Args::new(std::slice::from_ref(v)))?;
            return match r {
                Value::Int(i) => Ok(if i == -1 { -2 } else { i }),
                Value::Bool(b) => Ok(b as i64),
                _ => match builtins::int::numeric_hash(&r) {
                    Some(h) => Ok(h),
                    None => Err(self.type_error("__hash__ method should return an integer")),
                },
            };
        }
        Err(self.type_error(format!("unhashable type: '{}'", self.type_name(v))))
    }

    pub fn contains(&mut self, container: &Value, item: &Value) -> PyResult<bool> {
        let container_r = receiver(container).clone();
        match container_r.payload() {
            Some(Payload::Str(s)) if container_r.is(container) => {
                return match item.as_str() {
                    Some(sub) => Ok(s.as_str().contains(sub)),
                    None => Err(self.type_error(format!(
                        "'in <string>' requires string as left operand, not {}",
                        self.type_name(item)
                    ))),
                }
            }
            Some(Payload::Dict(_)) if container_r.is(container) => {
                let d = container_r.as_obj().expect("dict").clone();
                return Ok(self.dict_get(&d, item)?.is_some());
            }
            Some(Payload::Set(_) | Payload::FrozenSet(_)) if container_r.is(container) => {
                return builtins::set::contains_key(self, &container_r, item);
            }
            Some(Payload::List(_) | Payload::Tuple(_)) if container_r.is(container) => {
                let items = self.sequence_items(&container_r).unwrap_or_default();
                for x in &items {
                    if x.is(item) || self.eq(x, item)? {
                        return Ok(true);
                    }
                }
                return Ok(false);
            }
            _ => {}
        }
        if let Some(f) = lookup_special(self, container, "__contains__") {
            let r = self.call(&f, Args::new(&[container.clone(), item.clone()]))?;
            return self.is_true(&r);
        }
        let it = match self.get_iter(container) {
            Ok(it) => it,
            Err(e) if self.err_matches(&e, "TypeError") => {
                return Err(self.type_error(format!("argument of type '{}' is not iterable", self.type_name(container))))
            }
            Err(e) => return Err(e),
        };
        while let Some(x) = self.next(&it)? {
            if x.is(item) || self.eq(&x, item)? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    // ----- iteration -----

    pub fn get_iter(&mut self, v: &Value) -> PyResult<Value> {
        if let Some(it) = builtins::iterators::iter_of(self, v)? {
            return Ok(it);
        }
        if let Some(Payload::Generator(_)) = v.payload() {
            return Ok(v.clone());
        }
        if let Some(f) = lookup_special(self, v, "__iter__") {
            if !f.is_none() {
                let it = self.call(&f, Args::new(std::slice::from_ref(v)))?;
                if lookup_special(self, &it, "__next__").is_none()
                    && !matches!(it.payload(), Some(Payload::Iterator(_) | Payload::Generator(_)))
                {
                    return Err(
                        self.type_error(format!("iter() returned non-iterator of type '{}'", self.type_name(&it)))
                    );
                }
                return Ok(it);
            }
        }
        if lookup_special(self, v, "__getitem__").is_some() {
            return builtins::iterators::sequence_iter(self, v);
        }
        Err(self.type_error(format!("'{}' object is not iterable", self.type_name(v))))
    }

    /// Advances an iterator: `Ok(None)` when it is exhausted.
    pub fn next(&mut self, it: &Value) -> PyResult<Option<Value>> {
        // Iterators wrapping iterators (`map(f, map(f, ...))`) recurse natively.
        if self.stack_exhausted() {
            return Err(self.recursion_error());
        }
        match it.payload() {
            Some(Payload::Iterator(_)) => {
                let o = it.as_obj().expect("iterator object").clone();
                builtins::iterators::next(self, &o)
            }
            Some(Payload::Generator(_)) => match self.resume_generator(it, Value::None, None)? {
                crate::vm::generator::SendResult::Yielded(v) => Ok(Some(v)),
                crate::vm::generator::SendResult::Returned(_) => Ok(None),
            },
            _ => {
                let f = match lookup_special(self, it, "__next__") {
                    Some(f) => f,
                    None => return Err(self.type_error(format!("'{}' object is not an iterator", self.type_name(it)))),
                };
                match self.call(&f, Args::new(std::slice::from_ref(it))) {
                    Ok(v) => Ok(Some(v)),
                    Err(e) if self.err_matches(&e, "StopIteration") => Ok(None),
                    Err(e) => Err(e),
                }
            }
        }
    }

    /// All items of an iterable.
    pub fn iterate(&mut self, v: &Value) -> PyResult<Vec<Value>> {
        if let Some(items) = self.sequence_items(v) {
            return Ok(items);
        }
        let it = self.get_iter(v)?;
        let mut out = Vec::new();
        while let Some(x) = self.next(&it)? {
            out.push(x);
        }
        Ok(out)
    }

    /// The items of an exact list or tuple, cloned.
    pub fn sequence_items(&self, v: &Value) -> Option<Vec<Value>> {
        match v.payload()? {
            Payload::List(l) => Some(l.borrow(self).clone()),
            Payload::Tuple(t) => Some(t.to_vec()),
            _ => None,
        }
    }

    pub fn unpack(&mut self, seq: &Value, n: usize) -> PyResult<Vec<Value>> {
        if let Some(items) = self.sequence_items(seq) {
            return self.check_unpack_len(items, n);
        }
        let it = self.get_iter(seq).map_err(|e| {
            if self.err_matches(&e, "TypeError") {
                self.type_error(format!("cannot unpack non-iterable {} object", self.type_name(seq)))
            } else {
                e
            }
        })?;
        let mut items = Vec::with_capacity(n);
        while let Some(x) = self.next(&it)? {
            items.push(x);
            if items.len() > n {
                return Err(self.value_error(format!("too many values to unpack (expected {n})")));
            }
        }
        self.check_unpack_len(items, n)
    }

    /// All items for a starred assignment (`a, *b = seq`).
    pub fn unpack_all(&mut self, seq: &Value) -> PyResult<Vec<Value>> {
        if let Some(items) = self.sequence_items(seq) {
            return Ok(items);
        }
        let it = self.get_iter(seq).map_err(|e| {
            if self.err_matches(&e, "TypeError") {
                self.type_error(format!("cannot unpack non-iterable {} object", self.type_name(seq)))
            } else {
                e
            }
        })?;
        let mut items = Vec::new();
        while let Some(x) = self.next(&it)? {
            items.push(x);
        }
        Ok(items)
    }

    fn check_unpack_len(&self, items: Vec<Value>, n: usize) -> PyResult<Vec<Value>> {
        if items.len() < n {
            return Err(self.value_error(format!("not enough values to unpack (expected {n}, got {})", items.len())));
        }
        if items.len() > n {
            return Err(self.value_error(format!("too many values to unpack (expected {n})")));
        }
        Ok(items)
    }

    // ----- subscripts -----

    pub fn get_item(&mut self, container: &Value, key: &Value) -> PyResult<Value> {
        match (container.payload(), key) {
            (Some(Payload::List(l)), Value::Int(i)) => {
                let items = l.borrow(self);
                let idx = if *i < 0 { *i + items.len() as i64 } else { *i };
                if idx >= 0 && (idx as usize) < items.len() {
                    return Ok(items[idx as usize].clone());
                }
                drop(items);
                return Err(self.index_error("list index out of range"));
            }
            (Some(Payload::Tuple(t)), Value::Int(i)) => {
                let idx = if *i < 0 { *i + t.len() as i64 } else { *i };
                if idx >= 0 && (idx as usize) < t.len() {
                    return Ok(t[idx as usize].clone());
                }
                return Err(self.index_error("tuple index out of range"));
            }
            (Some(Payload::Dict(_)), _) => {
                let d = container.as_obj().expect("dict").clone();
                if let Some(v) = self.dict_get(&d, key)? {
                    return Ok(v);
                }
                return Err(self.key_error(key.clone()));
            }
            _ => {}
        }
        if let Some(f) = lookup_special(self, container, "__getitem__") {
            return self.call(&f, Args::new(&[container.clone(), key.clone()]));
        }
        if let Some(Payload::Class(_)) = container.payload() {
            if container.as_obj().is_some_and(|c| c.ptr_eq(self.types().get(builtins::types::TypeId::Type))) {
                // `type[int]`
                return Ok(builtins::generic_alias::new_generic_alias(self, container.clone(), key));
            }
            if let Ok(Some(f)) = crate::vm::attr::get_attr_opt(self, container, "__class_getitem__") {
                return self.call(&f, Args::new(std::slice::from_ref(key)));
            }
        }
        Err(self.type_error(format!("'{}' object is not subscriptable", self.type_name(container))))
    }

    pub fn set_item(&mut self, container: &Value, key: Value, value: Value) -> PyResult<()> {
        match (container.payload(), &key) {
            (Some(Payload::List(l)), Value::Int(i)) => {
                let mut items = l.borrow_mut(self);
                let idx = if *i < 0 { *i + items.len() as i64 } else { *i };
                if idx >= 0 && (idx as usize) < items.len() {
                    items[idx as usize] = value;
                    return Ok(());
                }
                drop(items);
                return Err(self.index_error("list assignment index out of range"));
            }
            (Some(Payload::Dict(_)), _) => {
                let d = container.as_obj().expect("dict").clone();
                return self.dict_set(&d, key, value);
            }
            _ => {}
        }
        if let Some(f) = lookup_special(self, container, "__setitem__") {
            self.call(&f, Args::new(&[container.clone(), key, value]))?;
            return Ok(());
        }
        Err(self.type_error(format!("'{}' object does not support item assignment", self.type_name(container))))
    }

    pub fn del_item(&mut self, container: &Value, key: &Value) -> PyResult<()> {
        if let Some(Payload::Dict(_)) = container.payload() {
            let d = container.as_obj().expect("dict").clone();
            if self.dict_del(&d, key)?.is_none() {
                return Err(self.key_error(key.clone()));
            }
            return Ok(());
        }
        if let Some(f) = lookup_special(self, container, "__delitem__") {
            self.call(&f, Args::new(&[container.clone(), key.clone()]))?;
            return Ok(());
        }
        Err(self.type_error(format!("'{}' object doesn't support item deletion", self.type_name(container))))
    }

    // ----- conversions -----

    /// `operator.index(v)`: ints, bools and objects with `__index__`.
    pub fn to_index(&mut self, v: &Value) -> PyResult<i64> {
        match v {
            Value::Int(i) => Ok(*i),
            Value::Bool(b) => Ok(*b as i64),
            _ => {
                if let Some(Payload::BigInt(_)) = v.payload() {
                    return Err(self.overflow_error("cannot fit 'int' into an index-sized integer"));
                }
                if let Some(f) = lookup_special(self, v, "__index__") {
                    let r = self.call(&f, Args::new(std::slice::from_ref(v)))?;
                    return match r {
                        Value::Int(i) => Ok(i),
                        Value::Bool(b) => Ok(b as i64),
                        Value::Obj(ref o) if matches!(o.payload(), Payload::BigInt(_)) => {
                            Err(self.overflow_error("cannot fit 'int' into an index-sized integer"))
                        }
                        _ => Err(self.type_error(format!("__index__ returned non-int (type {})", self.type_name(&r)))),
                    };
                }
                Err(self.type_error(format!("'{}' object cannot be interpreted as an integer", self.type_name(v))))
            }
        }
    }

    pub fn to_f64(&mut self, v: &Value) -> PyResult<f64> {
        match v {
            Value::Float(f) => Ok(*f),
            Value::Int(i) => Ok(*i as f64),
            Value::Bool(b) => Ok(*b as i64 as f64),
            _ => {
                if let Some(Payload::BigInt(b)) = v.payload() {
                    return match num_traits::ToPrimitive::to_f64(b) {
                        Some(f) if f.is_finite() => Ok(f),
                        _ => Err(self.overflow_error("int too large to convert to float")),
                    };
                }
                if let Some(f) = lookup_special(self, v, "__float__") {
                    let r = self.call(&f, Args::new(std::slice::from_ref(v)))?;
                    if let Value::Float(x) = r {
                        return Ok(x);
                    }
                }
                if let Some(f) = lookup_special(self, v, "__index__") {
                    let r = self.call(&f, Args::new(std::slice::from_ref(v)))?;
                    return self.to_f64(&r);
                }
                Err(self.type_error(format!("must be real number, not {}", self.type_name(v))))
            }
        }
    }

    pub fn str_of(&mut self, v: &Value) -> PyResult<String> {
        if let Some(s) = v.as_str() {
            return Ok(s.to_string());
        }
        if let Some(s) = builtins::int::repr_number(v) {
            return Ok(s);
        }
        match lookup_special(self, v, "__str__") {
            Some(f) => {
                let r = self.call(&f, Args::new(std::slice::from_ref(v)))?;
                match receiver(&r).as_str() {
                    Some(s) => Ok(s.to_string()),
                    None => Err(self.type_error(format!("__str__ returned non-string (type {})", self.type_name(&r)))),
                }
            }
            None => self.repr_of(v),
        }
    }

    pub fn repr_of(&mut self, v: &Value) -> PyResult<String> {
        match v {
            Value::None => return Ok("None".into()),
            Value::Ellipsis => return Ok("Ellipsis".into()),
            Value::NotImplemented => return Ok("NotImplemented".into()),
            _ => {}
        }
        if let Some(s) = builtins::int::repr_number(v) {
            return Ok(s);
        }
        if let Some(s) = v.as_str() {
            return Ok(builtins::str::repr_str(s));
        }
        // Checked before the call so that recursion through `__repr__` reports itself as such.
        if self.depth + 1 >= self.recursion_limit() || self.stack_exhausted() {
            return Err(self.new_exception_msg(
                "RecursionError",
                "maximum recursion depth exceeded while getting the repr of an object",
            ));
        }
        match lookup_special(self, v, "__repr__") {
            Some(f) => {
                self.depth += 1;
                let r = self.call(&f, Args::new(std::slice::from_ref(v)));
                self.depth -= 1;
                let r = r?;
                match receiver(&r).as_str() {
                    Some(s) => Ok(s.to_string()),
                    None => Err(self.type_error(format!("__repr__ returned non-string (type {})", self.type_name(&r)))),
                }
            }
            None => Ok(crate::builtins::object::default_repr(self, v)),
        }
    }

    pub fn ascii_of(&mut self, v: &Value) -> PyResult<String> {
        let r = self.repr_of(v)?;
        let mut out = String::with_capacity(r.len());
        for c in r.chars() {
            match c as u32 {
                0..=0x7f => out.push(c),
                0x80..=0xff => out.push_str(&format!("\\x{:02x}", c as u32)),
                0x100..=0xffff => out.push_str(&format!("\\u{:04x}", c as u32)),
                n => out.push_str(&format!("\\U{n:08x}")),
            }
        }
        Ok(out)
    }

    /// `format(v, spec)`.
    pub fn format(&mut self, v: &Value, spec: &str) -> PyResult<String> {
        if let Some(s) = v.as_str() {
            if spec.is_empty() {
                return Ok(s.to_string());
            }
        }
        if let Some(Payload::Instance(_)) = v.payload() {
            if let Some(f) = lookup_special(self, v, "__format__") {
                if !crate::builtins::object::is_object_native(&f) {
                    let r = self.call(&f, Args::new(&[v.clone(), Value::str(spec)]))?;
                    return match r.as_str() {
                        Some(s) => Ok(s.to_string()),
                        None => {
                            Err(self.type_error(format!("__format__ must return a str, not {}", self.type_name(&r))))
                        }
                    };
                }
            }
            let inner = receiver(v).clone();
            if !inner.is(v) {
                return builtins::str::format_value(self, &inner, spec);
            }
            if spec.is_empty() {
                return self.str_of(v);
            }
        }
        builtins::str::format_value(self, v, spec)
    }

    /// A str that never fails (for error messages and tracebacks).
    pub fn to_str_lossy(&mut self, v: &Value) -> String {
        self.str_of(v).unwrap_or_else(|_| "<unprintable object>".to_string())
    }

    pub fn recursion_limit(&self) -> usize {
        self.interp.recursion_limit.load(std::sync::atomic::Ordering::Relaxed)
    }

    // ----- dicts -----

    fn dict_cell<'a>(&self, d: &'a ObjRef) -> Option<&'a GilCell<DictData>> {
        match d.payload() {
            Payload::Dict(cell) => Some(cell),
            Payload::Instance(inst) => match &inst.base {
                crate::object::BaseState::Builtin(Value::Obj(o)) => match o.payload() {
                    // SAFETY-free re-borrow: `o` lives as long as `d` because the instance owns it.
                    Payload::Dict(_) => None,
                    _ => None,
                },
                _ => None,
            },
            _ => None,
        }
    }

    /// Resolves a key's position, running `__eq__` outside the borrow when needed.
    fn dict_find(&mut self, d: &ObjRef, hash: i64, key: &Value) -> PyResult<Option<usize>> {
        let d = dict_target(d);
        let cell = match self.dict_cell(&d) {
            Some(c) => c,
            None => return Ok(None),
        };
        let probe = cell.borrow(self).probe(hash, key);
        match probe {
            Probe::Found(i) => Ok(Some(i)),
            Probe::Missing => Ok(None),
            Probe::Unsure(candidates) => {
                for (idx, k) in candidates {
                    if self.eq(&k, key)? {
                        let cell = self.dict_cell(&d).expect("still a dict");
                        let still = cell.borrow(self).entry_at(idx).map(|e| e.key.is(&k)).unwrap_or(false);
                        if still {
                            return Ok(Some(idx));
                        }
                    }
                }
                Ok(None)
            }
        }
    }

    pub fn dict_get(&mut self, d: &ObjRef, key: &Value) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        let target = dict_target(d);
        match self.dict_find(&target, hash, key)? {
            Some(i) => {
                let cell = self.dict_cell(&target).expect("dict");
                Ok(cell.borrow(self).entry_at(i).map(|e| e.value.clone()))
            }
            None => Ok(None),
        }
    }

    pub fn dict_set(&mut self, d: &ObjRef, key: Value, value: Value) -> PyResult<()> {
        let hash = self.hash(&key)?;
        let target = dict_target(d);
        let found = self.dict_find(&target, hash, &key)?;
        let cell = match self.dict_cell(&target) {
            Some(c) => c,
            None => return Err(self.type_error("not a dict")),
        };
        let mut data = cell.borrow_mut(self);
        match found {
            Some(i) => {
                if let Some(slot) = data.value_at_mut(i) {
                    *slot = value;
                }
            }
            None => data.insert_new(hash, key, value),
        }
        Ok(())
    }

    pub fn dict_del(&mut self, d: &ObjRef, key: &Value) -> PyResult<Option<Value>> {
        let hash = self.hash(key)?;
        let target = dict_target(d);
        match self.dict_find(&target, hash, key)? {
            Some(i) => {
                let cell = self.dict_cell(&target).expect("dict");
                Ok(cell.borrow_mut(self).remove_at(i).map(|e| e.value))
            }
            None => Ok(None),
        }
    }

    /// Namespace lookup by an interned str name (hash cached in the str).
    #[inline]
    pub fn dict_get_str_value(&self, d: &ObjRef, name: &Value) -> Option<Value> {
        let hash = match name.payload() {
            Some(Payload::Str(s)) => s.hash(),
            _ => return None,
        };
        match d.payload() {
            Payload::Dict(cell) => cell.borrow(self).get_builtin(hash, name).cloned(),
            _ => None,
        }
    }

    pub fn dict_set_str_value(&self, d: &ObjRef, name: Value, value: Value) {
        if let Payload::Dict(cell) = d.payload() {
            cell.borrow_mut(self).set_str_value(name, value);
        }
    }

    pub fn dict_del_str_value(&self, d: &ObjRef, name: &Value) -> Option<Value> {
        match (d.payload(), name.as_str()) {
            (Payload::Dict(cell), Some(s)) => cell.borrow_mut(self).remove_str(s),
            _ => None,
        }
    }

    pub fn namespace_get(&mut self, ns: &ObjRef, name: &Value) -> PyResult<Option<Value>> {
        match ns.payload() {
            Payload::Dict(_) => Ok(self.dict_get_str_value(ns, name)),
            _ => match self.get_item(&Value::Obj(ns.clone()), name) {
                Ok(v) => Ok(Some(v)),
                Err(e) if self.err_matches(&e, "KeyError") => Ok(None),
                Err(e) => Err(e),
            },
        }
    }

    pub fn namespace_set(&mut self, ns: &ObjRef, name: Value, value: Value) -> PyResult<()> {
        match ns.payload() {
            Payload::Dict(_) => {
                self.dict_set_str_value(ns, name, value);
                Ok(())
            }
            _ => self.set_item(&Value::Obj(ns.clone()), name, value),
        }
    }

    /// `{**mapping}` (`merge`: `f(**a, **b)`, where a repeated key is an error).
    pub fn dict_update_from(&mut self, dict: &Value, mapping: &Value, merge: bool) -> PyResult<()> {
        let d = match dict.as_obj() {
            Some(d) => d.clone(),
            None => return Ok(()),
        };
        let pairs: Vec<(Value, Value)> = match mapping.payload() {
            Some(Payload::Dict(m)) => m.borrow(self).items(),
            _ => {
                let keys_fn = match crate::vm::attr::get_attr_opt(self, mapping, "keys")? {
                    Some(f) => f,
                    None => {
                        return Err(self.type_error(format!("'{}' object is not a mapping", self.type_name(mapping))))
                    }
                };
                let keys = self.call(&keys_fn, Args::new(&[]))?;
                let mut pairs = Vec::new();
                for k in self.iterate(&keys)? {
                    let v = self.get_item(mapping, &k)?;
                    pairs.push((k, v));
                }
                pairs
            }
        };
        for (k, v) in pairs {
            if merge && self.dict_get(&d, &k)?.is_some() {
                let key = self.str_of(&k)?;
                return Err(self.type_error(format!(
                    "keywords must be strings or got multiple values for keyword argument '{key}'"
                )));
            }
            self.dict_set(&d, k, v)?;
        }
        Ok(())
    }

    // ----- lists and sets -----

    pub fn list_append(&self, list: &Value, v: Value) {
        if let Some(Payload::List(l)) = list.payload() {
            l.borrow_mut(self).push(v);
        }
    }

    pub fn list_extend(&self, list: &Value, items: Vec<Value>) {
        if let Some(Payload::List(l)) = list.payload() {
            l.borrow_mut(self).extend(items);
        }
    }

    pub fn list_items(&self, list: &Value) -> Vec<Value> {
        self.sequence_items(list).unwrap_or_default()
    }

    pub fn new_set(&mut self, items: Vec<Value>) -> PyResult<Value> {
        let set = crate::gc::track(self, ObjRef::new(Payload::Set(GilCell::new(SetData::new()))));
        for item in items {
            self.set_add(&set, item)?;
        }
        Ok(set)
    }

    fn set_find(&mut self, set: &Value, hash: i64, key: &Value) -> PyResult<Option<usize>> {
        let probe = match set.payload() {
            Some(Payload::Set(cell)) => cell.borrow(self).probe(hash, key),
            Some(Payload::FrozenSet(data)) => data.probe(hash, key),
            _ => return Ok(None),
        };
        match probe {
            Probe::Found(i) => Ok(Some(i)),
            Probe::Missing => Ok(None),
            Probe::Unsure(candidates) => {
                for (idx, k) in candidates {
                    if self.eq(&k, key)? {
                        return Ok(Some(idx));
                    }
                }
                Ok(None)
            }
        }
    }

    pub fn set_add(&mut self, set: &Value, item: Value) -> PyResult<()> {
        let set = receiver(set).clone();
        let hash = self.hash(&item)?;
        if self.set_find(&set, hash, &item)?.is_some() {
            return Ok(());
        }
        if let Some(Payload::Set(cell)) = set.payload() {
            cell.borrow_mut(self).insert_new(hash, item);
        }
        Ok(())
    }

    pub fn set_contains(&mut self, set: &Value, item: &Value) -> PyResult<bool> {
        let set = receiver(set).clone();
        let hash = match self.hash(item) {
            Ok(h) => h,
            Err(e) => {
                // `[1] in {1}`: an unhashable probe is simply absent only for frozenset-convertible
                // sets; CPython raises TypeError here too.
                return Err(e);
            }
        };
        Ok(self.set_find(&set, hash, item)?.is_some())
    }

    /// Removes `item`; returns whether it was there.
    pub fn set_discard(&mut self, set: &Value, item: &Value) -> PyResult<bool> {
        let set = receiver(set).clone();
        let hash = self.hash(item)?;
        match self.set_find(&set, hash, item)? {
            Some(i) => {
                if let Some(Payload::Set(cell)) = set.payload() {
                    cell.borrow_mut(self).remove_at(i);
                }
                Ok(true)
            }
            None => Ok(false),
        }
    }

    /// An exception raised while another is handled gets it as `__context__` (unless it has
    /// one already: it may be passing through frames after it was raised).
    pub fn set_context(&self, err: PyErr) -> PyErr {
        self.chain_to_handled(err, false)
    }

    /// `raise exc`: like CPython, the exception being handled always becomes exc's context.
    pub fn set_context_on_raise(&self, err: PyErr) -> PyErr {
        self.chain_to_handled(err, true)
    }

    fn chain_to_handled(&self, err: PyErr, replace: bool) -> PyErr {
        let Some(handled) = self.handled.clone() else { return err };
        if handled.0.ptr_eq(&err.0) {
            return err;
        }
        let settable = err.data(self).is_some_and(|data| replace || data.context.is_none());
        if !settable {
            return err;
        }
        // Re-raising an exception that is already in the handled one's context chain would
        // make a cycle; cut the chain just before it, as CPython does.
        let mut link = handled.0.clone();
        let mut seen = vec![link.addr()];
        while let Some(data) = crate::vm::errors::exception_data(&link) {
            let next = match &data.borrow(self).context {
                Value::Obj(next) => next.clone(),
                _ => break,
            };
            if next.ptr_eq(&err.0) {
                data.borrow_mut(self).context = Value::None;
                break;
            }
            if seen.contains(&next.addr()) {
                break;
            }
            seen.push(next.addr());
            link = next;
        }
        if let Some(mut data) = err.data_mut(self) {
            data.context = handled.value();
        }
        err
    }
}

/// The dict object behind `d`: itself, or the dict a `class D(dict)` instance wraps.
pub fn dict_target(d: &ObjRef) -> ObjRef {
    match d.payload() {
        Payload::Instance(inst) => match &inst.base {
            crate::object::BaseState::Builtin(Value::Obj(o)) if matches!(o.payload(), Payload::Dict(_)) => o.clone(),
            _ => d.clone(),
        },
        _ => d.clone(),
    }
}
