//! Integer and sequence methods of `Random`: `randrange`, `randint`, `choice`, `shuffle`,
//! `sample`, `choices`, each drawing from the generator in the same order as CPython.

use num_bigint::BigInt;
use num_integer::Integer;
use num_traits::{One, Signed};

use gilpy_interpreter::builtins::functions::len_of;
use gilpy_interpreter::builtins::int::as_int;
use gilpy_interpreter::builtins::receiver;
use gilpy_interpreter::bytecode::BinaryOp;
use gilpy_interpreter::object::Payload;
use gilpy_interpreter::vm::attr::lookup_special;
use gilpy_interpreter::{Args, PyResult, Value, Vm};

use super::gen::{below_big, below_index, below_u64, gen as data, next_float, Gen};
use crate::util;

/// `operator.index(v)`, or for other numbers `int(v)` when it equals `v` (CPython 3.11 still
/// accepts integral floats here, with a DeprecationWarning); `what` names the argument in the
/// ValueError.
fn range_arg(vm: &mut Vm, v: &Value, what: &str) -> PyResult<BigInt> {
    if let Some(i) = as_int(v) {
        return Ok(i.to_big());
    }
    if let Some(f) = lookup_special(vm, v, "__index__") {
        let r = vm.call(&f, Args::new(std::slice::from_ref(v)))?;
        if let Some(i) = as_int(&r) {
            return Ok(i.to_big());
        }
    }
    let int_class = Value::Obj(vm.types().get(gilpy_interpreter::builtins::types::TypeId::Int).clone());
    let as_integer = vm.call1(&int_class, v.clone())?;
    if !vm.eq(&as_integer, v)? {
        return Err(vm.value_error(format!("non-integer {what} for randrange()")));
    }
    Ok(as_int(&as_integer).map(|i| i.to_big()).unwrap_or_default())
}

fn randrange_impl(
    vm: &mut Vm,
    d: &Gen<'_>,
    start: &Value,
    stop: Option<&Value>,
    step: Option<&Value>,
) -> PyResult<Value> {
    let istart = range_arg(vm, start, "arg 1")?;
    let Some(stop) = stop.filter(|s| !s.is_none()) else {
        // `step is not _ONE`: only the int 1 itself may be passed without a stop.
        if step.is_some_and(|s| !matches!(s, Value::Int(1))) {
            return Err(vm.type_error("Missing a non-None stop argument"));
        }
        if istart.is_positive() {
            return Ok(Value::int_from_big(below_big(vm, d, &istart)?));
        }
        return Err(vm.value_error("empty range for randrange()"));
    };
    let istop = range_arg(vm, stop, "stop")?;
    let width = &istop - &istart;
    let istep = match step {
        Some(s) => range_arg(vm, s, "step")?,
        None => BigInt::one(),
    };
    if istep.is_one() {
        if width.is_positive() {
            return Ok(Value::int_from_big(istart + below_big(vm, d, &width)?));
        }
        return Err(vm.value_error(format!("empty range for randrange() ({istart}, {istop}, {width})")));
    }
    let n = if istep.is_positive() {
        (&width + &istep - BigInt::one()).div_floor(&istep)
    } else if istep.is_negative() {
        (&width + &istep + BigInt::one()).div_floor(&istep)
    } else {
        return Err(vm.value_error("zero step for randrange()"));
    };
    if !n.is_positive() {
        return Err(vm.value_error("empty range for randrange()"));
    }
    let r = below_big(vm, d, &n)?;
    Ok(Value::int_from_big(istart + istep * r))
}

/// Fast path of `randrange`/`randint` for machine-size ints with step 1.
fn small_range(vm: &mut Vm, d: &Gen<'_>, start: &Value, stop: &Value) -> Option<PyResult<Value>> {
    let (Value::Int(a), Value::Int(b)) = (start, stop) else { return None };
    let width = *b as i128 - *a as i128;
    if width <= 0 || width > u64::MAX as i128 {
        return None;
    }
    Some(below_u64(vm, d, width as u64).map(|r| super::int_value(*a as i128 + r as i128)))
}

pub fn randrange(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let rest = Args { items: &args.items[1..], kwnames: args.kwnames };
    let a = util::bind(vm, "randrange", &rest, &["start", "stop", "step"], 1)?;
    let (start, stop, step) = (a[0].as_ref().expect("required"), a[1].as_ref(), a[2].as_ref());
    if step.is_none() {
        if let Some(stop) = stop {
            if let Some(r) = small_range(vm, d, start, stop) {
                return r;
            }
        }
    }
    randrange_impl(vm, d, start, stop, step)
}

pub fn randint(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let rest = Args { items: &args.items[1..], kwnames: args.kwnames };
    let a = util::bind(vm, "randint", &rest, &["a", "b"], 2)?;
    let (low, high) = (a[0].clone().expect("required"), a[1].clone().expect("required"));
    if let (Value::Int(x), Value::Int(y)) = (&low, &high) {
        if let Some(r) = small_range(vm, d, &Value::Int(*x), &super::int_value(*y as i128 + 1)) {
            return r;
        }
    }
    let stop = vm.binary_op(&high, &Value::Int(1), BinaryOp::Add)?;
    randrange_impl(vm, d, &low, Some(&stop), None)
}

pub fn choice(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let rest = Args { items: &args.items[1..], kwnames: args.kwnames };
    let a = util::bind(vm, "choice", &rest, &["seq"], 1)?;
    let seq = a[0].as_ref().expect("required");
    let n = len_of(vm, seq)?;
    if n == 0 {
        return Err(vm.index_error("Cannot choose from an empty sequence"));
    }
    let i = below_index(vm, d, n)?;
    vm.get_item(seq, &Value::Int(i as i64))
}

pub fn shuffle(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let rest = Args { items: &args.items[1..], kwnames: args.kwnames };
    let a = util::bind(vm, "shuffle", &rest, &["x"], 1)?;
    let x = a[0].as_ref().expect("required");
    let n = len_of(vm, x)?;
    if let Some(Payload::List(list)) = x.payload() {
        for i in (1..n).rev() {
            let j = below_index(vm, d, i + 1)?;
            let mut items = list.borrow_mut(vm);
            if i < items.len() && j < items.len() {
                items.swap(i, j);
            }
        }
        return Ok(Value::None);
    }
    for i in (1..n).rev() {
        let j = below_index(vm, d, i + 1)?;
        let (iv, jv) = (Value::Int(i as i64), Value::Int(j as i64));
        let (xi, xj) = (vm.get_item(x, &iv)?, vm.get_item(x, &jv)?);
        vm.set_item(x, iv, xj)?;
        vm.set_item(x, jv, xi)?;
    }
    Ok(Value::None)
}

/// `isinstance(population, collections.abc.Sequence)`, approximated: the built-in sequences,
/// and other objects with `__getitem__` and `__len__` that are not mappings or sets.
fn is_sequence(vm: &Vm, v: &Value) -> bool {
    match receiver(v).payload() {
        Some(Payload::List(_) | Payload::Tuple(_) | Payload::Str(_) | Payload::Range(_) | Payload::Bytes(_)) => true,
        Some(Payload::ByteArray(_)) => true,
        Some(Payload::Dict(_) | Payload::Set(_) | Payload::FrozenSet(_) | Payload::DictView(..)) => false,
        _ => lookup_special(vm, v, "__getitem__").is_some() && lookup_special(vm, v, "__len__").is_some(),
    }
}

pub fn sample(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let rest = Args { items: &args.items[1..], kwnames: args.kwnames };
    let a = util::bind(vm, "sample", &rest, &["population", "k", "counts"], 2)?;
    let population = a[0].clone().expect("required");
    let k_value = a[1].clone().expect("required");
    if !is_sequence(vm, &population) {
        return Err(vm.type_error("Population must be a sequence.  For dicts or sets, use sorted(d)."));
    }
    let n = len_of(vm, &population)?;
    if let Some(counts) = util::given(&a[2]) {
        return sample_with_counts(vm, &args, &population, n, counts, &k_value);
    }
    let k = vm.to_index(&k_value)?;
    if k < 0 || k as usize > n {
        return Err(vm.value_error("Sample larger than population or is negative"));
    }
    let k = k as usize;
    let mut setsize = 21usize;
    if k > 5 {
        let exponent = ((k * 3) as f64).ln() / 4f64.ln();
        setsize += 4usize.saturating_pow(exponent.ceil() as u32);
    }
    let mut result = util::try_vec(vm, k)?;
    if n <= setsize {
        let mut pool = vm.iterate(&population)?;
        for i in 0..k {
            let j = below_index(vm, d, n - i)?;
            result.push(pool[j].clone());
            pool[j] = pool[n - i - 1].clone();
        }
    } else {
        let mut selected = std::collections::HashSet::new();
        selected.try_reserve(k).map_err(|_| util::memory_error(vm))?;
        for _ in 0..k {
            let mut j = below_index(vm, d, n)?;
            while selected.contains(&j) {
                j = below_index(vm, d, n)?;
            }
            selected.insert(j);
            result.push(vm.get_item(&population, &Value::Int(j as i64))?);
        }
    }
    Ok(vm.new_list(result))
}

/// `sample(population, k, counts=...)`: a sample of `range(total)` mapped back through the
/// cumulative counts.
fn sample_with_counts(
    vm: &mut Vm,
    args: &Args<'_>,
    population: &Value,
    n: usize,
    counts: &Value,
    k: &Value,
) -> PyResult<Value> {
    let mut cum = accumulate(vm, counts)?;
    if cum.len() != n {
        return Err(vm.value_error("The number of counts does not match the population"));
    }
    let total = cum.pop().unwrap_or(Value::Int(0));
    if as_int(&total).is_none() {
        return Err(vm.type_error("Counts must be integers"));
    }
    if !as_int(&total).is_some_and(|t| !t.is_negative() && !t.is_zero()) {
        return Err(vm.value_error("Total of counts must be greater than zero"));
    }
    let range_class = Value::Obj(vm.types().get(gilpy_interpreter::builtins::types::TypeId::Range).clone());
    let range = vm.call1(&range_class, total)?;
    let this = args.items[0].clone();
    let sample_method = vm.get_attr_str(&this, "sample")?;
    let names = [Value::str("k")];
    let selections = vm.call(&sample_method, Args { items: &[range, k.clone()], kwnames: &names })?;
    let mut out = Vec::new();
    for s in vm.iterate(&selections)? {
        let i = bisect_right(vm, &cum, &s, 0, cum.len())?;
        out.push(vm.get_item(population, &Value::Int(i as i64))?);
    }
    Ok(vm.new_list(out))
}

/// `list(itertools.accumulate(items))`.
fn accumulate(vm: &mut Vm, items: &Value) -> PyResult<Vec<Value>> {
    let mut out: Vec<Value> = Vec::new();
    for v in vm.iterate(items)? {
        let next = match out.last() {
            Some(prev) => {
                let prev = prev.clone();
                vm.binary_op(&prev, &v, BinaryOp::Add)?
            }
            None => v,
        };
        out.push(next);
    }
    Ok(out)
}

/// `bisect.bisect_right(a, x, lo, hi)`.
fn bisect_right(vm: &mut Vm, a: &[Value], x: &Value, mut lo: usize, mut hi: usize) -> PyResult<usize> {
    while lo < hi {
        let mid = (lo + hi) / 2;
        if vm.lt(x, &a[mid])? {
            hi = mid;
        } else {
            lo = mid + 1;
        }
    }
    Ok(lo)
}

pub fn choices(vm: &mut Vm, args: Args<'_>) -> PyResult<Value> {
    let d = &data(vm, &args)?;
    let rest = Args { items: &args.items[1..], kwnames: args.kwnames };
    if rest.positional().len() > 2 {
        return Err(vm.type_error(format!(
            "Random.choices() takes from 2 to 3 positional arguments but {} were given",
            rest.positional().len() + 1
        )));
    }
    let a = util::bind(vm, "choices", &rest, &["population", "weights", "cum_weights", "k"], 1)?;
    let population = a[0].clone().expect("required");
    let k = match &a[3] {
        Some(k) => vm.to_index(k)?.max(0) as usize,
        None => 1,
    };
    let n = len_of(vm, &population)?;
    let cum_weights = match (util::given(&a[1]), util::given(&a[2])) {
        (None, None) => {
            let nf = n as f64;
            let mut out = util::try_vec(vm, k)?;
            for _ in 0..k {
                let i = (next_float(vm, d)? * nf).floor() as i64;
                out.push(vm.get_item(&population, &Value::Int(i))?);
            }
            return Ok(vm.new_list(out));
        }
        (Some(weights), None) => match accumulate(vm, weights) {
            Ok(c) => c,
            Err(e) if vm.err_matches(&e, "TypeError") && as_int(weights).is_some() => {
                let k = vm.repr_of(weights)?;
                return Err(vm.type_error(format!("The number of choices must be a keyword argument: k={k}")));
            }
            Err(e) => return Err(e),
        },
        (None, Some(cum)) => vm.iterate(cum)?,
        (Some(_), Some(_)) => return Err(vm.type_error("Cannot specify both weights and cumulative weights")),
    };
    if cum_weights.len() != n {
        return Err(vm.value_error("The number of weights does not match the population"));
    }
    let last = cum_weights.last().cloned().unwrap_or(Value::Int(0));
    let total_value = vm.binary_op(&last, &Value::Float(0.0), BinaryOp::Add)?;
    let total = vm.to_f64(&total_value)?;
    if total <= 0.0 {
        return Err(vm.value_error("Total of weights must be greater than zero"));
    }
    if !total.is_finite() {
        return Err(vm.value_error("Total of weights must be finite"));
    }
    let hi = n - 1;
    let mut out = util::try_vec(vm, k)?;
    for _ in 0..k {
        let x = Value::Float(next_float(vm, d)? * total);
        let i = bisect_right(vm, &cum_weights, &x, 0, hi)?;
        out.push(vm.get_item(&population, &Value::Int(i as i64))?);
    }
    Ok(vm.new_list(out))
}
